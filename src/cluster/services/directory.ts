import type { NodeCapabilities } from '../messages.js';
import { compareNodeIds, type ServiceEntry } from '../types.js';

/**
 * Merge announced services into a directory (sorted by id). Entries are never pruned: a dead
 * service stays listed, as in Bedrock. Returns the entries that were new or changed.
 */
export function mergeDirectory(
  directory: readonly ServiceEntry[],
  announced: readonly ServiceEntry[],
): { merged: ServiceEntry[]; changed: ServiceEntry[] } {
  const byId = new Map(directory.map((e) => [e.id, e]));
  const changed: ServiceEntry[] = [];
  for (const e of announced) {
    const old = byId.get(e.id);
    if (old !== undefined && old.kind === e.kind && old.address === e.address) continue;
    byId.set(e.id, e);
    changed.push(e);
  }
  if (changed.length === 0) return { merged: directory as ServiceEntry[], changed };
  const merged = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { merged, changed };
}

/** Replace the capabilities of announced nodes; `changed` when anything differs. */
export function mergeNodes(
  nodes: readonly NodeCapabilities[],
  announced: readonly NodeCapabilities[],
): { merged: NodeCapabilities[]; changed: boolean } {
  const byNode = new Map(nodes.map((n) => [n.node, n]));
  let changed = false;
  for (const n of announced) {
    const old = byNode.get(n.node);
    if (old !== undefined && old.capabilities.join(',') === n.capabilities.join(',')) continue;
    byNode.set(n.node, n);
    changed = true;
  }
  if (!changed) return { merged: nodes as NodeCapabilities[], changed };
  return { merged: [...byNode.values()].sort((a, b) => compareNodeIds(a.node, b.node)), changed };
}
