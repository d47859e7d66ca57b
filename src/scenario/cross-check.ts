import type { FaultAction } from '../../sim/index.js';
import { CLIENT_NODE } from '../cluster/names.js';
import { DEFAULT_PARAMS } from '../cluster/params.js';
import { PARAM_BOUNDS, SPAN, TIME, within } from './bounds.js';
import { checkBudget } from './cross-check-budget.js';
import { checkNamedCluster } from './cross-check-cluster.js';
import { checkFeasibility } from './cross-check-feasibility.js';
import { checkProcessNames } from './cross-check-processes.js';
import { checkShape, shapeGuarantees } from './cross-check-shape.js';
import { nameList, quote } from './quote.js';
import type { Scenario } from './types.js';

export interface Problem {
  readonly path: (string | number)[];
  readonly message: string;
}

export type Report = (path: (string | number)[], message: string) => void;
/** Reports an unknown node at `path` and returns false; `allowClient` also accepts the client node. */
export type RequireNode = (path: (string | number)[], id: string, allowClient?: boolean) => boolean;

/** The nodes that other fields may name, and how to say that a name is not among them. */
interface NodeNames {
  readonly ids: ReadonlySet<string>;
  readonly coordinators: ReadonlySet<string>;
  /** The end of an "unknown node" message: which nodes exist. */
  readonly known: (allowClient: boolean) => string;
  /** Why an election's coordinator is not one. */
  readonly notCoordinator: (id: string) => string;
}

const client = (allowClient: boolean): string => (allowClient ? ` (and "${CLIENT_NODE}")` : '');

/**
 * Checks that relate one field to another: exactly one of `cluster` and `shape`, nodes named
 * anywhere must exist (with the right capability), scripted times must fall inside the run, the
 * cluster must be able to start at all, and the run must keep to its budget. The field-level
 * schema has already passed, so every field has its declared type here, and no number is above
 * its maximum; one below its minimum is reported at its field and left out of these relations.
 * Every check here is linear in the size of the file: names are looked up in sets, and messages
 * that list names list a few. `brokenActions` are the scripted actions with a problem at one of
 * their own fields: the checks added later (process names) leave them to that problem first.
 */
export function crossCheck(s: Scenario, brokenActions: ReadonlySet<number> = new Set()): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message) => {
    problems.push({ path, message });
  };
  const quiet = within(s.faults?.quietAtMs, TIME) ? s.faults?.quietAtMs : undefined;
  const end = within(s.durationMs, SPAN) ? s.durationMs : undefined;
  const names = nodeNames(s);
  const requireNode: RequireNode = (path, id, allowClient = false) => {
    // Without a cluster (reported once, below) there is nothing to check names against.
    if (names === undefined || names.ids.has(id) || (allowClient && id === CLIENT_NODE)) return true;
    report(path, `unknown node ${quote(id)}; ${names.known(allowClient)}`);
    return false;
  };

  if (s.cluster !== undefined && s.shape !== undefined) {
    report(['shape'], 'give either "cluster" (the nodes by name) or "shape" (a cluster drawn from each seed), not both; remove one of them');
  } else if (s.cluster === undefined && s.shape === undefined) {
    report(['cluster'], 'missing: give "cluster" (the nodes by name) or "shape" (a cluster drawn from each seed; "shape": {} takes every default)');
  }
  if (s.cluster !== undefined) checkNamedCluster(s.cluster, report, requireNode, end);
  if (s.shape !== undefined) checkShape(s.shape, report);

  const params = { ...DEFAULT_PARAMS, ...s.params };
  const { electionTimeoutMinMs: min, electionTimeoutMaxMs: max } = params;
  if (within(min, PARAM_BOUNDS.electionTimeoutMinMs) && within(max, PARAM_BOUNDS.electionTimeoutMaxMs) && min > max) {
    report(['params', 'electionTimeoutMinMs'], `must not exceed electionTimeoutMaxMs (${min} > ${max})`);
  }

  s.faults?.script?.forEach((action, i) => checkAction(action, ['faults', 'script', i], requireNode, report, quiet, end));
  if (s.faults?.script !== undefined && s.faults.random === undefined) checkHealIds(s.faults.script, report);
  const randomNodes = s.faults?.random?.nodes;
  randomNodes?.forEach((id, i) => requireNode(['faults', 'random', 'nodes', i], id));
  if (randomNodes !== undefined) reportRepeats(randomNodes, ['faults', 'random', 'nodes'], report, (id) => `node ${quote(id)} is listed twice`);
  if (end !== undefined && quiet !== undefined && quiet > end) {
    report(['faults', 'quietAtMs'], `${quiet} is after the end of the run (durationMs ${end}); faults would never stop and liveness is never judged`);
  }

  s.elections?.forEach((e, i) => {
    const path = ['elections', i];
    if (names !== undefined && !names.coordinators.has(e.coordinator)) report([...path, 'coordinator'], names.notCoordinator(e.coordinator));
    if (end !== undefined && within(e.atMs, TIME) && e.atMs >= end) report([...path, 'atMs'], `${e.atMs} is not before the end of the run (durationMs ${end})`);
  });

  if (s.expect?.verdict === 'pass' && s.expect.invariant !== undefined) {
    report(['expect', 'invariant'], 'only meaningful with verdict "violation"; drop it or expect a violation');
  }
  const w = s.workload;
  if (w !== undefined && within(w.startMs, TIME) && within(w.stopMs, SPAN) && w.stopMs < w.startMs) {
    report(['workload', 'stopMs'], `must not be before workload.startMs (${w.stopMs} < ${w.startMs})`);
  }

  checkProcessNames(s, report, brokenActions);
  if (s.cluster !== undefined) checkFeasibility(s, s.cluster, report);
  checkBudget(s, report);
  return problems;
}

