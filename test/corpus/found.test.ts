import { describe, expect, it } from 'vitest';
import { CORPUS_RUNS, name, replay } from './replay.js';

// Each failing seed kept in corpus/, as the sweep found it: a protocol entry must pass now, a
// mutation entry must still be caught. The shrunk forms run in the deep suite (shrunk.deep.test.ts,
// `npm run test:deep`) and in `recovery-sim corpus`.
const found = CORPUS_RUNS.filter((r) => r.form === 'found');

describe('regression corpus, as found', () => {
  it('holds an entry for every kind of failure the sweeps found', () => {
    expect(found.length).toBeGreaterThanOrEqual(30);
  });
  it.each(found.map((r) => [name(r), r] as const))('%s', (_, run) => replay(run));
});
