import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FAULT_FAMILIES,
  generateFaultPlan,
  ms,
  nodesLostAtQuiet,
  Rng,
  scheduleFaultPlan,
  Simulation,
  type FaultAction,
  type FaultFamily,
  type FaultSpace,
} from '../../sim/index.js';

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

  it('every plan ends healed: after quietAt, all nodes but a lost one are up and nothing is partitioned, clogged, reordered, paused or lossy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const sim = new Simulation({ seed });
        for (const n of space.nodes) sim.addNode(n, (node) => node.spawn('worker-1', () => {}));
        const { plan } = generateFaultPlan(seed, space);
        scheduleFaultPlan(sim, plan, Rng.fromSeed(seed).fork('nemesis'));
        sim.run({ until: ms(space.quietAtMs) });
        const lost = nodesLostAtQuiet(plan);
        expect(sim.network.partitioned).toBe(false);
        expect(sim.network.reordering).toBe(false);
        expect(sim.network.settings.lossRate).toBe(0);
        expect(space.nodes.filter((n) => !sim.isNodeUp(n))).toEqual(lost);
        expect(space.nodes.some((n) => sim.isPaused(`worker-1@${n}`))).toBe(false);
        // an unclogged network delivers at base latency (between two nodes still up)
        const [a, b] = space.nodes.filter((n) => !lost.includes(n)) as [string, string];
        const arrivals: number[] = [];
        sim.spawn(b, 'probe', (ctx) => ctx.handle(() => arrivals.push(ctx.now())));
        const sentAt = sim.now;
        sim.spawn(a, 'src', (ctx) => ctx.send(`probe@${b}`, { type: 'x' }));
        sim.run();
        expect(arrivals).toHaveLength(1);
        expect((arrivals[0] as number) - sentAt).toBeLessThanOrEqual(sim.network.settings.baseLatency + sim.network.settings.jitter);
      }),
      { numRuns: 100 },
    );
  });
});

/** Nodes down at each action, a permanent crash included (it is never undone by the plan). */
function maxDownAtOnce(actions: readonly FaultAction[]): number {
  const down = new Set<string>();
  let max = 0;
  for (const a of actions) {
    if (a.kind === 'crash-node') down.add(a.node);
    if (a.kind === 'restart-node') down.delete(a.node);
    max = Math.max(max, down.size);
  }
  return max;
}

const only = (family: FaultFamily, extra: Partial<FaultSpace> = {}): FaultSpace => ({ ...space, families: [family], meanGapMs: 300, ...extra });

