import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEPLOY, ROOT, run } from './helpers.js';

const BIN = `node ${join(ROOT, 'bin', 'recovery-sim.js')}`;
const temp = mkdtempSync(join(tmpdir(), 'deploy-scripts-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let dirs = 0;
const newDir = () => join(temp, `out-${++dirs}`);

// Settings a CI machine or a pod might have set, which would change what the scripts do.
const CLEAN = { SCENARIO: undefined, SEEDS: undefined, SHARDS: undefined, SHARD_INDEX: undefined, JOB_COMPLETION_INDEX: undefined, FOR: undefined, MUTATE: undefined, JOBS: undefined };
const script = (name: string, env: Record<string, string | undefined>) => run('bash', [join(DEPLOY, name)], { ...CLEAN, ...env });

/**
 * A stand-in for the CLI, so that the scripts' own logic is tested in milliseconds: it records
 * its arguments one per line in $OUT_DIR/argv-N, prints a line per argument (none with
 * STUB_SILENT) and a summary on stderr, and exits STUB_EXIT.
 */
const STUB = join(temp, 'stub.sh');
writeFileSync(
  STUB,
  `n=1; while [ -e "$OUT_DIR/argv-$n" ]; do n=$((n + 1)); done
printf '%s\\n' "$@" > "$OUT_DIR/argv-$n"
[ -n "\${STUB_SILENT:-}" ] || printf 'line %s\\n' "$@"
echo "summary of $1" >&2
exit "\${STUB_EXIT:-0}"
`,
);
const stubbed = (out: string, env: Record<string, string> = {}) => ({ RECOVERY_SIM: `sh ${STUB}`, OUT_DIR: out, ...env });
const argv = (out: string, n = 1) => readFileSync(join(out, `argv-${n}`), 'utf8').trimEnd().split('\n');

describe('deploy/sweep-shard.sh', () => {
  it('runs its shard with every setting, JSON to the shard file and the summary beside it', async () => {
    const out = newDir();
    const r = await script('sweep-shard.sh', stubbed(out, { SCENARIO: 'log-crash', SEEDS: '5..50', SHARDS: '4', SHARD_INDEX: '2', JOBS: '3', FOR: '10m', MUTATE: 'no-fencing, ack-before-sync' }));
    expect(r.code).toBe(0);
    expect(argv(out)).toEqual(['sweep', 'log-crash', '--seeds', '5..50', '--shard', '2/4', '--jobs', '3', '--json', '--no-timings', '--for', '10m', '--mutate', 'no-fencing,', 'ack-before-sync', '--save-failures', join(out, 'corpus')]);
    expect(readFileSync(join(out, 'shard-2-of-4.jsonl'), 'utf8')).toMatch(/^line sweep\nline log-crash\n/);
    expect(readFileSync(join(out, 'shard-2-of-4.summary.txt'), 'utf8')).toBe('summary of sweep\n');
    expect(r.stderr).toContain('summary of sweep');
  });

  it('takes its shard from a Kubernetes completion index (0-based), and its defaults', async () => {
    const out = newDir();
    expect((await script('sweep-shard.sh', stubbed(out, { SHARDS: '3', JOB_COMPLETION_INDEX: '0' }))).code).toBe(0);
    const args = argv(out);
    expect(args.slice(0, 6)).toEqual(['sweep', 'random-faults', '--seeds', '1..10000', '--shard', '1/3']);
    expect(Number(args[args.indexOf('--jobs') + 1])).toBeGreaterThanOrEqual(1);
    expect(args).not.toContain('--for');
    expect(args).not.toContain('--mutate');
    expect(existsSync(join(out, 'shard-1-of-3.jsonl'))).toBe(true);
  });

  it('exits 0 when seeds failed (the merge reports them), and fails on bad input or a crash', async () => {
    const finding = newDir();
    const r = await script('sweep-shard.sh', stubbed(finding, { STUB_EXIT: '1' }));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/found failing seeds/);
    expect(existsSync(join(finding, 'shard-1-of-1.jsonl'))).toBe(true);
    // Exit 1 with no output at all is node crashing (a missing module), not failing seeds.
    const crash = await script('sweep-shard.sh', stubbed(newDir(), { STUB_EXIT: '1', STUB_SILENT: '1' }));
    expect(crash.code).toBe(3);
    expect(crash.stderr).toMatch(/not a finding/);
    for (const code of ['2', '3', '137']) {
      const out = newDir();
      // A file from an earlier try must not be taken for this one's.
      await script('sweep-shard.sh', stubbed(out));
      expect((await script('sweep-shard.sh', stubbed(out, { STUB_EXIT: code }))).code).toBe(Number(code));
      expect(readdirSync(out).filter((f) => f.endsWith('.jsonl'))).toEqual([]);
    }
  });

  it('refuses settings it cannot turn into a shard, with exit 2', async () => {
    const refused: Record<string, string>[] = [{ SHARDS: '3' }, { SHARDS: '3', SHARD_INDEX: '4' }, { SHARDS: '0' }, { SHARDS: 'x' }, { SHARD_INDEX: '01' }, { SHARDS: '2', JOB_COMPLETION_INDEX: '-1' }];
    for (const env of refused) {
      const r = await script('sweep-shard.sh', stubbed(newDir(), env));
      expect(r.code, JSON.stringify(env)).toBe(2);
      expect(r.stderr).toMatch(/SHARD|JOB_COMPLETION_INDEX/);
    }
  });
});

describe('deploy/merge-shards.sh', () => {
  it('merges shards 1..N in order, with --partial under a time budget, and keeps the exit code', async () => {
    const out = newDir();
    for (let i = 1; i <= 10; i++) await script('sweep-shard.sh', stubbed(out, { SHARDS: '10', SHARD_INDEX: String(i) }));
    for (let n = 1; n <= 10; n++) rmSync(join(out, `argv-${n}`));
    const r = await script('merge-shards.sh', stubbed(out, { SHARDS: '10', FOR: '1h', STUB_EXIT: '1' }));
    expect(r.code).toBe(1);
    const shards = Array.from({ length: 10 }, (_, i) => join(out, `shard-${i + 1}-of-10.jsonl`));
    expect(argv(out, 1)).toEqual(['merge', ...shards, '--partial']);
    expect(argv(out, 2)).toEqual(['merge', ...shards, '--partial', '--json']);
    expect(r.stdout).toContain('summary of merge');
    expect(readFileSync(join(out, 'merged.summary.txt'), 'utf8')).toContain('summary of merge');
    expect(readFileSync(join(out, 'merged.jsonl'), 'utf8')).toMatch(/--json\n$/);
  });

  it('names a missing shard and leaves no merged.jsonl when the merge refuses', async () => {
    const out = newDir();
    await script('sweep-shard.sh', stubbed(out, { SHARDS: '2', SHARD_INDEX: '2' }));
    writeFileSync(join(out, 'merged.jsonl'), 'from an earlier run\n');
    const r = await script('merge-shards.sh', stubbed(out, { SHARDS: '2', STUB_EXIT: '2' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shard-1-of-2.jsonl is missing');
    expect(argv(out, 2)).toEqual(['merge', join(out, 'shard-1-of-2.jsonl'), join(out, 'shard-2-of-2.jsonl')]);
    expect(existsSync(join(out, 'merged.jsonl'))).toBe(false);
    const crash = await script('merge-shards.sh', stubbed(out, { SHARDS: '2', STUB_EXIT: '1', STUB_SILENT: '1' }));
    expect(crash.code).toBe(3);
    expect(existsSync(join(out, 'merged.jsonl'))).toBe(false);
  });
});

// The real CLI: three shards and their merge give exactly what one sweep over the range gives.
describe('the scripts with recovery-sim', () => {
  it('shard 1..6 of log-crash three ways and merge it back, byte for byte', async () => {
    const out = newDir();
    const real = { RECOVERY_SIM: BIN, OUT_DIR: out, SCENARIO: 'log-crash', SEEDS: '1..6', SHARDS: '3', JOBS: '1' };
    // The shards' bytes equal one sweep of the whole range (test/cli/merge.test.ts); here the
    // scripts must hand them on unchanged: the merge is the shards' lines, in order.
    const shards = await Promise.all([
      // Shard 1 through the Kubernetes index, as a pod of an Indexed Job would.
      script('sweep-shard.sh', { ...real, JOB_COMPLETION_INDEX: '0' }),
      script('sweep-shard.sh', { ...real, SHARD_INDEX: '2' }),
      script('sweep-shard.sh', { ...real, SHARD_INDEX: '3' }),
    ]);
    for (const s of shards) expect(s.code, s.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => /^shard-\d-of-3\.jsonl$/.test(f)).sort()).toEqual(['shard-1-of-3.jsonl', 'shard-2-of-3.jsonl', 'shard-3-of-3.jsonl']);

    const merged = await script('merge-shards.sh', { RECOVERY_SIM: BIN, OUT_DIR: out, SHARDS: '3' });
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    const text = readFileSync(join(out, 'merged.jsonl'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.map((l) => (JSON.parse(l) as { seed: number }).seed)).toEqual(Array.from({ length: 6 }, (_, i) => i + 1));
    expect(text).toBe([1, 2, 3].map((i) => readFileSync(join(out, `shard-${i}-of-3.jsonl`), 'utf8')).join(''));
    expect(readFileSync(join(out, 'merged.summary.txt'), 'utf8')).toMatch(/^runs +6$/m);
  });
});
