import { afterAll, describe, expect, it } from 'vitest';
import { MUTATION_IDS, MUTATIONS, type MutationId } from '../../src/cluster/mutations.js';
import { INVARIANT_IDS, isInvariantId, type InvariantId } from '../../src/check/types.js';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from '../cluster/scenarios.js';

/** The three bugs the project exists to show: each must be caught on every seed of its scenario. */
const ALWAYS_CAUGHT: readonly MutationId[] = ['lock-all-available', 'recruit-old-layout', 'accept-stale-lock', 'ignore-newer-epoch'];

// A scratch run can leave a checker out (MUTATION_SUITE_DISABLE=selective-locking) to see the suite fail.
const disabled = (process.env.MUTATION_SUITE_DISABLE ?? '').split(',').filter(isInvariantId) as InvariantId[];

interface Row {
  readonly mutation: MutationId;
  readonly scenario: string;
  readonly invariant: string;
  readonly runsNeeded: number | null;
  readonly caughtIn: number;
  readonly budget: number;
}
const rows: Row[] = [];
/** Every invariant a mutation's catching run violated: the proof that each checker can fail. */
const tripped = new Map<InvariantId, Set<MutationId>>();

describe('every mutation is caught by the invariant meant to catch it', () => {
  for (const id of MUTATION_IDS) {
    const m = MUTATIONS[id];
    const always = ALWAYS_CAUGHT.includes(id);
    const along = m.alongWith !== undefined ? ` (with ${m.alongWith.join(', ')})` : '';
    it(`${id}${along} (${m.source}) → ${m.caughtBy.join(' or ')}, in ${m.shownIn.scenario} within ${m.shownIn.seeds} seeds${m.shownIn.firstSeed !== undefined ? ` from seed ${m.shownIn.firstSeed}` : ''}${always ? ', on every seed' : ''}`, () => {
      const scenario = loadScenario(m.shownIn.scenario);
      let runsNeeded: number | null = null;
      let caughtIn = 0;
      let invariant = '';
      const misses: number[] = [];
      const first = m.shownIn.firstSeed ?? 1;
      for (let seed = first; seed < first + m.shownIn.seeds; seed++) {
        const result = runScenario(scenario, { seed, mutations: [id, ...(m.alongWith ?? [])], disabledCheckers: disabled });
        const hit = m.caughtBy.find((inv) => result.violated.includes(inv as InvariantId));
        // The switches it is shown with only set the stage: a seed counts only if, without it, nothing is caught there.
        const stageCaught =
          hit !== undefined &&
          m.alongWith !== undefined &&
          m.disguise !== true &&
          runScenario(scenario, { seed, mutations: m.alongWith, disabledCheckers: disabled }).violated.some((inv) => m.caughtBy.includes(inv));
        if (hit !== undefined && !stageCaught) {
          for (const inv of result.violated) {
            if (m.disguise !== true && !m.caughtBy.includes(inv)) continue;
            tripped.set(inv, (tripped.get(inv) ?? new Set()).add(id));
          }
          caughtIn++;
          runsNeeded ??= seed - first + 1;
          invariant ||= hit;
          if (!always) break;
        } else misses.push(seed);
      }
      rows.push({ mutation: id, scenario: m.shownIn.scenario, invariant: invariant || m.caughtBy.join('|'), runsNeeded, caughtIn, budget: m.shownIn.seeds });
      expect(runsNeeded, `${id} was not caught in ${m.shownIn.seeds} seeds of ${m.shownIn.scenario}`).not.toBeNull();
      if (always) expect(misses, `${id} escaped on seeds ${misses.join(', ')}`).toEqual([]);
    });
  }
});

describe('every checker is proven able to fail', () => {
  it('each invariant is violated by at least one mutation meant to trip it', () => {
    const never = INVARIANT_IDS.filter((inv) => (tripped.get(inv)?.size ?? 0) === 0);
    expect(never, `checkers no mutation tripped: ${never.join(', ')}`).toEqual([]);
  });
});

describe('checkers judge from ground truth, not from what the director reports', () => {
  it('a director whose events lie, with no bug behind the lies, passes', () => {
    for (const name of ['log-crash', 'director-race', 'minority-accepted-layout']) {
      const result = runScenario(loadScenario(name), { seed: 1, mutations: ['mislabel-director-events'] });
      expect(result.violations.map((v) => `${name}: ${v.invariant}: ${v.message}`)).toEqual([]);
    }
  });

  it('recruiting an old-layout log is caught although the director reports no old layout and no reuse', () => {
    const result = runScenario(loadScenario('log-crash'), { seed: 1, mutations: ['recruit-old-layout', 'mislabel-director-events'] });
    expect(result.violated).toContain('no-old-layout-reuse');
  });
});

describe('without mutations, the scenarios that show them are clean', () => {
  const scenarios = [...new Set(MUTATION_IDS.map((id) => MUTATIONS[id].shownIn.scenario))].filter((s) => s !== 'random-faults');
  for (const name of scenarios) {
    it(`${name}: no violation on seeds 1–3`, () => {
      const scenario = loadScenario(name);
      for (let seed = 1; seed <= 3; seed++) {
        const result = runScenario(scenario, { seed, mutations: [] });
        expect(result.violations.map((v) => `seed ${seed} ${v.invariant}: ${v.message}`)).toEqual([]);
      }
    });
  }
});

afterAll(() => {
  if (rows.length === 0) return;
  const lines = [
    'mutation                       caught by              scenario                  runs needed  caught/tried',
    ...rows.map(
      (r) =>
        `${r.mutation.padEnd(30)} ${r.invariant.padEnd(22)} ${r.scenario.padEnd(25)} ${String(r.runsNeeded ?? 'NOT CAUGHT').padStart(11)}  ${r.caughtIn}/${ALWAYS_CAUGHT.includes(r.mutation) ? r.budget : (r.runsNeeded ?? r.budget)}`,
    ),
  ];
  const byInvariant = INVARIANT_IDS.map((inv) => `${inv.padEnd(22)} ${[...(tripped.get(inv) ?? [])].join(', ') || 'NONE'}`);
  console.log(`\n${lines.join('\n')}\n\ninvariant              tripped by\n${byInvariant.join('\n')}\n`);
});
