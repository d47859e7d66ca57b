import { describe, expect, it } from 'vitest';
import { ms, Simulation, type CallResult } from '../../sim/index.js';
import { echo, msg, received, threeNodes } from './helpers.js';

function sendFrom(sim: Simulation, node: string, to: string, count: number): void {
  const pid = sim.spawn(node, `sender-${sim.scheduler.eventCount}-${to}`, (ctx) => {
    for (let i = 0; i < count; i++) ctx.send(`echo@${to}`, msg('hello'));
  });
  expect(pid).toContain(node);
}

describe('Network', () => {
  it('a partition drops messages (counted by cause) and heal restores delivery', () => {
    const sim = threeNodes();
    sim.network.partition(['a'], ['b']);
    sendFrom(sim, 'a', 'b', 5);
    sendFrom(sim, 'a', 'c', 5);
    sim.run();
    expect(received(sim, 'b')).toBe(0);
    expect(received(sim, 'c')).toBe(5);
    expect(sim.network.counters.dropped.partition).toBe(5);

    sim.network.healAll();
    sendFrom(sim, 'a', 'b', 3);
    sim.run();
    expect(received(sim, 'b')).toBe(3);
    expect(sim.network.counters.dropped.partition).toBe(5);
  });

  it('a one-way partition cuts one direction only', () => {
    const sim = threeNodes();
    sim.network.partition(['a'], ['b'], true);
    sendFrom(sim, 'a', 'b', 4);
    sendFrom(sim, 'b', 'a', 4);
    sim.run();
    expect(received(sim, 'b')).toBe(0);
    expect(received(sim, 'a')).toBe(4);
  });

  it('a call across a one-way partition times out even though the request arrives', () => {
    const sim = threeNodes();
    sim.network.partition(['b'], ['a'], true); // replies from b cannot reach a
    const results: CallResult[] = [];
    sim.spawn('a', 'caller', (ctx) =>
      ctx.spawn(
        (function* () {
          results.push(yield* ctx.call('echo@b', msg('q'), { timeout: ms(20) }));
        })(),
      ),
    );
    sim.run();
    expect(received(sim, 'b')).toBe(1);
    expect(results).toEqual([{ ok: false, reason: 'timeout' }]);
  });

  it('a partition that starts while a message is in flight still stops it', () => {
    const sim = threeNodes();
    sendFrom(sim, 'a', 'b', 1);
    sim.scheduler.after(500, () => sim.network.partition(['a'], ['b']));
    sim.run();
    expect(received(sim, 'b')).toBe(0);
    expect(sim.network.counters.dropped.partition).toBe(1);
  });

  it('messages to a crashed node vanish and are counted', () => {
    const sim = threeNodes();
    sim.crashNode('b');
    sendFrom(sim, 'a', 'b', 2);
    sim.run();
    expect(sim.network.counters.dropped['node-down']).toBe(2);
  });

  it('loss drops about the configured share; duplication delivers twice', () => {
    const lossy = new Simulation({ seed: 3, network: { lossRate: 0.3 } });
    for (const id of ['a', 'b']) lossy.addNode(id, (node) => node.spawn('echo', echo));
    sendFrom(lossy, 'a', 'b', 2000);
    lossy.run();
    const lost = lossy.network.counters.dropped.loss;
    expect(lost).toBeGreaterThan(500);
    expect(lost).toBeLessThan(700);
    expect(received(lossy, 'b')).toBe(2000 - lost);

    const dup = new Simulation({ seed: 3, network: { duplicateRate: 1 } });
    for (const id of ['a', 'b']) dup.addNode(id, (node) => node.spawn('echo', echo));
    sendFrom(dup, 'a', 'b', 10);
    dup.run();
    expect(received(dup, 'b')).toBe(20);
    expect(dup.network.counters.duplicated).toBe(10);
  });

  it('clogging a node delays its messages; unclog removes the delay', () => {
    const sim = threeNodes();
    const arrivals: number[] = [];
    sim.spawn('b', 'probe', (ctx) => ctx.handle(() => arrivals.push(ctx.now())));
    sim.network.clogNode('a', ms(100));
    sim.spawn('a', 's1', (ctx) => ctx.send('probe@b', msg('x')));
    sim.run();
    expect(arrivals[0]).toBe(ms(101));
    sim.network.unclogNode('a');
    const sentAt = sim.now;
    sim.spawn('a', 's2', (ctx) => ctx.send('probe@b', msg('x')));
    sim.run();
    expect((arrivals[1] as number) - sentAt).toBe(ms(1));
  });

  it('keeps per-link order under jitter when fifo is on', () => {
    const sim = new Simulation({ seed: 9, network: { baseLatency: 100, jitter: 5_000, fifo: true } });
    const got: number[] = [];
    sim.addNode('a');
    sim.addNode('b', (node) => node.spawn('sink', (ctx) => ctx.handle((i) => got.push(i.msg['n'] as number))));
    sim.spawn('a', 'src', (ctx) => {
      for (let n = 0; n < 200; n++) ctx.send('sink@b', msg('n', { n }));
    });
    sim.run();
    expect(got).toEqual(Array.from({ length: 200 }, (_, n) => n));
  });
});
