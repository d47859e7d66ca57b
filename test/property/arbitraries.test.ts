import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { SHAPE_DEFAULTS } from '../../src/scenario/shapes.js';
import { experiment, faultPlan, toScenario } from './arbitraries.js';

// The generators themselves, without running a simulation: cheap, so many runs.
describe('the property suite’s experiments', () => {
  it('are valid scenario files whose resolution is the drawn cluster, within the default shape ranges', () => {
    fc.assert(
      fc.property(experiment, (e) => {
        const scenario = validateScenario(JSON.parse(JSON.stringify(toScenario(e))), 'property.json');
        const r = resolveScenario(scenario, e.seed);
        const c = e.cluster;
        expect(r.cluster.nodes).toEqual(c.nodes);
        expect(r.cluster.coordinators).toEqual(c.coordinators);
        expect(r.cluster.params).toMatchObject(c.params);
        expect(r.cluster.workload).toMatchObject(c.workload);
        expect(r.network.duplicateRate).toBe(c.network.duplicateRate);
        expect(c.shape.nodes).toBeGreaterThanOrEqual(SHAPE_DEFAULTS.nodes[0]);
        expect(c.shape.nodes).toBeLessThanOrEqual(SHAPE_DEFAULTS.nodes[1]);
        expect(c.shape.coordinators % 2).toBe(1);
        expect(c.shape.coordinators).toBeLessThanOrEqual(c.shape.nodes);
        if (!c.shape.loss) expect(e.faults.filter((a) => a.kind === 'set-loss')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('fault plans lose one node\'s data at most (for good among five or more, or a wiped non-coordinator), and heal each named partition after it starts', () => {
    const wipeable = (count: number) => Array.from({ length: count - 3 }, (_, i) => `n${i + 4}`);
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }).chain((count) => fc.tuple(fc.constant(count), faultPlan(count, true, wipeable(count)))), ([count, plan]) => {
        const permanent = plan.filter((a) => a.kind === 'crash-node' && a.permanent === true);
        const wiped = plan.filter((a) => a.kind === 'wipe-disk');
        expect(permanent.length).toBeLessThanOrEqual(count >= 5 ? 1 : 0);
        expect(permanent.length + wiped.length).toBeLessThanOrEqual(1);
        for (const w of wiped) expect(wipeable(count)).toContain(w.node);
        for (const heal of plan) {
          if (heal.kind !== 'heal' || heal.id === undefined) continue;
          expect(plan.some((p) => p.kind === 'partition' && p.id === heal.id && p.at < heal.at)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fault plans draw every harsher kind: lost nodes, wiped and slow disks, pauses, reorders, link clogs, named and coordinator-only partitions', () => {
    const kinds = new Set<string>();
    for (const plan of fc.sample(faultPlan(7, true, ['n4', 'n5', 'n6', 'n7']), { numRuns: 300, seed: 1 })) {
      for (const a of plan) {
        kinds.add(a.kind);
        if (a.kind === 'crash-node' && a.permanent === true) kinds.add('permanent');
        if (a.kind === 'partition' && a.only === 'coordinator') kinds.add('only');
        if (a.kind === 'heal' && a.id !== undefined) kinds.add('heal-id');
        if (a.kind === 'clog' && a.link !== undefined) kinds.add('link-clog');
      }
    }
    for (const k of ['permanent', 'wipe-disk', 'slow-disk', 'pause-process', 'reorder', 'unreorder', 'link-clog', 'only', 'heal-id']) expect(kinds).toContain(k);
  });
});
