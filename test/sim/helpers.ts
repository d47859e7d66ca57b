import type { Message, ProcessContext } from '../../sim/index.js';
import { Simulation } from '../../sim/index.js';

/** A process that answers every call with `{type: 'echo', of}` and counts what it got. */
export function echo(ctx: ProcessContext): void {
  ctx.handle((incoming) => {
    ctx.store.set('received', (ctx.store.get<number>('received') ?? 0) + 1);
    incoming.reply?.({ type: 'echo', of: incoming.msg.type });
  });
}

/** Nodes a, b, c each running `echo` as `echo`, fixed latency 1 ms, no jitter. */
export function threeNodes(seed: number | string = 1): Simulation {
  const sim = new Simulation({ seed, network: { baseLatency: 1_000, jitter: 0 } });
  for (const id of ['a', 'b', 'c']) sim.addNode(id, (node) => node.spawn('echo', echo));
  return sim;
}

export function received(sim: Simulation, node: string): number {
  return (sim.disk(node).get('echo/received') as number | undefined) ?? 0;
}

export const msg = (type: string, extra: Record<string, unknown> = {}): Message => ({ type, ...extra });
