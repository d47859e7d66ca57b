import { describe, expect, it } from 'vitest';
import { COUNTED_POINTS } from '../../src/cluster/mutation-points.js';
import { cliHere as cli, fixture } from './helpers.js';

interface Line {
  readonly seed: number;
  readonly traceHash: string;
  readonly verdict: string;
  readonly violated: string[];
}

const parse = (stdout: string): Line[] => stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
const TINY = fixture('tiny-random.json');

describe('recovery-sim sweep', () => {
  it('gives every seed the trace hash `run` gives it, with one job or two, in seed order', async () => {
    const [one, two, single] = await Promise.all([
      cli(['sweep', TINY, '--seeds', '1..6', '--jobs', '1', '--json']),
      cli(['sweep', TINY, '--seeds', '1..6', '--jobs', '2', '--json']),
      cli(['run', TINY, '--seed', '4', '--json']),
    ]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const a = parse(one.stdout);
    const b = parse(two.stdout);
    expect(a.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(b.map((r) => r.traceHash)).toEqual(a.map((r) => r.traceHash));
    expect(a[3]?.traceHash).toBe((JSON.parse(single.stdout) as Line).traceHash);
    expect(new Set(a.map((r) => r.traceHash)).size).toBe(6);
  });

  it('--shard I/N splits a range so the parts cover it exactly once', async () => {
    const [whole, ...parts] = await Promise.all([
      cli(['sweep', TINY, '--seeds', '3..10', '--jobs', '2', '--json']),
      ...[1, 2, 3].map((i) => cli(['sweep', TINY, '--seeds', '3..10', '--shard', `${i}/3`, '--jobs', '1', '--json'])),
    ]);
    const seeds = parts.map((p) => parse(p.stdout).map((r) => r.seed));
    expect(seeds).toEqual([
      [3, 4],
      [5, 6, 7],
      [8, 9, 10],
    ]);
    // A seed's execution does not depend on which machine, shard or thread ran it.
    const hashOf = new Map(parse(whole?.stdout ?? '').map((r) => [r.seed, r.traceHash]));
    for (const r of parts.flatMap((p) => parse(p.stdout))) expect(r.traceHash).toBe(hashOf.get(r.seed));
  });

  it('prints a summary table with probes, speed and progress on stderr', async () => {
    const r = await cli(['sweep', TINY, '--seeds', '1..4', '--jobs', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^── sweep: tiny-random seeds 1\.\.4 ──/m);
    expect(r.stdout).toMatch(/^runs +4 · 2 jobs/m);
    expect(r.stdout).toMatch(/^passed +4$/m);
    expect(r.stdout).toMatch(/^violations +none$/m);
    expect(r.stdout).toMatch(/^probes +.*workers-created \d+/m);
    // A tiny cluster with one commit proxy never reaches the moment `local-read-version` acts on.
    expect(r.stdout).toMatch(new RegExp(`^not at stake +\\d+ of ${COUNTED_POINTS.length} switches never reached the moment they act on: .*local-read-version`, 'm'));
    expect(r.stdout).toMatch(/^speed +[\d.]+ seeds\/s · [\d.]+ k? ?events\/s/m);
    expect(r.stderr).toMatch(/4\/4 seeds/);
  });

  it('exits 1 and lists failing seeds with their replay commands', async () => {
    const [violated, missed] = await Promise.all([
      cli(['sweep', 'leader-isolated', '--seeds', '1..2', '--mutate', 'no-fencing', '--jobs', '2']),
      cli(['sweep', 'bug-lock-all-available', '--seeds', '1..2', '--no-mutations', '--jobs', '1']),
    ]);
    expect(violated.code).toBe(1);
    expect(violated.stdout).toMatch(/^violations +2 runs: fencing 2/m);
    expect(violated.stdout).toMatch(/^ +1 {2}npx recovery-sim run leader-isolated --seed 1 --mutate no-fencing {2}\(fencing/m);
    expect(violated.stdout).toMatch(/^ +2 {2}npx recovery-sim run leader-isolated --seed 2 --mutate no-fencing {2}\(fencing/m);
    expect(missed.code).toBe(1);
    expect(missed.stdout).toMatch(/^ +1 {2}npx recovery-sim run bug-lock-all-available --seed 1 --no-mutations {2}\(expected violation \(selective-locking\), got pass\)$/m);
  });
});
