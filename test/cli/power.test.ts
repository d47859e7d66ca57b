import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from '../cluster/scenarios.js';
import { cliHere as cli } from './helpers.js';

interface Row {
  readonly mutation: string;
  readonly mutations: string[];
  readonly stage?: string[];
  readonly scenario: string;
  readonly seeds: string;
  readonly tried: number;
  readonly caught: number;
  readonly ratePercent: number;
  readonly firstSeed: number | null;
  readonly secondsToFirst: number | null;
  readonly jobs: number;
  readonly invariants: Record<string, number>;
}

const ARGS = ['power', 'random-faults', '--seeds', '1..3', '--mutate', 'no-fencing', 'ack-before-sync', '--jobs', '1'];

describe.concurrent('recovery-sim power', () => {
  it('prints a row per mutation, the JSON lines agree with it, and it exits 0 whatever the rates', async () => {
    const [text, json] = await Promise.all([cli(ARGS), cli([...ARGS, '--json'])]);
    expect(text.code, text.stderr).toBe(0);
    expect(json.code, json.stderr).toBe(0);

    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^── finding power: 2 mutations · seeds 1\.\.3 · 1 job · [\d.]+ s wall ──$/);
    expect(lines[1]).toMatch(/^ +random-faults$/);
    expect(lines[2]).toMatch(/^mutation +rate +first +secs +invariants violated \(runs\)$/);
    expect(lines[3]).toMatch(/^no-fencing +\d+(\.\d)?% +(\d+|-) +([\d.]+|-) +\S/);
    expect(lines[4]).toMatch(/^ack-before-sync +\d+(\.\d)?% +(\d+|-) +([\d.]+|-) +\S/);
    expect(text.stdout).toMatch(/^caught +\d of 2 mutations, by at least one scenario within seeds 1\.\.3$/m);
    expect(text.stdout).toMatch(/^caught often +\d of 2, in >= 10% of the seeds of at least one scenario$/m);
    expect(text.stdout).toMatch(/^never caught +.+$/m);
    expect(text.stderr).toMatch(/6\/6 seeds/);

    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
    expect(rows.map((r) => [r.mutation, r.scenario, r.seeds, r.tried, r.jobs])).toEqual([
      ['no-fencing', 'random-faults', '1..3', 3, 1],
      ['ack-before-sync', 'random-faults', '1..3', 3, 1],
    ]);
    for (const r of rows) {
      expect(r.mutations).toEqual([r.mutation]);
      expect(r.ratePercent).toBeCloseTo((100 * r.caught) / r.tried, 1);
      expect(r.firstSeed === null).toBe(r.caught === 0);
      expect(r.secondsToFirst === null).toBe(r.caught === 0);
      for (const n of Object.values(r.invariants)) expect(n).toBeLessThanOrEqual(r.caught);
      // Each run is one seed, so the table and the JSON lines show the same catches.
      const [, rate, first] = (lines.find((l) => l.startsWith(`${r.mutation} `)) ?? '').split(/\s+/);
      expect(rate).toBe(`${Math.floor(r.ratePercent)}%`);
      expect(first).toBe(String(r.firstSeed ?? '-'));
    }
    expect(json.stderr).toMatch(/^── finding power: 2 mutations/m);
  });

  it('measures a mutation shown with a stage once more with it, each seed judged against the stage alone', async () => {
    const r = await cli(['power', 'random-faults', '--seeds', '28..29', '--mutate', 'unconfirmed-read-version', '--jobs', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
    expect(rows.map((row) => [row.mutations, row.stage])).toEqual([
      [['unconfirmed-read-version'], undefined],
      [['unconfirmed-read-version', 'keep-old-components'], ['keep-old-components']],
    ]);
    // The same judgement, from the runs themselves: reads-consistent fails with the stage and holds without it.
    const scenario = loadScenario('random-faults');
    const counted = [28, 29].filter((seed) => {
      const staged = runScenario(scenario, { seed, mutations: ['unconfirmed-read-version', 'keep-old-components'] });
      const stageAlone = runScenario(scenario, { seed, mutations: ['keep-old-components'] });
      return staged.violated.includes('reads-consistent') && !stageAlone.violated.includes('reads-consistent');
    });
    expect(rows[1]).toMatchObject({ tried: 2, caught: counted.length, firstSeed: counted[0] ?? null });
    expect(r.stderr).toMatch(/6\/6 seeds/);
    expect(r.stderr).toMatch(/^unconfirmed-read-version \(staged\) /m);
  });

  it.each([
    [['power', '--seeds', '5..1'], /--seeds 5\.\.1 is empty: the first seed \(5\) is above the last \(1\)/],
    [['power', '--seeds', '1..3', '--mutate', 'no-fencin'], /--mutate: unknown mutation "no-fencin"\. Did you mean "no-fencing"\?/],
    [['power', '--seeds', '1..3', '--jobs', '0'], /--jobs must be a positive integer \(worker threads\), got "0"/],
    [['power', 'no-such-scenario', '--seeds', '1..3'], /no-such-scenario: no such scenario file/],
  ])('bad input %j exits 2 with one message', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });
});
