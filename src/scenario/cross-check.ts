import type { FaultAction } from '../../sim/index.js';
import { CLIENT_NODE } from '../cluster/names.js';
import { DEFAULT_PARAMS } from '../cluster/params.js';
import { checkNamedCluster } from './cross-check-cluster.js';
import { checkShape, shapeGuarantees } from './cross-check-shape.js';
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
  readonly ids: readonly string[];
  readonly coordinators: readonly string[];
  /** The end of an "unknown node" message: which nodes exist. */
  readonly known: (allowClient: boolean) => string;
  /** Why an election's coordinator is not one. */
  readonly notCoordinator: (id: string) => string;
}

const client = (allowClient: boolean): string => (allowClient ? ` (and "${CLIENT_NODE}")` : '');

/**
 * Checks that relate one field to another: exactly one of `cluster` and `shape`, nodes named
 * anywhere must exist (with the right capability), and scripted times must fall inside the run.
 * The field-level schema has already passed, so every field has its declared type here.
 */
export function crossCheck(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message) => {
    problems.push({ path, message });
  };
  const quiet = s.faults?.quietAtMs;
  const end = s.durationMs;
  const names = nodeNames(s);
  const requireNode: RequireNode = (path, id, allowClient = false) => {
    // Without a cluster (reported once, below) there is nothing to check names against.
    if (names === undefined || names.ids.includes(id) || (allowClient && id === CLIENT_NODE)) return true;
    report(path, `unknown node "${id}"; ${names.known(allowClient)}`);
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
  if (params.electionTimeoutMinMs > params.electionTimeoutMaxMs) {
    report(['params', 'electionTimeoutMinMs'], `must not exceed electionTimeoutMaxMs (${params.electionTimeoutMinMs} > ${params.electionTimeoutMaxMs})`);
  }

  s.faults?.script?.forEach((action, i) => checkAction(action, ['faults', 'script', i], requireNode, report, quiet, end));
  if (s.faults?.script !== undefined && s.faults.random === undefined) checkHealIds(s.faults.script, report);
  s.faults?.random?.nodes?.forEach((id, i) => requireNode(['faults', 'random', 'nodes', i], id));
  if (end !== undefined && quiet !== undefined && quiet > end) {
    report(['faults', 'quietAtMs'], `${quiet} is after the end of the run (durationMs ${end}); faults would never stop and liveness is never judged`);
  }

  s.elections?.forEach((e, i) => {
    const path = ['elections', i];
    if (names !== undefined && !names.coordinators.includes(e.coordinator)) report([...path, 'coordinator'], names.notCoordinator(e.coordinator));
    if (end !== undefined && e.atMs >= end) report([...path, 'atMs'], `${e.atMs} is not before the end of the run (durationMs ${end})`);
  });

  if (s.expect?.verdict === 'pass' && s.expect.invariant !== undefined) {
    report(['expect', 'invariant'], 'only meaningful with verdict "violation"; drop it or expect a violation');
  }
  if (s.workload?.startMs !== undefined && s.workload.stopMs !== undefined && s.workload.stopMs < s.workload.startMs) {
    report(['workload', 'stopMs'], `must not be before workload.startMs (${s.workload.stopMs} < ${s.workload.startMs})`);
  }
  return problems;
}

/** The nodes other fields may name: the cluster's (the named one wins when both are given), or those every drawn cluster has. */
function nodeNames(s: Scenario): NodeNames | undefined {
  if (s.cluster !== undefined) {
    const nodes = s.cluster.nodes;
    const ids = nodes.map((n) => n.id);
    const coordinators = s.cluster.coordinators ?? nodes.filter((n) => n.capabilities.includes('coordination')).slice(0, 3).map((n) => n.id);
    return {
      ids,
      coordinators,
      known: (allowClient) => `the cluster's nodes are ${[...new Set(ids)].join('|')}${client(allowClient)}`,
      notCoordinator: (id) => `"${id}" runs no coordinator; pick one of ${coordinators.join('|')}`,
    };
  }
  if (s.shape !== undefined) {
    const g = shapeGuarantees(s.shape);
    return {
      ids: g.nodes,
      coordinators: g.coordinators,
      known: (allowClient) => `every cluster drawn from "shape" has ${g.nodes.join('|')}${client(allowClient)} (raise the min of shape.nodes to name more)`,
      notCoordinator: (id) => `"${id}" does not run a coordinator in every cluster drawn from "shape"; pick one of ${g.coordinators.join('|')}`,
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
  script.forEach((action, i) => {
    if (action.kind !== 'heal' || action.id === undefined || ids.has(action.id)) return;
    const known = ids.size > 0 ? `the script's partition ids are ${[...ids].join('|')}` : 'no scripted partition has an id';
    report(['faults', 'script', i, 'id'], `"${action.id}" names no partition; ${known}`);
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
      requireNode([...path, 'node'], action.node);
      break;
    case 'partition':
      action.from.forEach((id, j) => requireNode([...path, 'from', j], id, true));
      action.to.forEach((id, j) => requireNode([...path, 'to', j], id, true));
      if (action.from.every((id) => action.to.includes(id))) report(path, 'a partition needs a node in "to" that is not in "from"');
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
  if (quiet !== undefined && action.at >= quiet) {
    report([...path, 'at'], `${action.at} is not before faults.quietAtMs (${quiet}): the action would never run`);
  } else if (end !== undefined && action.at >= end) {
    report([...path, 'at'], `${action.at} is not before the end of the run (durationMs ${end}): the action would never run`);
  }
}
