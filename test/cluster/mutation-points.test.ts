import { describe, expect, it } from 'vitest';
import { COUNTED_POINTS } from '../../src/cluster/mutation-points.js';
import { MUTATIONS } from '../../src/cluster/mutations.js';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from './scenarios.js';

describe('the moments switches act on', () => {
  it.each(COUNTED_POINTS)('%s: its own scenario reaches its moment with the switch off (the stage-setting switches on)', (id) => {
    const info = MUTATIONS[id];
    const scenario = loadScenario(info.shownIn.scenario);
    let reached = 0;
    const first = info.shownIn.firstSeed ?? 1;
    for (let seed = first; seed < first + info.shownIn.seeds && reached === 0; seed++) {
      reached += runScenario(scenario, { seed, mutations: info.alongWith ?? [] }).mutationPoints[id];
    }
    expect(reached).toBeGreaterThan(0);
  });

  it('counts without changing the run: the same seed gives the same trace with the switch on where it never acts', () => {
    // log-crash has one commit proxy, so `local-read-version` never acts there.
    const scenario = loadScenario('log-crash');
    const off = runScenario(scenario, { seed: 2, mutations: [] });
    const on = runScenario(scenario, { seed: 2, mutations: ['local-read-version'] });
    expect(off.mutationPoints['local-read-version']).toBe(0);
    expect(on.traceHash).toBe(off.traceHash);
  });
});
