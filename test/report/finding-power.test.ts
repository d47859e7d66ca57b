import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { MutationId } from '../../src/cluster/mutations.js';
import type { InvariantId } from '../../src/check/types.js';
import { CatchTally, powerSubject, powerSubjects, stagedSubject, summarizePower, type CatchRow, type CatchSample, type PowerSubject } from '../../src/report/finding-power.js';
import { formatRate, powerTableLines } from '../../src/report/finding-power-table.js';

const run = (seed: number, wallMs: number, violated: InvariantId[] = []): CatchSample => ({ seed, wallMs, violated });

function tally(mutation: MutationId, scenario: string, runs: readonly CatchSample[], jobs = 1): CatchRow {
  const t = new CatchTally(powerSubject(mutation), scenario);
  for (const r of runs) t.add(r);
  return t.row(jobs);
}

describe('finding power tally', () => {
  it('counts catches, the first catching seed and the invariants of the catching runs', () => {
    const row = tally('no-fencing', 'random-faults', [
      run(10, 400),
      run(11, 600, ['fencing', 'no-split-brain']),
      run(12, 300),
      run(13, 500, ['fencing']),
    ]);
    expect(row).toMatchObject({ mutation: 'no-fencing', runWith: ['no-fencing'], scenario: 'random-faults', tried: 4, caught: 2, ratePercent: 50, firstSeed: 11 });
    expect(row.invariants).toEqual([
      { id: 'fencing', runs: 2 },
      { id: 'no-split-brain', runs: 1 },
    ]);
  });

  it('estimates the time to the first catch as the seeds up to it, in order, over the jobs', () => {
    const runs = [run(1, 1000), run(2, 3000), run(3, 2000, ['fencing']), run(4, 9000, ['fencing'])];
    expect(tally('no-fencing', 's', runs, 1).secondsToFirst).toBeCloseTo(6);
    expect(tally('no-fencing', 's', runs, 4).secondsToFirst).toBeCloseTo(1.5);
    expect(tally('no-fencing', 's', [run(1, 700, ['fencing'])], 2).secondsToFirst).toBeCloseTo(0.35);
  });

  it('a mutation never caught has no first seed and no time', () => {
    const row = tally('ack-before-sync', 's', [run(1, 100), run(2, 100)]);
    expect(row).toMatchObject({ tried: 2, caught: 0, ratePercent: 0, firstSeed: null, secondsToFirst: null, invariants: [] });
  });

  it('a mutation runs alone, a disguise with the bug it disguises', () => {
    expect(powerSubject('unchecked-recover-from').runWith).toEqual(['unchecked-recover-from']);
    expect(powerSubject('mislabel-director-events').runWith).toEqual(['mislabel-director-events', 'lock-all-available']);
    expect(powerSubject('no-fencing', { alongWith: ['keep-old-components'], disguise: true }).runWith).toEqual(['no-fencing', 'keep-old-components']);
    expect(powerSubject('no-fencing', { alongWith: ['keep-old-components'] }).runWith).toEqual(['no-fencing']);
  });

  it('sums up which mutations were caught, caught often and never caught', () => {
    const rows = [
      tally('no-fencing', 'a', [run(1, 1), run(2, 1, ['fencing'])]),
      tally('no-fencing', 'b', [run(1, 1), run(2, 1)]),
      tally('ack-before-sync', 'a', Array.from({ length: 20 }, (_, i) => run(i + 1, 1, i === 7 ? ['no-acked-commit-lost'] : []))),
      tally('ack-before-sync', 'b', [run(1, 1)]),
      tally('skip-backfill', 'a', [run(1, 1)]),
      tally('skip-backfill', 'b', [run(1, 1)]),
    ];
    expect(summarizePower(rows)).toEqual({
      mutations: 3,
      caught: ['no-fencing', 'ack-before-sync'],
      caughtOften: ['no-fencing'],
      neverCaught: ['skip-backfill'],
      onlyWithStage: [],
    });
  });
});

