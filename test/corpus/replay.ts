import { join } from 'node:path';
import { expect } from 'vitest';
import { corpusRuns, type CorpusRun } from '../../src/cli/commands/corpus.js';
import { judge } from '../../src/corpus/judge.js';
import { loadCorpus } from '../../src/corpus/load.js';
import runSeed from '../../src/cli/sweep-worker.js';
import { ROOT } from '../cli/helpers.js';

/** The repository's corpus, every entry's runs (as found, then shrunk). */
export const CORPUS_RUNS: readonly CorpusRun[] = corpusRuns(loadCorpus(join(ROOT, 'corpus')));

export function name(run: CorpusRun): string {
  return `${run.entry.entry.id}${run.form === 'shrunk' ? ' (shrunk)' : ''}`;
}

/** Run one and check it does what its entry expects, saying how to replay it if not. */
export function replay(run: CorpusRun): void {
  const result = runSeed(run.task);
  const verdict = judge(run.entry.entry, result);
  expect(verdict.ok, `${name(run)}: ${verdict.what}; replay: ${run.entry.entry.replay}`).toBe(true);
}
