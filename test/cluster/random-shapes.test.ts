import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from './scenarios.js';

const SEEDS = Number(process.env.RANDOM_SHAPE_SEEDS ?? 40);

describe(`${SEEDS} cluster shapes drawn from the seed, each under a random fault plan`, () => {
  it('always ends with a published layout, recovery completed, and no acknowledged commit lost', () => {
    const scenario = loadScenario('random-shapes');
    const failures: string[] = [];
    let acknowledged = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const result = runScenario(scenario, { seed, source: 'scenarios/random-shapes.json' });
      acknowledged += result.commits.acknowledged;
      const problems = [
        ...result.violations.map((v) => `${v.invariant}: ${v.message}`),
        ...(result.published.length === 0 ? ['no layout published'] : []),
        ...(result.livenessJudged ? [] : ['liveness was not judged']),
      ];
      // The shape is part of the failure: it is what differs from seed to seed.
      if (problems.length > 0) failures.push(`seed ${seed} (${JSON.stringify(result.shape)}): ${problems[0]}\n  replay: ${result.replay}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    // The workload really ran: thousands of commits were acknowledged across the shapes.
    expect(acknowledged).toBeGreaterThan(SEEDS * 100);
  });
});