describe('finding power with a stage', () => {
  const subject = stagedSubject('unchecked-recover-from') as PowerSubject;

  it('a mutation shown with switches that set its stage is measured once more with them, judged by its own invariants', () => {
    expect(subject).toEqual({
      mutation: 'unchecked-recover-from',
      runWith: ['unchecked-recover-from', 'unlock-storage-before-publish'],
      stage: ['unlock-storage-before-publish'],
      judgedBy: ['fencing'],
    });
    expect(stagedSubject('no-fencing')).toBeUndefined();
    expect(stagedSubject('mislabel-director-events')).toBeUndefined();
    expect(powerSubjects(['no-fencing', 'unchecked-recover-from', 'mislabel-director-events']).map((s) => s.runWith.join('+'))).toEqual([
      'no-fencing',
      'unchecked-recover-from',
      'unchecked-recover-from+unlock-storage-before-publish',
      'mislabel-director-events+lock-all-available',
    ]);
  });

  it('a seed counts only if its own invariants fail with the stage and hold with the stage alone', () => {
    const t = new CatchTally(subject, 'random-shapes');
    t.add(run(1, 100, ['fencing', 'storage-consistent']), { violated: [] });
    t.add(run(2, 100, ['fencing']), { violated: ['fencing'] });
    t.add(run(3, 100, ['storage-consistent']), { violated: [] });
    t.add(run(4, 100), { violated: ['storage-consistent'] });
    expect(t.row(1)).toMatchObject({ tried: 4, caught: 1, firstSeed: 1, stage: ['unlock-storage-before-publish'], invariants: [{ id: 'fencing', runs: 1 }] });
    expect(() => new CatchTally(subject, 's').add(run(1, 1, ['fencing']))).toThrow(/needs the stage's own run/);
  });

  it('sums up the mutations caught only with their stage, and lists each stage under the table', () => {
    const staged = (runs: readonly [CatchSample, InvariantId[]][]): CatchRow => {
      const t = new CatchTally(subject, 'random-faults');
      for (const [r, stage] of runs) t.add(r, { violated: stage });
      return t.row(1);
    };
    const rows = [tally('unchecked-recover-from', 'random-faults', [run(1, 1), run(2, 1)]), staged([[run(1, 1, ['fencing']), []], [run(2, 1), []]])];
    expect(summarizePower(rows)).toMatchObject({ mutations: 1, caught: ['unchecked-recover-from'], caughtOften: ['unchecked-recover-from'], onlyWithStage: ['unchecked-recover-from'] });
    const lines = powerTableLines(rows, { scenarios: ['random-faults'], seeds: { first: 1, last: 2 }, jobs: 1, wallMs: 10 }, new Chalk({ level: 0 }));
    expect(lines[0]).toMatch(/^── finding power: 1 mutation ·/);
    expect(lines[3]).toMatch(/^unchecked-recover-from +0% /);
    expect(lines[4]).toMatch(/^unchecked-recover-from \(staged\) +50% +1 /);
    expect(lines.at(-2)).toBe('only staged   unchecked-recover-from');
    expect(lines.at(-1)).toMatch(/^staged: measured with the switches that set its stage \(unchecked-recover-from with unlock-storage-before-publish\)/);
  });
});

describe('finding power table', () => {
  it('floors rates so that 10% means at least 10%, and shows small rates to a tenth', () => {
    expect(formatRate({ caught: 0, ratePercent: 0 })).toBe('0%');
    expect(formatRate({ caught: 1, ratePercent: 0.5 })).toBe('0.5%');
    expect(formatRate({ caught: 19, ratePercent: 9.95 })).toBe('9.9%');
    expect(formatRate({ caught: 2, ratePercent: 200 / 3 })).toBe('66%');
    expect(formatRate({ caught: 3, ratePercent: 100 })).toBe('100%');
  });

  it('prints a row per mutation with rate, first seed and seconds per scenario, then the summary', () => {
    const rows = [
      tally('no-fencing', 'random-faults', [run(1, 1000), run(2, 1000, ['fencing'])], 2),
      tally('no-fencing', 'random-shapes', [run(1, 500, ['fencing', 'no-split-brain']), run(2, 1000)], 2),
      tally('mislabel-director-events', 'random-faults', [run(1, 100), run(2, 100)], 2),
      tally('mislabel-director-events', 'random-shapes', [run(1, 100), run(2, 100)], 2),
    ];
    const lines = powerTableLines(rows, { scenarios: ['random-faults', 'random-shapes'], seeds: { first: 1, last: 2 }, jobs: 2, wallMs: 2500 }, new Chalk({ level: 0 }));
    expect(lines[0]).toBe('── finding power: 2 mutations · seeds 1..2 · 2 jobs · 2.5 s wall ──');
    expect(lines[1]).toMatch(/^ +random-faults +random-shapes$/);
    expect(lines[2]).toMatch(/^mutation +rate +first +secs +rate +first +secs +invariants violated \(runs\)$/);
    expect(lines[3]).toMatch(/^no-fencing +50% +2 +1\.0 +50% +1 +0\.3 +fencing 2 · no-split-brain 1$/);
    expect(lines[4]).toMatch(/^mislabel-director-events \+lock-all-available +0% +- +- +0% +- +- +-$/);
    // Right-aligned under their headings.
    expect((lines[3] ?? '').indexOf('50%') + '50%'.length).toBe((lines[2] ?? '').indexOf('rate') + 'rate'.length);
    expect((lines[3] ?? '').lastIndexOf('0.3') + '0.3'.length).toBe((lines[2] ?? '').lastIndexOf('secs') + 'secs'.length);
    expect(lines.slice(-3)).toEqual([
      'caught        1 of 2 mutations, by at least one scenario within seeds 1..2',
      'caught often  1 of 2, in >= 10% of the seeds of at least one scenario',
      'never caught  mislabel-director-events',
    ]);
  });
});
