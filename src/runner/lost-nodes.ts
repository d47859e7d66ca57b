import { disksWipedBeforeQuiet, ms, nodesLostAtQuiet, type FaultPlan } from '../../sim/index.js';
import type { LostNode } from '../check/types.js';

/**
 * What a fault plan took for good before the quiet time: nodes crashed never to restart (since
 * their last permanent crash) and disks wiped (since their last wipe). A node both wiped and lost
 * is listed once, as lost, since the later of the two.
 */
export function lostNodes(plan: FaultPlan): LostNode[] {
  const out = new Map<string, LostNode>();
  for (const { node, at } of disksWipedBeforeQuiet(plan)) out.set(node, { node, atUs: ms(at), how: 'disk wiped' });
  for (const node of nodesLostAtQuiet(plan)) {
    const at = plan.actions.filter((a) => a.kind === 'crash-node' && a.node === node && a.permanent === true && a.at < plan.quietAtMs).reduce((t, a) => Math.max(t, a.at), 0);
    out.set(node, { node, atUs: Math.max(ms(at), out.get(node)?.atUs ?? 0), how: 'crashed for good' });
  }
  return [...out.values()].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}
