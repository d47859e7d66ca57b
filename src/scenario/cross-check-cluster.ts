import { CLIENT_NODE } from '../cluster/names.js';
import type { Capability } from '../cluster/types.js';
import { TIME, within } from './bounds.js';
import type { Report, RequireNode } from './cross-check.js';
import { nameList, quote } from './quote.js';
import type { NamedCluster } from './types.js';

/**
 * Checks within a named cluster: ids unique and not reserved, coordinators and workers on nodes
 * with the capability they need, nodes joining before the run ends.
 */
export function checkNamedCluster(cluster: NamedCluster, report: Report, requireNode: RequireNode, end: number | undefined): void {
  const nodes = cluster.nodes;
  const firstIndex = new Map<string, number>();
  // Every capability any node of that id has (a duplicate id is reported, and still counts).
  const capabilities = new Map<string, Set<Capability>>();
  nodes.forEach((node, i) => {
    const first = firstIndex.get(node.id);
    if (first !== undefined) report(['cluster', 'nodes', i, 'id'], `duplicate node id ${quote(node.id)} (already cluster.nodes[${first}])`);
    else firstIndex.set(node.id, i);
    if (node.id === CLIENT_NODE) report(['cluster', 'nodes', i, 'id'], `"${CLIENT_NODE}" is reserved for the workload's client node; pick another id`);
    const all = capabilities.get(node.id) ?? new Set<Capability>();
    capabilities.set(node.id, all);
    const own = new Set<Capability>();
    let dup: Capability | undefined;
    for (const c of node.capabilities) {
      if (own.has(c)) dup ??= c;
      own.add(c);
      all.add(c);
    }
    if (dup !== undefined) report(['cluster', 'nodes', i, 'capabilities'], `capability "${dup}" is listed twice`);
  });

  const capable = (id: string, capability: Capability): boolean => capabilities.get(id)?.has(capability) === true;
  const coordinationNodes = nodes.filter((n) => n.capabilities.includes('coordination')).map((n) => n.id);
  if (cluster.coordinators === undefined && coordinationNodes.length === 0) {
    report(['cluster', 'nodes'], 'no node has the "coordination" capability, so the cluster has no coordinator; give at least one node that capability');
  }
  const allowed = nameList(coordinationNodes);
  const listed = new Set<string>();
  cluster.coordinators?.forEach((id, i) => {
    const path = ['cluster', 'coordinators', i];
    if (!requireNode(path, id)) return;
    if (listed.has(id)) report(path, `coordinator ${quote(id)} is listed twice`);
    else if (!capable(id, 'coordination')) {
      report(path, `node ${quote(id)} lacks the "coordination" capability; coordinators must be among ${allowed || '(none: give a node that capability)'}`);
    }
    listed.add(id);
  });

  cluster.workers?.forEach((w, i) => {
    const path = ['cluster', 'workers', i, 'node'];
    if (requireNode(path, w.node) && !capable(w.node, w.kind)) report(path, `node ${quote(w.node)} lacks the "${w.kind}" capability needed for ${w.kind} workers`);
  });

  nodes.forEach((n, i) => {
    if (end !== undefined && within(n.joinAtMs, TIME) && n.joinAtMs >= end) {
      report(['cluster', 'nodes', i, 'joinAtMs'], `${n.joinAtMs} is not before the end of the run (durationMs ${end}); the node would never join`);
    }
  });
}
