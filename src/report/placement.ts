import { nodeOf } from '../../sim/index.js';
import type { NodeId, ServiceId, TransactionSystemLayout } from '../cluster/types.js';

/** Where a generation's logs run: how many nodes they span, and the nodes that hold several. */
export interface LogPlacement {
  readonly logs: number;
  readonly nodes: number;
  /** Nodes holding more than one of the layout's logs (a crash of one takes them all), by node. */
  readonly shared: readonly { readonly node: NodeId; readonly logs: readonly ServiceId[] }[];
}

/** The log placement of a published layout, from the addresses it lists. */
export function logPlacement(tsl: TransactionSystemLayout): LogPlacement {
  const byNode = new Map<NodeId, ServiceId[]>();
  for (const log of tsl.logs) {
    const address = tsl.services.find((s) => s.id === log.id)?.address;
    if (address === undefined) continue;
    const node = nodeOf(address);
    byNode.set(node, [...(byNode.get(node) ?? []), log.id]);
  }
  const shared = [...byNode.entries()]
    .filter(([, logs]) => logs.length > 1)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([node, logs]) => ({ node, logs }));
  return { logs: tsl.logs.length, nodes: byNode.size, shared };
}

/** `3 logs on 2 nodes (n4 holds 2)`, or `3 logs on 3 nodes`. */
export function placementText(p: LogPlacement): string {
  const shared = p.shared.map((s) => `${s.node} holds ${s.logs.length}`).join(', ');
  return `${p.logs} log${p.logs === 1 ? '' : 's'} on ${p.nodes} node${p.nodes === 1 ? '' : 's'}${shared === '' ? '' : ` (${shared})`}`;
}
