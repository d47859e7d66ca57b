import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run.js';
import { loadCatalog } from '../../src/scenario/catalog.js';

/**
 * Every bundled scenario states what its default seed must show (`expect`), and CI holds it to
 * that: a pass stays a pass, and every bug scenario is still caught by its invariant.
 */
const catalog = loadCatalog();

describe('bundled scenarios meet their expectations with seed 1', () => {
  it('every bundled scenario file is valid', () => {
    expect(catalog.broken.map((b) => b.problems).flat()).toEqual([]);
    expect(catalog.scenarios.length).toBeGreaterThanOrEqual(10);
  });

  it.each(catalog.scenarios.map((l) => [l.source, l] as const))('%s', (_name, loaded) => {
    expect(loaded.scenario.expect, 'every bundled scenario states an expectation').toBeDefined();
    const result = runScenario(loaded.scenario, { seed: 1 });
    const summary = { verdict: result.verdict, violated: result.violated, expectation: result.expectation };
    expect(result.expectationMet, JSON.stringify(summary)).toBe(true);
  });
});
