import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { SHAPE_DEFAULTS } from '../../src/scenario/shapes.js';
import { experiment, toScenario } from './arbitraries.js';

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
});
