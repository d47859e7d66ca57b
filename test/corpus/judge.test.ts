import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryId } from '../../src/corpus/entry.js';
import { judge } from '../../src/corpus/judge.js';
import { loadEntry } from '../../src/corpus/load.js';
import { buildEntry, expectationFor, withAimedPinned } from '../../src/corpus/save.js';
import { runScenario } from '../../src/runner/run.js';
import { formatScenarioJson } from '../../src/scenario/format.js';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import type { Scenario } from '../../src/scenario/types.js';

const scenario = { name: 'random-faults', expect: { verdict: 'pass' } } as unknown as Scenario;
const violation = (invariant: string) => ({ invariant, event: 1 }) as never;

describe('corpus verdicts', () => {
  it('a protocol entry (no mutation) must pass: a violation means its bug is back', () => {
    expect(judge({ expect: { verdict: 'pass' } }, { verdict: 'pass', violated: [] })).toEqual({ ok: true, what: 'passes, as it must since its fix' });
    expect(judge({ expect: { verdict: 'pass' } }, { verdict: 'violation', violated: ['no-split-brain'] })).toEqual({ ok: false, what: 'violates no-split-brain: the bug it records is back' });
  });

  it('a mutation entry must still be caught by its invariant; others joining in do not matter', () => {
    const entry = { expect: { verdict: 'violation', invariant: 'fencing' } } as const;
    expect(judge(entry, { verdict: 'violation', violated: ['no-split-brain', 'fencing'] }).ok).toBe(true);
    expect(judge(entry, { verdict: 'violation', violated: ['no-split-brain'] })).toEqual({ ok: false, what: 'violates no-split-brain, no longer caught by fencing' });
    expect(judge(entry, { verdict: 'pass', violated: [] })).toEqual({ ok: false, what: 'passes, no longer caught by fencing' });
  });

  it('what an entry expects: the scenario\'s own expectation with its own switches, else pass without a mutation, else the first invariant violated', () => {
    expect(expectationFor(scenario, { mutations: [], violations: [violation('fencing')] })).toEqual({ verdict: 'pass' });
    expect(expectationFor(scenario, { mutations: ['no-fencing'], violations: [violation('fencing'), { invariant: 'no-split-brain', event: 0 } as never] })).toEqual({ verdict: 'violation', invariant: 'no-split-brain' });
    const bug = { name: 'bug', mutations: ['no-fencing'], expect: { verdict: 'violation', invariant: 'fencing' } } as unknown as Scenario;
    expect(expectationFor(bug, { mutations: ['no-fencing'], violations: [] })).toEqual({ verdict: 'violation', invariant: 'fencing' });
  });

  it('entry ids are file and scenario names, cut with a hash when long', () => {
    expect(entryId({ scenario: 'random-faults', seed: 17, mutations: ['no-fencing'] })).toBe('random-faults-seed17-no-fencing');
    expect(entryId({ scenario: 'stale-unlock', seed: 1, mutations: ['a', 'b'], ordering: 'pct' })).toBe('stale-unlock-seed1-a.b-pct');
    const long = entryId({ scenario: 'unpublished-attempt', seed: 1, mutations: ['truncate-at-durable-version', 'apply-uncommitted', 'unlock-storage-before-publish'] });
    expect(long).toMatch(/^unpublished-attempt-seed1-truncate-at-durable-version\.apply-uncommitted\.unl[a-z-]*-[0-9a-f]{8}$/);
    expect(long.length).toBe(90);
  });
});

describe('a built entry', () => {
  it('round-trips through its file and replays as found', () => {
    const loaded = loadScenario('random-faults');
    const run = runScenario(loaded.scenario, { seed: 2, mutations: ['no-fencing'], source: 'random-faults' });
    const id = entryId({ scenario: 'random-faults', seed: 2, mutations: run.mutations });
    const entry = buildEntry({ id, source: 'random-faults', scenario: loaded.scenario, run, by: 'a test' });
    expect(entry.expect).toEqual({ verdict: 'violation', invariant: 'fencing' });
    const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-entry-'));
    try {
      const file = join(dir, `${id}.json`);
      writeFileSync(file, formatScenarioJson(entry));
      const back = loadEntry(file);
      expect(back).toEqual(entry);
      expect(judge(back, runScenario(back.scenario, { seed: back.seed, mutations: back.mutations })).ok).toBe(true);
      // The same seed without the switch passes, so the entry's check bites on the switch.
      expect(judge(back, runScenario(back.scenario, { seed: back.seed, mutations: [] })).ok).toBe(false);
      writeFileSync(join(dir, 'renamed.json'), formatScenarioJson(entry));
      expect(() => loadEntry(join(dir, 'renamed.json'))).toThrow(/id: "random-faults-seed2-no-fencing" differs from the file's name/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pins the aimed triggers its seed drew, so a trigger added to the swarm later leaves its run as it was', () => {
    const loaded = loadScenario('random-faults');
    const run = runScenario(loaded.scenario, { seed: 3, mutations: ['no-fencing'] });
    const entry = buildEntry({ id: 'x', source: 'random-faults', scenario: loaded.scenario, run, by: 'a test' });
    const drawn = resolveScenario(loaded.scenario, 3).aimed;
    expect(drawn?.triggers.length).toBeGreaterThan(0);
    expect(entry.scenario.faults?.aimed).toEqual(drawn);
    expect(runScenario(entry.scenario, { seed: 3, mutations: ['no-fencing'] }).traceHash).toBe(run.traceHash);
    // A scripted scenario draws no triggers, and one with its own list keeps it.
    const scripted = loadScenario('log-crash').scenario;
    expect(withAimedPinned(scripted, 3)).toBe(scripted);
    expect(withAimedPinned(entry.scenario, 4)).toBe(entry.scenario);
    expect(withAimedPinned({ ...loaded.scenario, faults: { ...loaded.scenario.faults, aimed: 'off' } }, 3).faults?.aimed).toBe('off');
  });
});