describe('generateFaultPlan: the harsher families', () => {
  it('every family can be drawn, and the default set is all of them', () => {
    const seen = new Set<FaultFamily>();
    for (let s = 0; s < 40; s++) for (const f of generateFaultPlan(s, space).swarm.families) seen.add(f);
    expect([...seen].sort()).toEqual([...FAULT_FAMILIES].sort());
  });

  it('loses at most one node per plan, only with five nodes or more, and never more than maxCrashedNodes down at once', () => {
    const seven = { ...space, nodes: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'] };
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(space, seven, { ...seven, maxCrashedNodes: 1 }, { ...space, nodes: ['n1', 'n2', 'n3', 'n4'] }),
        fc.constantFrom<readonly FaultFamily[] | undefined>(undefined, ['lose-node', 'crash']),
        (seed, base, families) => {
          const s: FaultSpace = { ...base, ...(families !== undefined ? { families, meanGapMs: 200 } : {}) };
          const { plan } = generateFaultPlan(seed, s);
          const permanent = plan.actions.filter((a) => a.kind === 'crash-node' && a.permanent === true);
          expect(permanent.length).toBeLessThanOrEqual(s.nodes.length >= 5 ? 1 : 0);
          expect(nodesLostAtQuiet(plan)).toHaveLength(permanent.length);
          const maxDown = s.maxCrashedNodes ?? Math.floor((s.nodes.length - 1) / 2);
          expect(maxDownAtOnce(plan.actions)).toBeLessThanOrEqual(maxDown);
        },
      ),
      { numRuns: 300 },
    );
    // and it does lose a node when the family is on
    const lost = Array.from({ length: 20 }, (_, seed) => nodesLostAtQuiet(generateFaultPlan(seed, only('lose-node')).plan).length);
    expect(lost.filter((n) => n === 1).length).toBeGreaterThan(15);
  });

  it('pause: a process pattern on some node, for a duration that ends by quiet', () => {
    for (let seed = 0; seed < 20; seed++) {
      const pauses = generateFaultPlan(seed, only('pause')).plan.actions;
      expect(pauses.length).toBeGreaterThan(0);
      for (const a of pauses) {
        expect(a).toMatchObject({ kind: 'pause-process', process: 'worker-*' });
        if (a.kind !== 'pause-process') continue;
        expect(a.durationMs).toBeGreaterThan(0);
        expect(a.at + a.durationMs).toBeLessThanOrEqual(space.quietAtMs);
      }
    }
    // without process patterns there is nothing to pause
    expect(generateFaultPlan(1, only('pause', { processPatterns: [] })).swarm.families).not.toContain('pause');
  });

  it('reorder: links (or every link) reordered, each ended by an unreorder of the same link or by quiet', () => {
    for (let seed = 0; seed < 20; seed++) {
      const actions = generateFaultPlan(seed, only('reorder')).plan.actions;
      expect(actions.some((a) => a.kind === 'reorder')).toBe(true);
      for (const a of actions) {
        expect(['reorder', 'unreorder']).toContain(a.kind);
        if ((a.kind === 'reorder' || a.kind === 'unreorder') && a.link !== undefined) expect(a.link[0]).not.toBe(a.link[1]);
      }
    }
  });

  it('partial-heal: overlapping partitions with distinct ids, each healed by its own id after it starts', () => {
    for (let seed = 0; seed < 20; seed++) {
      const actions = generateFaultPlan(seed, only('partial-heal')).plan.actions;
      const parts = actions.filter((a) => a.kind === 'partition');
      expect(parts.length).toBeGreaterThanOrEqual(2);
      const ids = parts.map((p) => (p.kind === 'partition' ? p.id : undefined));
      expect(new Set(ids).size).toBe(ids.length);
      for (const h of actions.filter((a) => a.kind === 'heal')) {
        expect(h.kind === 'heal' && h.id).toBeTruthy();
        const p = parts.find((x) => x.kind === 'partition' && h.kind === 'heal' && x.id === h.id);
        expect(p?.at).toBeLessThan(h.at);
      }
    }
  });

  it('link-clog: one link, up to three times the swarm clog, and some lasting most of the fault window', () => {
    let long = 0;
    for (let seed = 0; seed < 30; seed++) {
      const { plan, swarm } = generateFaultPlan(seed, only('link-clog'));
      for (const a of plan.actions) {
        expect(a.kind === 'clog' || a.kind === 'unclog').toBe(true);
        if (a.kind !== 'clog') continue;
        expect(a.link).toHaveLength(2);
        expect(a.delayMs).toBeLessThanOrEqual(swarm.maxClogMs * 3);
        const end = plan.actions.find((u) => u.kind === 'unclog' && u.at >= a.at && JSON.stringify(u.link) === JSON.stringify(a.link))?.at ?? space.quietAtMs;
        if (end - a.at >= (space.quietAtMs - space.startMs) * 0.6) long++;
      }
    }
    expect(long).toBeGreaterThan(5);
  });

  it('coordinator-partition: cuts only the named process, between the nodes that run it, healed by id', () => {
    const s = only('coordinator-partition', { coordinatorProcess: 'coord', coordinatorNodes: ['n1', 'n3', 'n5'] });
    for (let seed = 0; seed < 20; seed++) {
      const actions = generateFaultPlan(seed, s).plan.actions;
      expect(actions.length).toBeGreaterThan(0);
      for (const a of actions) {
        if (a.kind === 'heal') {
          expect(a.id).toBeDefined();
          continue;
        }
        expect(a).toMatchObject({ kind: 'partition', only: 'coord' });
        if (a.kind === 'partition') expect([...a.from, ...a.to].sort()).toEqual(['n1', 'n3', 'n5']);
      }
    }
    // the default name is "coordinator"
    expect(generateFaultPlan(1, only('coordinator-partition')).plan.actions[0]).toMatchObject({ only: 'coordinator' });
  });

  it('the same seed gives the same plan with every family on', () => {
    for (let seed = 0; seed < 20; seed++) {
      const s = { ...space, nodes: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'], families: FAULT_FAMILIES };
      expect(generateFaultPlan(seed, s)).toEqual(generateFaultPlan(seed, s));
    }
  });
});
