import { describe, expect, it } from 'vitest';
import { CORPUS_RUNS, name, replay } from './replay.js';

// The shrunk scenario of each corpus entry: the few fault actions the violation needed.
const shrunk = CORPUS_RUNS.filter((r) => r.form === 'shrunk');

describe('regression corpus, shrunk', () => {
  it('most entries could be shrunk', () => {
    expect(shrunk.length).toBeGreaterThanOrEqual(20);
  });
  it.each(shrunk.map((r) => [name(r), r] as const))('%s', (_, run) => replay(run));
});
