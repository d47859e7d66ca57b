import { nodeOf } from '../../../sim/index.js';
import type { NodeCapabilities } from '../messages.js';
import { compareNodeIds, type NodeId, type ServiceEntry, type ServiceId } from '../types.js';

/**
 * Merge announced services into a directory (sorted by id). Entries are not pruned here: only a
 * node's own announcement says what it no longer hosts (`mergeRegistration`). Returns the entries
 * that were new or changed.
 */
export function mergeDirectory(
  directory: readonly ServiceEntry[],
  announced: readonly ServiceEntry[],
): { merged: ServiceEntry[]; changed: ServiceEntry[] } {
  // Every foreman announces itself every second and almost always says nothing new: the
  // directory is copied only once something changed.
  let byId: Map<ServiceId, ServiceEntry> | undefined;
  const changed: ServiceEntry[] = [];
  for (const e of announced) {
    const old = byId !== undefined ? byId.get(e.id) : directory.find((d) => d.id === e.id);
    if (old !== undefined && old.kind === e.kind && old.address === e.address) continue;
    byId ??= new Map(directory.map((d) => [d.id, d]));
    byId.set(e.id, e);
    changed.push(e);
  }
  if (byId === undefined) return { merged: directory as ServiceEntry[], changed };
  const merged = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { merged, changed };
}

/**
 * A node's foreman announced every worker it runs (F18). Entries at that node it no longer lists
 * are gone (its disk was replaced, or the worker was never made), so they are pruned, unless
 * `keepGone` (Bedrock: never pruned). Returns what changed and what is gone.
 */
export function mergeRegistration(
  directory: readonly ServiceEntry[],
  node: NodeId,
  announced: readonly ServiceEntry[],
  keepGone: boolean,
): { merged: ServiceEntry[]; changed: ServiceEntry[]; gone: ServiceId[] } {
  const { merged, changed } = mergeDirectory(directory, announced);
  if (keepGone) return { merged, changed, gone: [] };
  const gone = merged.filter((e) => nodeOf(e.address) === node && !announced.some((a) => a.id === e.id)).map((e) => e.id);
  if (gone.length === 0) return { merged, changed, gone };
  const dropped = new Set(gone);
  return { merged: merged.filter((e) => !dropped.has(e.id)), changed, gone };
}

/** Replace the capabilities of announced nodes; `changed` when anything differs. */
export function mergeNodes(
  nodes: readonly NodeCapabilities[],
  announced: readonly NodeCapabilities[],
): { merged: NodeCapabilities[]; changed: boolean } {
  // As for the directory: the list is copied only once something changed.
  let byNode: Map<NodeId, NodeCapabilities> | undefined;
  for (const n of announced) {
    const old = byNode !== undefined ? byNode.get(n.node) : nodes.find((o) => o.node === n.node);
    if (old !== undefined && sameCapabilities(old.capabilities, n.capabilities)) continue;
    byNode ??= new Map(nodes.map((o) => [o.node, o]));
    byNode.set(n.node, n);
  }
  if (byNode === undefined) return { merged: nodes as NodeCapabilities[], changed: false };
  return { merged: [...byNode.values()].sort((a, b) => compareNodeIds(a.node, b.node)), changed: true };
}

function sameCapabilities(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
