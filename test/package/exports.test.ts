import { describe, expect, it } from 'vitest';
import * as pkg from '../../src/index.js';

describe('the package entry point', () => {
  it('exports the pure decisions, the registries and the runner', () => {
    expect(pkg.assignRoundRobin(['a', 'b', 'c', 'd'], ['node1', 'node2', 'node3']).map((p) => p.node)).toEqual(['node1', 'node2', 'node3', 'node1']);
    expect(pkg.servicesToLockFirst(null, [{ id: 'x', kind: 'log', address: 'log-x@n1' }])).toEqual([]);
    expect(pkg.INVARIANT_IDS).toContain('no-split-brain');
    expect(Object.keys(pkg.MUTATIONS)).toEqual([...pkg.MUTATION_IDS]);
    const { scenario } = pkg.loadScenario('bootstrap');
    const result = pkg.runScenario(scenario, { seed: 1 });
    expect(result.verdict).toBe('pass');
    expect(result.traceHash).toMatch(/^[0-9a-f]{16}$/);
  });
});
