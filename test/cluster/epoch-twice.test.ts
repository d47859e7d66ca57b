import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from './scenarios.js';

describe('one epoch given twice on one node (only a bug does it)', () => {
  it('is a violation the checkers report, not a failure of the simulator', () => {
    // `accept-stale-layout` lowers a coordinator's promise, so it takes term 5 again while its
    // first director of epoch 5 still runs: the second director needs a name of its own.
    const result = runScenario(loadScenario('random-shapes'), { seed: 73, mutations: ['accept-stale-layout'] });
    expect(result.verdict).toBe('violation');
    expect(result.violated).toContain('epoch-monotonic');
  });
});