/** Reports every item of `items` that an earlier one repeats, at its index. */
export function reportRepeats(items: readonly string[], path: (string | number)[], report: Report, message: (item: string, first: number) => string): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const seen = first.get(item);
    if (seen === undefined) first.set(item, i);
    else report([...path, i], message(item, seen));
  });
}

/** The nodes other fields may name: the cluster's (the named one wins when both are given), or those every drawn cluster has. */
function nodeNames(s: Scenario): NodeNames | undefined {
  if (s.cluster !== undefined) {
    const nodes = s.cluster.nodes;
    const ids = [...new Set(nodes.map((n) => n.id))];
    const coordinators = s.cluster.coordinators ?? nodes.filter((n) => n.capabilities.includes('coordination')).slice(0, 3).map((n) => n.id);
    const known = `the cluster's nodes are ${nameList(ids)}`;
    const coordinatorList = nameList(coordinators);
    return {
      ids: new Set(ids),
      coordinators: new Set(coordinators),
      known: (allowClient) => `${known}${client(allowClient)}`,
      notCoordinator: (id) => `${quote(id)} runs no coordinator; pick one of ${coordinatorList}`,
    };
  }
  if (s.shape !== undefined) {
    const g = shapeGuarantees(s.shape);
    if (g === undefined) return undefined;
    const nodes = nameList(g.nodes);
    const coordinators = nameList(g.coordinators);
    return {
      ids: new Set(g.nodes),
      coordinators: new Set(g.coordinators),
      known: (allowClient) => `every cluster drawn from "shape" has ${nodes}${client(allowClient)} (raise the min of shape.nodes to name more)`,
      notCoordinator: (id) => `${quote(id)} does not run a coordinator in every cluster drawn from "shape"; pick one of ${coordinators}`,
    };
  }
  return undefined;
}

/**
 * A `heal` with an id that no scripted partition has would silently do nothing: a typo. (With
 * random faults the drawn partitions have ids too, so there the check is left out.)
 */
function checkHealIds(script: readonly FaultAction[], report: Report): void {
  const ids = new Set(script.flatMap((a) => (a.kind === 'partition' && a.id !== undefined ? [a.id] : [])));
  const known = ids.size > 0 ? `the script's partition ids are ${nameList([...ids])}` : 'no scripted partition has an id';
  script.forEach((action, i) => {
    if (action.kind !== 'heal' || action.id === undefined || ids.has(action.id)) return;
    report(['faults', 'script', i, 'id'], `${quote(action.id)} names no partition; ${known}`);
  });
}

/** A node on both sides of a partition would be cut off from itself, which means nothing: a slip. */
function checkSides(from: readonly string[], to: readonly string[], path: (string | number)[], report: Report): void {
  const fromAt = new Map<string, number>();
  from.forEach((id, j) => {
    if (!fromAt.has(id)) fromAt.set(id, j);
  });
  to.forEach((id, j) => {
    const k = fromAt.get(id);
    if (k !== undefined) report([...path, 'to', j], `${quote(id)} is on both sides of the partition (also from[${k}]); a node cannot be cut off from itself: remove it from "from" or "to"`);
  });
}

function checkAction(
  action: FaultAction,
  path: (string | number)[],
  requireNode: RequireNode,
  report: Report,
  quiet: number | undefined,
  end: number | undefined,
): void {
  switch (action.kind) {
    case 'crash-node':
    case 'restart-node':
    case 'kill-process':
    case 'pause-process':
    case 'wipe-disk':
    case 'slow-disk':
      requireNode([...path, 'node'], action.node);
      break;
    case 'partition':
      action.from.forEach((id, j) => requireNode([...path, 'from', j], id, true));
      action.to.forEach((id, j) => requireNode([...path, 'to', j], id, true));
      checkSides(action.from, action.to, path, report);
      break;
    case 'clog':
    case 'unclog':
      if (action.node !== undefined && action.link !== undefined) report(path, `give "node" or "link", not both`);
      if (action.kind === 'clog' && action.node === undefined && action.link === undefined) report(path, 'a clog needs "node" or "link"');
      if (action.node !== undefined) requireNode([...path, 'node'], action.node, true);
      action.link?.forEach((id, j) => requireNode([...path, 'link', j], id, true));
      break;
    case 'reorder':
    case 'unreorder':
      action.link?.forEach((id, j) => requireNode([...path, 'link', j], id, true));
      if (action.link !== undefined && action.link[0] === action.link[1]) report([...path, 'link'], 'a link joins two different nodes');
      break;
    case 'heal':
    case 'set-loss':
      break;
  }
  if (!within(action.at, TIME)) return;
  if (quiet !== undefined && action.at >= quiet) {
    report([...path, 'at'], `${action.at} is not before faults.quietAtMs (${quiet}): the action would never run`);
  } else if (end !== undefined && action.at >= end) {
    report([...path, 'at'], `${action.at} is not before the end of the run (durationMs ${end}): the action would never run`);
  }
}
