import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from './scenarios.js';

/**
 * The reference protocol over random fault plans: every seed must pass, end with a published
 * layout, and be judged for liveness; the workload must really have run. (`npm run sweep:ref`
 * does the same over 2000 seeds each.)
 */
function sweepPasses(name: string, seeds: number, describeSeed: (seed: number, shape: unknown) => string): void {
  const scenario = loadScenario(name);
  const failures: string[] = [];
  let acknowledged = 0;
  let skipped = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const result = runScenario(scenario, { seed, source: `scenarios/${name}.json` });
    acknowledged += result.commits.acknowledged;
    const problems = [
      ...result.violations.map((v) => `${v.invariant}: ${v.message}`),
      ...(result.published.length === 0 ? ['no layout published'] : []),
      // Liveness may go unjudged only when nodes lost for good took what any recovery needs.
      ...(result.livenessJudged || result.livenessSkipped !== null ? [] : ['liveness was not judged']),
    ];
    if (result.livenessSkipped !== null) skipped++;
    if (problems.length > 0) failures.push(`${describeSeed(seed, result.shape)}: ${problems[0]}\n  replay: ${result.replay}`);
  }
  expect(failures, failures.join('\n')).toEqual([]);
  // Most plans leave enough standing for liveness to be judged.
  expect(skipped).toBeLessThan(seeds / 10);
  // Thousands of commits were acknowledged across the runs.
  expect(acknowledged).toBeGreaterThan(seeds * 100);
}

const FAULT_SEEDS = Number(process.env.RANDOM_FAULT_SEEDS ?? 200);
const SHAPE_SEEDS = Number(process.env.RANDOM_SHAPE_SEEDS ?? 40);

describe(`the default cluster under ${FAULT_SEEDS} random fault plans`, () => {
  it('always ends with a published layout, recovery completed, and no invariant violated', () => {
    sweepPasses('random-faults', FAULT_SEEDS, (seed) => `seed ${seed}`);
  });
});

describe(`${SHAPE_SEEDS} cluster shapes drawn from the seed, each under a random fault plan`, () => {
  it('always ends with a published layout, recovery completed, and no invariant violated', () => {
    // The shape is part of a failure: it is what differs from seed to seed.
    sweepPasses('random-shapes', SHAPE_SEEDS, (seed, shape) => `seed ${seed} (${JSON.stringify(shape)})`);
  });
});
