import { describe, expect, it } from 'vitest';
import { atMostOnce, ms, Simulation, type CallResult, type ProcessContext } from '../../sim/index.js';
import { msg } from './helpers.js';

/** A counter that hands out the next number on every request, as the sequencer does. */
function counter(dedupe: boolean) {
  return (ctx: ProcessContext): void => {
    let next = 0;
    const handler = (incoming: Parameters<Parameters<ProcessContext['handle']>[0]>[0]): void => {
      next++;
      ctx.store.set('acted', next);
      incoming.reply?.({ type: 'number', n: next });
    };
    ctx.handle(dedupe ? atMostOnce(ctx, handler) : handler);
  };
}

/** Every cross-node message is delivered twice; `a` asks `b` three times. */
function run(dedupe: boolean): { replies: number[]; acted: number; duplicates: number } {
  const sim = new Simulation({ seed: 1, network: { baseLatency: 1_000, jitter: 500, duplicateRate: 1 } });
  sim.addNode('b', (node) => node.spawn('counter', counter(dedupe)));
  const replies: number[] = [];
  sim.addNode('a', (node) =>
    node.spawn('client', (ctx) => {
      ctx.spawn(
        (function* () {
          for (let i = 0; i < 3; i++) {
            const r: CallResult = yield* ctx.call('counter@b', msg('next'), { timeout: ms(50) });
            if (r.ok) replies.push(r.reply['n'] as number);
            ctx.send('counter@b', msg('note'));
          }
        })(),
      );
    }),
  );
  sim.run();
  return { replies, acted: sim.disk('b').get('counter/acted') as number, duplicates: sim.network.counters.duplicated };
}

describe('atMostOnce', () => {
  it('acts once on each message however often the network delivers it, and answers a duplicate with the same reply', () => {
    const once = run(true);
    expect(once.duplicates).toBeGreaterThan(0);
    // calls and notes share the counter: each call sees the notes acted on once before it
    expect(once.replies).toEqual([1, 3, 5]);
    // three calls and three one-way notes, each delivered twice, acted on once
    expect(once.acted).toBe(6);
  });

  it('without it the same duplicates make the service act twice', () => {
    const twice = run(false);
    expect(twice.acted).toBeGreaterThan(6);
  });
});
