import { describe, expect, it } from 'vitest';
import { withoutGlobalRandom } from '../../src/runner/random-guard.js';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from '../cluster/scenarios.js';

describe('global randomness during a run', () => {
  it('Math.random throws inside the guard and works again after it', () => {
    expect(() => withoutGlobalRandom(() => Math.random())).toThrow(/Math.random/);
    expect(typeof Math.random()).toBe('number');
  });

  it('a whole run of the model, faults included, never calls Math.random', () => {
    const original = Math.random;
    let calls = 0;
    Math.random = () => {
      calls++;
      throw new Error('Math.random called');
    };
    try {
      const result = runScenario(loadScenario('random-faults'), { seed: 3 });
      expect(result.events).toBeGreaterThan(1000);
    } finally {
      Math.random = original;
    }
    expect(calls).toBe(0);
  });
});
