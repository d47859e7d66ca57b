import { CLIENT_NODE } from '../cluster/names.js';
import type { Report, RequireNode } from './cross-check.js';
import type { NamedCluster } from './types.js';

/**
 * Checks within a named cluster: ids unique and not reserved, coordinators and workers on nodes
 * with the capability they need, nodes joining before the run ends.
 */
export function checkNamedCluster(cluster: NamedCluster, report: Report, requireNode: RequireNode, end: number | undefined): void {
  const nodes = cluster.nodes;
  const ids = nodes.map((n) => n.id);
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
  if (cluster.coordinators === undefined && coordinationNodes.length === 0) {
    report(['cluster', 'nodes'], 'no node has the "coordination" capability, so the cluster has no coordinator; give at least one node that capability');
  }
  cluster.coordinators?.forEach((id, i) => {
    const path = ['cluster', 'coordinators', i];
    if (!requireNode(path, id)) return;
    if (cluster.coordinators?.indexOf(id) !== i) report(path, `coordinator "${id}" is listed twice`);
    else if (!capable(id, 'coordination')) {
      report(path, `node "${id}" lacks the "coordination" capability; coordinators must be among ${coordinationNodes.join('|') || '(none: give a node that capability)'}`);
    }
  });

  cluster.workers?.forEach((w, i) => {
    const path = ['cluster', 'workers', i, 'node'];
    if (requireNode(path, w.node) && !capable(w.node, w.kind)) report(path, `node "${w.node}" lacks the "${w.kind}" capability needed for ${w.kind} workers`);
  });

  nodes.forEach((n, i) => {
    if (end !== undefined && n.joinAtMs !== undefined && n.joinAtMs >= end) {
      report(['cluster', 'nodes', i, 'joinAtMs'], `${n.joinAtMs} is not before the end of the run (durationMs ${end}); the node would never join`);
    }
  });
}
