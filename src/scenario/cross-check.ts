import type { FaultAction } from '../../sim/index.js';
import { CLIENT_NODE } from '../cluster/names.js';
import { DEFAULT_PARAMS } from '../cluster/params.js';
import type { Scenario } from './types.js';

export interface Problem {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Checks that relate one field to another: nodes named anywhere must exist (with the right
 * capability), and scripted times must fall inside the run. The field-level schema has already
 * passed, so every field has its declared type here.
 */
export function crossCheck(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string): void => {
    problems.push({ path, message });
  };
  const nodes = s.cluster.nodes;
  const ids = nodes.map((n) => n.id);
  const known = [...new Set(ids)].join('|');

  nodes.forEach((node, i) => {
    const first = ids.indexOf(node.id);
    if (first !== i) report(['cluster', 'nodes', i, 'id'], `duplicate node id "${node.id}" (already cluster.nodes[${first}])`);
    if (node.id === CLIENT_NODE) report(['cluster', 'nodes', i, 'id'], `"${CLIENT_NODE}" is reserved for the workload's client node; pick another id`);
    const dup = node.capabilities.find((c, j) => node.capabilities.indexOf(c) !== j);
    if (dup !== undefined) report(['cluster', 'nodes', i, 'capabilities'], `capability "${dup}" is listed twice`);
  });

  const capable = (id: string, capability: string): boolean =>
    nodes.some((n) => n.id === id && (n.capabilities as readonly string[]).includes(capability));
  const coordinationNodes = nodes.filter((n) => n.capabilities.includes('coordination')).map((n) => n.id);
  const requireNode = (path: (string | number)[], id: string, allowClient = false): boolean => {
    if (ids.includes(id) || (allowClient && id === CLIENT_NODE)) return true;
    report(path, `unknown node "${id}"; the cluster's nodes are ${known}${allowClient ? ` (and "${CLIENT_NODE}")` : ''}`);
    return false;
  };

  const coordinators = s.cluster.coordinators ?? coordinationNodes.slice(0, 3);
  if (s.cluster.coordinators === undefined && coordinationNodes.length === 0) {
    report(['cluster', 'nodes'], 'no node has the "coordination" capability, so the cluster has no coordinator; give at least one node that capability');
  }
  s.cluster.coordinators?.forEach((id, i) => {
    const path = ['cluster', 'coordinators', i];
    if (!requireNode(path, id)) return;
    if (s.cluster.coordinators?.indexOf(id) !== i) report(path, `coordinator "${id}" is listed twice`);
    else if (!capable(id, 'coordination')) {
      report(path, `node "${id}" lacks the "coordination" capability; coordinators must be among ${coordinationNodes.join('|') || '(none: give a node that capability)'}`);
    }
  });

  s.cluster.workers?.forEach((w, i) => {
    const path = ['cluster', 'workers', i, 'node'];
    if (requireNode(path, w.node) && !capable(w.node, w.kind)) report(path, `node "${w.node}" lacks the "${w.kind}" capability needed for ${w.kind} workers`);
  });

  const params = { ...DEFAULT_PARAMS, ...s.params };
  if (params.electionTimeoutMinMs > params.electionTimeoutMaxMs) {
    report(['params', 'electionTimeoutMinMs'], `must not exceed electionTimeoutMaxMs (${params.electionTimeoutMinMs} > ${params.electionTimeoutMaxMs})`);
  }

  const quiet = s.faults?.quietAtMs;
  const end = s.durationMs;
  s.faults?.script?.forEach((action, i) => checkAction(action, ['faults', 'script', i], requireNode, report, quiet, end));
  s.faults?.random?.nodes?.forEach((id, i) => requireNode(['faults', 'random', 'nodes', i], id));
  if (end !== undefined && quiet !== undefined && quiet > end) {
    report(['faults', 'quietAtMs'], `${quiet} is after the end of the run (durationMs ${end}); faults would never stop and liveness is never judged`);
  }

  s.elections?.forEach((e, i) => {
    const path = ['elections', i];
    if (!coordinators.includes(e.coordinator)) report([...path, 'coordinator'], `"${e.coordinator}" runs no coordinator; pick one of ${coordinators.join('|')}`);
    if (end !== undefined && e.atMs >= end) report([...path, 'atMs'], `${e.atMs} is not before the end of the run (durationMs ${end})`);
  });
  nodes.forEach((n, i) => {
    if (end !== undefined && n.joinAtMs !== undefined && n.joinAtMs >= end) {
      report(['cluster', 'nodes', i, 'joinAtMs'], `${n.joinAtMs} is not before the end of the run (durationMs ${end}); the node would never join`);
    }
  });

  if (s.expect?.verdict === 'pass' && s.expect.invariant !== undefined) {
    report(['expect', 'invariant'], 'only meaningful with verdict "violation"; drop it or expect a violation');
  }
  if (s.workload?.startMs !== undefined && s.workload.stopMs !== undefined && s.workload.stopMs < s.workload.startMs) {
    report(['workload', 'stopMs'], `must not be before workload.startMs (${s.workload.stopMs} < ${s.workload.startMs})`);
  }
  return problems;
}

function checkAction(
  action: FaultAction,
  path: (string | number)[],
  requireNode: (path: (string | number)[], id: string, allowClient?: boolean) => boolean,
  report: (path: (string | number)[], message: string) => void,
  quiet: number | undefined,
  end: number | undefined,
): void {
  switch (action.kind) {
    case 'crash-node':
    case 'restart-node':
    case 'kill-process':
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
