import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateFaultPlan, ms, Rng, scheduleFaultPlan, Simulation, type FaultSpace } from '../../sim/index.js';

const space: FaultSpace = {
  nodes: ['n1', 'n2', 'n3', 'n4', 'n5'],
  startMs: 100,
  quietAtMs: 5_000,
  processPatterns: ['worker-*'],
};

describe('generateFaultPlan', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    expect(generateFaultPlan(11, space)).toEqual(generateFaultPlan(11, space));
    const plans = new Set(Array.from({ length: 30 }, (_, s) => JSON.stringify(generateFaultPlan(s, space).plan)));
    expect(plans.size).toBeGreaterThan(25);
  });

  it('swarm: seeds enable different subsets of fault families', () => {
    const subsets = new Set(Array.from({ length: 50 }, (_, s) => generateFaultPlan(s, space).swarm.families.join(',')));
    expect(subsets.size).toBeGreaterThan(10);
  });

  it('plans are sorted, inside [start, quiet), and never crash a majority at once', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { plan } = generateFaultPlan(seed, space);
        let last = 0;
        const down = new Set<string>();
        for (const a of plan.actions) {
          expect(a.at).toBeGreaterThanOrEqual(Math.max(last, space.startMs));
          expect(a.at).toBeLessThan(space.quietAtMs);
          last = a.at;
          if (a.kind === 'crash-node') down.add(a.node);
          if (a.kind === 'restart-node') down.delete(a.node);
          expect(down.size).toBeLessThanOrEqual(2);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every plan ends healed: after quietAt, all nodes are up and nothing is partitioned, clogged or lossy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const sim = new Simulation({ seed });
        for (const n of space.nodes) sim.addNode(n);
        const { plan } = generateFaultPlan(seed, space);
        scheduleFaultPlan(sim, plan, Rng.fromSeed(seed).fork('nemesis'));
        sim.run({ until: ms(space.quietAtMs) });
        expect(sim.network.partitioned).toBe(false);
        expect(sim.network.settings.lossRate).toBe(0);
        expect(space.nodes.every((n) => sim.isNodeUp(n))).toBe(true);
        // an unclogged network delivers at base latency
        const arrivals: number[] = [];
        sim.spawn('n2', 'probe', (ctx) => ctx.handle(() => arrivals.push(ctx.now())));
        const sentAt = sim.now;
        sim.spawn('n1', 'src', (ctx) => ctx.send('probe@n2', { type: 'x' }));
        sim.run();
        expect(arrivals).toHaveLength(1);
        expect((arrivals[0] as number) - sentAt).toBeLessThanOrEqual(sim.network.settings.baseLatency + sim.network.settings.jitter);
      }),
      { numRuns: 100 },
    );
  });
});
