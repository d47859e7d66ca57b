import type { NodeId } from '../types.js';

/** §4.9–4.10: the first `count` entries of cycle(nodes). */
export function placeProxies(coordinationNodes: readonly NodeId[], count: number): NodeId[] {
  if (coordinationNodes.length === 0) return [];
  return Array.from({ length: count }, (_, i) => coordinationNodes[i % coordinationNodes.length] as NodeId);
}
