import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryId } from '../../src/corpus/entry.js';
import { buildEntry } from '../../src/corpus/save.js';
import { replayCommand, type RunResult } from '../../src/runner/result.js';
import { formatScenarioJson } from '../../src/scenario/format.js';
import type { Scenario } from '../../src/scenario/types.js';

/** Runs per property: FC_RUNS when set (deep runs), else a default that fits `npm test`. */
export function runs(defaultRuns: number): number {
  const n = Number(process.env.FC_RUNS);
  return Number.isFinite(n) && n > 0 ? n : defaultRuns;
}

export const FAILURE_DIR = 'reports/property-failures';

/**
 * Write a failing experiment (already shrunk by fast-check) as a scenario file, and as a corpus
 * entry to copy into corpus/ so the fix stays tested; return the command that replays it.
 */
export function saveFailure(scenario: Scenario, seed: number, label: string, run: RunResult): string {
  mkdirSync(join(FAILURE_DIR, 'corpus'), { recursive: true });
  const file = join(FAILURE_DIR, `${label}-seed${seed}.json`);
  const plain = { ...scenario, expect: undefined };
  writeFileSync(file, JSON.stringify(plain, null, 2) + '\n');
  const id = entryId({ scenario: `${label}-${scenario.name}`, seed, mutations: run.mutations });
  const entry = buildEntry({ id, source: file, scenario: plain, run: { ...run, replay: replayCommand(file, scenario.name, seed, [], []) }, by: `property test ${label}` });
  writeFileSync(join(FAILURE_DIR, 'corpus', `${id}.json`), formatScenarioJson(entry));
  return replayCommand(file, scenario.name, seed, [], []);
}
