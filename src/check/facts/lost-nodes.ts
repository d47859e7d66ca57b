import type { NodeId, VirtualTime } from '../../../sim/index.js';
import type { LostNode, Rec } from '../types.js';

/**
 * The nodes whose contents are gone for good, from the faults the kernel applied (the plan's and
 * any aimed at protocol moments alike): crashed never to restart, since their last permanent
 * crash, or their disk wiped, since its last wipe. A node both wiped and lost is listed once, as
 * lost, since the later of the two. Faults stop at the quiet time, so by the liveness checkpoint
 * the list is final.
 */
export class LostNodes {
  private readonly crashed = new Map<NodeId, VirtualTime>();
  private readonly wiped = new Map<NodeId, VirtualTime>();

  observe(r: Rec): void {
    if (r.type !== 'fault') return;
    const a = r.action;
    if (a.kind === 'crash-node' && a.permanent === true) this.crashed.set(a.node, r.t);
    else if (a.kind === 'restart-node') this.crashed.delete(a.node);
    else if (a.kind === 'wipe-disk') this.wiped.set(a.node, r.t);
  }

  list(): LostNode[] {
    const out = new Map<NodeId, LostNode>();
    for (const [node, atUs] of this.wiped) out.set(node, { node, atUs, how: 'disk wiped' });
    for (const [node, at] of this.crashed) out.set(node, { node, atUs: Math.max(at, out.get(node)?.atUs ?? 0) as VirtualTime, how: 'crashed for good' });
    return [...out.values()].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  }
}
