import { describe, expect, it } from 'vitest';
import { ddmin, scriptedScenario, withActions } from '../../src/scenario/shrink.js';
import type { FaultAction } from '../../sim/index.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/runner/run.js';

describe('ddmin', () => {
  it('keeps exactly the items the property needs', () => {
    const items = Array.from({ length: 40 }, (_, i) => i);
    const needs = [3, 17, 31];
    let calls = 0;
    const kept = ddmin(items, (c) => {
      calls++;
      return needs.every((n) => c.includes(n));
    });
    expect(kept).toEqual(needs);
    expect(calls).toBeLessThan(120);
  });

  it('returns nothing when nothing is needed, and everything when everything is', () => {
    expect(ddmin([1, 2, 3], () => true)).toEqual([]);
    expect(ddmin([1, 2, 3], (c) => c.length === 3)).toEqual([1, 2, 3]);
  });

  it('finds a 1-minimal answer for a property on pairs', () => {
    // fails when both 5 and 6 are present, or when 9 is
    const kept = ddmin([1, 2, 3, 4, 5, 6, 7, 8, 9], (c) => (c.includes(5) && c.includes(6)) || c.includes(9));
    expect([[9], [5, 6]]).toContainEqual([...kept].sort((a, b) => a - b));
  });
});

describe('scriptedScenario', () => {
  it('writes the drawn plan out as a script that replays the same run', () => {
    const { scenario } = loadScenario('random-faults');
    const resolved = resolveScenario(scenario, 3);
    const scripted = scriptedScenario(resolved, 'random-faults-seed3', 'no-split-brain', 'test');
    expect(scripted.faults?.random).toBeUndefined();
    expect(scripted.faults?.script?.length).toBe(resolved.plan.actions.filter((a) => a.at < resolved.quietAtMs).length);
    expect(runScenario(scripted, { seed: 3 }).traceHash).toBe(runScenario(scenario, { seed: 3 }).traceHash);
  });

  it('writes a drawn cluster shape out too, so the shrunk file keeps it under any seed', () => {
    const { scenario } = loadScenario('random-shapes');
    const resolved = resolveScenario(scenario, 5);
    const scripted = scriptedScenario(resolved, 'random-shapes-seed5', 'no-split-brain', 'test');
    expect(scripted.shape).toBeUndefined();
    expect(scripted.cluster?.nodes).toEqual(resolved.cluster.nodes);
    expect(resolveScenario(scripted, 6).cluster.nodes).toEqual(resolved.cluster.nodes);
    expect(runScenario(scripted, { seed: 5 }).traceHash).toBe(runScenario(scenario, { seed: 5 }).traceHash);
  });
});

describe('withActions', () => {
  it('drops a heal whose partition was removed, and keeps every other kind as it is', () => {
    const script: FaultAction[] = [
      { at: 1, kind: 'partition', from: ['n1'], to: ['n2'], id: 'p1', only: 'coordinator' },
      { at: 2, kind: 'crash-node', node: 'n3', permanent: true },
      { at: 3, kind: 'pause-process', node: 'n1', process: 'log-*', durationMs: 50 },
      { at: 4, kind: 'reorder', link: ['n1', 'n2'] },
      { at: 5, kind: 'heal', id: 'p1' },
      { at: 6, kind: 'heal', id: 'p2' },
      { at: 7, kind: 'heal' },
      { at: 8, kind: 'unreorder' },
    ];
    const { scenario } = loadScenario('random-faults');
    expect(withActions(scenario, script).faults?.script).toEqual(script.filter((a) => !(a.kind === 'heal' && a.id === 'p2')));
    expect(withActions(scenario, script.slice(1)).faults?.script).toEqual(script.slice(1).filter((a) => a.kind !== 'heal' || a.id === undefined));
  });
});
