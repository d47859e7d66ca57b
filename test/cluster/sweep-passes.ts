import { expect } from 'vitest';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from './scenarios.js';

/**
 * The reference protocol over random fault plans: every seed must pass, end with a published
 * layout, and be judged for liveness; the workload must really have run. (`npm run sweep:ref`
 * does the same over 2000 seeds each.)
 */
export function sweepPasses(
  name: string,
  seeds: number,
  describeSeed: (seed: number, shape: unknown) => string,
  /** The share of runs that may leave liveness unjudged because data lost for good left too little. */
  maxSkippedShare: number,
): { moments: Map<string, number>; probes: Map<string, number> } {
  const scenario = loadScenario(name);
  const failures: string[] = [];
  let acknowledged = 0;
  let skipped = 0;
  const moments = new Map<string, number>();
  const probes = new Map<string, number>();
  for (let seed = 1; seed <= seeds; seed++) {
    const result = runScenario(scenario, { seed, source: `scenarios/${name}.json` });
    acknowledged += result.commits.acknowledged;
    const problems = [
      ...result.violations.map((v) => `${v.invariant}: ${v.message}`),
      // Nothing published is a failure unless data lost for good left nothing to recover from.
      ...(result.published.length === 0 && result.livenessSkipped === null ? ['no layout published'] : []),
      // Liveness may go unjudged only when nodes lost for good took what any recovery needs.
      ...(result.livenessJudged || result.livenessSkipped !== null ? [] : ['liveness was not judged']),
    ];
    if (result.livenessSkipped !== null) skipped++;
    for (const [id, n] of Object.entries(result.mutationPoints)) moments.set(id, (moments.get(id) ?? 0) + n);
    for (const [id, n] of Object.entries(result.probes)) probes.set(id, (probes.get(id) ?? 0) + n);
    if (problems.length > 0) failures.push(`${describeSeed(seed, result.shape)}: ${problems[0]}\n  replay: ${result.replay}`);
  }
  expect(failures, failures.join('\n')).toEqual([]);
  // Most plans leave enough standing for liveness to be judged.
  expect(skipped).toBeLessThanOrEqual(Math.floor(seeds * maxSkippedShare));
  // Thousands of commits were acknowledged across the runs.
  expect(acknowledged).toBeGreaterThan(seeds * 100);
  return { moments, probes };
}

