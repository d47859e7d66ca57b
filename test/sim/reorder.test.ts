import { describe, expect, it } from 'vitest';
import { ms, quietActions, Simulation } from '../../sim/index.js';
import { msg } from './helpers.js';

/** Nodes a, b, c with FIFO links and jitter; `sink` on b and c records the numbers it gets. */
function world(): { sim: Simulation; got: Record<string, number[]> } {
  const sim = new Simulation({ seed: 4, network: { baseLatency: ms(1), jitter: ms(1), fifo: true } });
  const got: Record<string, number[]> = { b: [], c: [] };
  sim.addNode('a');
  for (const id of ['b', 'c']) sim.addNode(id, (node) => node.spawn('sink', (ctx) => ctx.handle((i) => got[id]?.push(i.msg['n'] as number))));
  return { sim, got };
}

function burst(sim: Simulation, count: number, from = 0): void {
  sim.spawn('a', `src-${sim.scheduler.eventCount}`, (ctx) => {
    for (let n = from; n < from + count; n++) {
      ctx.send('sink@b', msg('n', { n }));
      ctx.send('sink@c', msg('n', { n }));
    }
  });
}

const inOrder = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || x > (xs[i - 1] as number));
const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

describe('reordering links', () => {
  it('a reordered link delivers out of order (other links keep FIFO); after unreorder it keeps order again', () => {
    const { sim, got } = world();
    sim.network.reorder(['a', 'b']);
    burst(sim, 100);
    sim.run();
    expect([...(got['b'] ?? [])].sort((x, y) => x - y)).toEqual(range(0, 100));
    expect(inOrder(got['b'] ?? [])).toBe(false);
    expect(got['c']).toEqual(range(0, 100));

    sim.network.unreorder(['a', 'b']);
    expect(sim.network.reordering).toBe(false);
    burst(sim, 100, 100);
    sim.run();
    expect(got['b']?.slice(100)).toEqual(range(100, 100));
  });

  it('the extra delay is in [0, reorderJitter] on top of the usual delay', () => {
    const sim = new Simulation({ seed: 2, network: { baseLatency: ms(1), jitter: 0, reorderJitter: ms(3) } });
    const delays: number[] = [];
    sim.addNode('a');
    sim.addNode('b', (node) => node.spawn('sink', (ctx) => ctx.handle(() => delays.push(ctx.now()))));
    sim.network.reorder();
    sim.spawn('a', 'src', (ctx) => {
      for (let n = 0; n < 300; n++) ctx.send('sink@b', msg('n'));
    });
    sim.run();
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(ms(1));
    expect(Math.max(...delays)).toBeLessThanOrEqual(ms(4));
    expect(Math.max(...delays)).toBeGreaterThan(ms(3.5));
  });

  it('without a link every link reorders; unreorder without a link ends every reorder', () => {
    const { sim, got } = world();
    sim.network.reorder();
    sim.network.reorder(['a', 'c']);
    burst(sim, 100);
    sim.run();
    expect(inOrder(got['b'] ?? [])).toBe(false);
    expect(inOrder(got['c'] ?? [])).toBe(false);
    // the quiet time ends every reorder
    expect(quietActions(sim, 0)).toContainEqual({ at: 0, kind: 'unreorder' });
    sim.network.unreorder();
    expect(sim.network.reordering).toBe(false);
    burst(sim, 100, 100);
    sim.run();
    expect(got['b']?.slice(100)).toEqual(range(100, 100));
    expect(got['c']?.slice(100)).toEqual(range(100, 100));
  });

  it('messages never overtake ones sent earlier on the same node (local delivery is not a link)', () => {
    const sim = new Simulation({ seed: 3 });
    const got: number[] = [];
    sim.addNode('a', (node) => node.spawn('sink', (ctx) => ctx.handle((i) => got.push(i.msg['n'] as number))));
    sim.network.reorder();
    sim.spawn('a', 'src', (ctx) => {
      for (let n = 0; n < 50; n++) ctx.send('sink@a', msg('n', { n }));
    });
    sim.run();
    expect(got).toEqual(range(0, 50));
  });
});
