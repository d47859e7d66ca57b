import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayCommand } from '../../src/runner/result.js';
import type { Scenario } from '../../src/scenario/types.js';

/** Runs per property: FC_RUNS when set (deep runs), else a default that fits `npm test`. */
export function runs(defaultRuns: number): number {
  const n = Number(process.env.FC_RUNS);
  return Number.isFinite(n) && n > 0 ? n : defaultRuns;
}

export const FAILURE_DIR = 'reports/property-failures';

/** Write a failing experiment as a scenario file and return the command that replays it. */
export function saveFailure(scenario: Scenario, seed: number, label: string): string {
  mkdirSync(FAILURE_DIR, { recursive: true });
  const file = join(FAILURE_DIR, `${label}-seed${seed}.json`);
  writeFileSync(file, JSON.stringify({ ...scenario, expect: undefined }, null, 2) + '\n');
  return replayCommand(file, scenario.name, seed, [], []);
}
