import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliHere as cli, fixture } from './helpers.js';

const TINY = fixture('tiny-random.json');
const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Three shards of seeds 1..9 and the unsharded sweep, JSON lines without timings. */
async function shardsAndWhole(): Promise<{ parts: string[]; whole: string; wholeTable: string }> {
  const [whole, table, ...parts] = await Promise.all([
    cli(['sweep', TINY, '--seeds', '1..9', '--jobs', '2', '--json', '--no-timings']),
    cli(['sweep', TINY, '--seeds', '1..9', '--jobs', '1', '--no-timings']),
    ...[1, 2, 3].map((i) => cli(['sweep', TINY, '--seeds', '1..9', '--shard', `${i}/3`, '--jobs', String(i % 2 + 1), '--json', '--no-timings'])),
  ]);
  for (const r of [whole, table, ...parts]) expect(r?.code).toBe(0);
  return { parts: parts.map((p, i) => save(`part${i + 1}.jsonl`, p.stdout)), whole: whole?.stdout ?? '', wholeTable: table?.stdout ?? '' };
}

const shards = shardsAndWhole();

describe('sharded sweeps and recovery-sim merge', () => {
  it('a 3-shard sweep, concatenated or merged, is the unsharded sweep byte for byte', async () => {
    const { parts, whole, wholeTable } = await shards;
    expect(whole.trim().split('\n')).toHaveLength(9);
    // Shards are consecutive blocks: their outputs, concatenated in shard order, are the whole.
    expect(parts.map((p) => readFileSync(p, 'utf8')).join('')).toBe(whole);
    // Given in any order, merge puts the lines back in seed order.
    const merged = await cli(['merge', parts[2] as string, parts[0] as string, parts[1] as string, '--json']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole);
    // And its table is the one the unsharded sweep prints.
    const table = await cli(['merge', ...parts]);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(wholeTable);
    expect(table.stdout).toMatch(/^── sweep: tiny-random seeds 1\.\.9 ──$/m);
  });

  it('JSON lines carry wall time only in `timings`, which --no-timings drops', async () => {
    const { whole } = await shards;
    const timed = await cli(['sweep', TINY, '--seeds', '1..2', '--jobs', '1', '--json']);
    const line = JSON.parse(timed.stdout.split('\n')[0] ?? '') as Record<string, unknown>;
    expect(line['timings']).toEqual({ wallMs: expect.any(Number) as number });
    expect(line['wallMs']).toBeUndefined();
    expect(line['sweep']).toEqual({ seeds: '1..2' });
    const plain = JSON.parse(whole.split('\n')[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(plain)).not.toContain('timings');
    expect(Object.keys(plain)).not.toContain('wallMs');
    // Merged timed shards report the time their runs took, per job.
    const merged = await cli(['merge', save('timed.jsonl', timed.stdout)]);
    expect(merged.stdout).toMatch(/^runs +2 · 1 file · [\d.]+ s of runs$/m);
    expect(merged.stdout).toMatch(/^speed +[\d.]+ seeds\/s per job/m);
  });

  it('a missing or cut-off shard is an error naming the seeds; --partial summarises what ran', async () => {
    const { parts } = await shards;
    const missing = await cli(['merge', parts[0] as string, parts[2] as string]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/tiny-random seeds 1\.\.9: 3 of 9 seeds are in no file \(4\.\.6\): a shard's output is missing or was cut off\. Rerun the missing shards, or pass --partial/);
    const partial = await cli(['merge', parts[0] as string, parts[2] as string, '--partial']);
    expect(partial.code).toBe(0);
    expect(partial.stdout).toMatch(/^partial +6 of 9 seeds ran; not run: 4\.\.6$/m);
    const text = readFileSync(parts[1] as string, 'utf8');
    const cut = save('cut.jsonl', text.slice(0, text.indexOf('\n') + 200));
    const torn = await cli(['merge', parts[0] as string, cut, parts[2] as string]);
    expect(torn.code).toBe(2);
    expect(torn.stderr).toMatch(/cut\.jsonl:2: not JSON .*a line cut off mid-write means the sweep that wrote it was stopped/);
  });

  it('overlapping shards, repeated files and files that are not sweep output are refused with exit 2', async () => {
    const { parts } = await shards;
    const copy = save('copy.jsonl', readFileSync(parts[0] as string, 'utf8'));
    const overlap = await cli(['merge', ...parts, copy]);
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toMatch(/seed 1 is in both .*part1\.jsonl and .*copy\.jsonl: the shards overlap/);
    const twice = await cli(['merge', parts[0] as string, parts[0] as string]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/is given twice/);
    const run = await cli(['run', TINY, '--json']);
    const notSweep = await cli(['merge', save('run.json', run.stdout)]);
    expect(notSweep.code).toBe(2);
    expect(notSweep.stderr).toMatch(/run\.json:1: a line without "sweep": it was not written by `recovery-sim sweep --json`/);
    const none = await cli(['merge', join(dir, 'nothing.jsonl')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/cannot read .*nothing\.jsonl \(no such file\)/);
  });

  it('merged shards with failing runs exit 1, list the failures with their replay, and give a finding-power row', async () => {
    const parts = await Promise.all([1, 2].map((i) => cli(['sweep', 'log-crash', '--seeds', '1..4', '--shard', `${i}/2`, '--mutate', 'recruit-old-layout', '--jobs', '1', '--json', '--no-timings'])));
    const files = parts.map((p, i) => save(`recruit${i}.jsonl`, p.stdout));
    const merged = await cli(['merge', ...files]);
    expect(merged.code).toBe(1);
    expect(merged.stdout).toMatch(/^── sweep: log-crash seeds 1\.\.4 mutations recruit-old-layout ──$/m);
    expect(merged.stdout).toMatch(/^ +3 {2}npx recovery-sim run log-crash --seed 3 --mutate recruit-old-layout {2}\(selective-locking/m);
    expect(merged.stdout).toMatch(/── finding power: 1 mutation · seeds 1\.\.4/);
    expect(merged.stdout).toMatch(/^recruit-old-layout +100% +1 /m);
  });

  it('--for runs seeds in order until the budget ends, and says how many ran', async () => {
    const r = await cli(['sweep', TINY, '--seeds', '5..', '--for', '1s', '--jobs', '1', '--json', '--no-timings']);
    expect(r.code).toBe(0);
    const seeds = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { seed: number }).seed);
    expect(seeds.length).toBeGreaterThan(0);
    expect(seeds).toEqual(seeds.map((_, k) => 5 + k));
    expect(r.stderr).toMatch(new RegExp(`^stopped +the --for 1s budget ended after ${seeds.length} seeds \\(5\\.\\.${4 + seeds.length}\\); the next seed is ${5 + seeds.length}$`, 'm'));
    expect(r.stderr).toMatch(/^── sweep: tiny-random seeds 5\.\. ──$/m);
    const merged = await cli(['merge', save('budget.jsonl', r.stdout), '--partial']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(new RegExp(`^partial +${seeds.length} of \\d+ seeds ran`, 'm'));
  });
});
