import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from './scenarios.js';

const SEEDS = Number(process.env.RANDOM_FAULT_SEEDS ?? 200);

describe(`the default cluster under ${SEEDS} random fault plans`, () => {
  it('always ends with a published layout, recovery completed, and no acknowledged commit lost', () => {
    const scenario = loadScenario('random-faults');
    const failures: string[] = [];
    let acknowledged = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const result = runScenario(scenario, { seed, source: 'scenarios/random-faults.json' });
      acknowledged += result.commits.acknowledged;
      const problems = [
        ...result.violations.map((v) => `${v.invariant}: ${v.message}`),
        ...(result.published.length === 0 ? ['no layout published'] : []),
        ...(result.livenessJudged ? [] : ['liveness was not judged']),
      ];
      if (problems.length > 0) failures.push(`seed ${seed}: ${problems[0]}\n  replay: ${result.replay}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    // The workload really ran: thousands of commits were acknowledged across the plans.
    expect(acknowledged).toBeGreaterThan(SEEDS * 100);
  });
});
