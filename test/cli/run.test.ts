import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI, cli, fixture } from './helpers.js';

const CONTRACT_KEYS = ['scenario', 'seed', 'mutations', 'verdict', 'traceHash', 'events', 'virtualMs', 'wallMs', 'violations', 'published', 'locks', 'commits', 'probes', 'replay'];

describe.concurrent('recovery-sim run', () => {
  it('runs the default scenario with seed 1: configuration, timeline, summary, exit 0', async () => {
    const r = await cli(['run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^scenario {4}log-crash/m);
    expect(r.stdout).toMatch(/^seed {8}1$/m);
    expect(r.stdout).toMatch(/⚡ crash node n5/);
    expect(r.stdout).toMatch(/first-phase locks: ok .* · timeout /);
    expect(r.stdout).toMatch(/layout e4 published/);
    expect(r.stdout).toMatch(/^verdict {5}PASS/m);
    expect(r.stdout).toMatch(/^trace hash {2}[0-9a-f]+$/m);
    expect(r.stdout).toMatch(/^replay {6}npx recovery-sim run log-crash --seed 1$/m);
  });

  it('--ordering pct changes the execution, says so in the header, and the replay line carries it', async () => {
    const pct = await cli(['run', 'log-crash', '--ordering', 'pct']);
    expect(pct.code).toBe(0);
    expect(pct.stdout).toMatch(/network\s+PCT ordering/);
    expect(pct.stdout).toContain('replay      npx recovery-sim run log-crash --seed 1 --ordering pct');
    const plain = await cli(['run', 'log-crash', '--quiet']);
    const hash = (out: string) => /trace hash\s+([0-9a-f]+)/.exec(out)?.[1];
    expect(hash(pct.stdout)).toBeDefined();
    expect(hash(pct.stdout)).not.toBe(hash(plain.stdout));
  });

  it('prints no escape codes with NO_COLOR, even when colour is forced', async () => {
    const r = await cli(['run', 'bootstrap', '--verbose'], { env: { FORCE_COLOR: '3' } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    const flag = await cli(['run', 'bootstrap'], { env: { NO_COLOR: undefined, FORCE_COLOR: '3' } });
    expect(flag.stdout).toMatch(ANSI);
    const noColor = await cli(['run', 'bootstrap', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '3' } });
    expect(noColor.stdout).not.toMatch(ANSI);
  });

  it('--json prints exactly one object with the contract keys', async () => {
    const r = await cli(['run', 'bootstrap', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] as string) as Record<string, unknown>;
    for (const key of CONTRACT_KEYS) expect(result).toHaveProperty(key);
    expect(result['scenario']).toBe('bootstrap');
    expect(result['seed']).toBe(3);
    expect(result['verdict']).toBe('pass');
    expect(result['replay']).toBe('npx recovery-sim run bootstrap --seed 3');
    expect(result['shape']).toBeNull();
  });

  it('shows the cluster shape a seed drew: one header line, and `shape` in run and sweep --json', async () => {
    const [text, json, sweep] = await Promise.all([
      cli(['run', 'random-shapes', '--seed', '3']),
      cli(['run', 'random-shapes', '--seed', '3', '--json']),
      cli(['sweep', 'random-shapes', '--seeds', '3..4', '--jobs', '1', '--json']),
    ]);
    expect(text.stdout).toMatch(
      /^shape {7}\d+ nodes · (shared|split) roles · \d coordinators? · desired logs \d · replication \d · \d shards? in \d log groups? · \d+ storage servers · \d+ ops\/s · read share [\d.]+ · (duplicates [\d.]+|no duplicates) · (loss faults allowed|no loss faults) · \d commit prox(y|ies)( · strict placement)?( · R changes to \d)?( · wide-area network \d+ ms one way)? \(drawn from the seed\)$/m,
    );
    const shape = (JSON.parse(json.stdout) as { shape: Record<string, unknown> | null }).shape;
    expect(Object.keys(shape ?? {}).sort()).toEqual(['coordinators', 'desiredLogs', 'duplicateRate', 'logGroups', 'loss', 'nodes', 'readShare', 'replicationFactor', 'ratePerSec', 'roles', 'shards', 'storageServers', 'commitProxies', 'strictPlacement', 'replicationChange', 'wanLatencyMs'].sort());
    expect(text.stdout).toContain(`${String(shape?.['nodes'])} nodes · ${String(shape?.['roles'])} roles`);
    const swept = sweep.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seed: number; shape: unknown });
    expect(swept.map((r) => r.seed)).toEqual([3, 4]);
    expect(swept[0]?.shape).toEqual(shape);
  });

  it('--quiet prints the verdict, the hash and the replay command only', async () => {
    const r = await cli(['run', 'bootstrap', '--quiet']);
    expect(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['verdict', 'trace', 'replay']);
  });

  it('--verbose shows every message', async () => {
    const r = await cli(['run', 'bootstrap', '--verbose']);
    expect(r.stdout).toMatch(/→ coordinator@n2: prepare #\d+/);
    expect(r.stdout).toMatch(/#\d+ delivered/);
  });

  it('--trace writes one JSON line per event', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'recovery-sim-')), 'run.jsonl');
    const r = await cli(['run', 'bootstrap', '--trace', file, '--json']);
    const result = JSON.parse(r.stdout) as { events: number };
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(result.events);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ i: 0, t: 0 });
  });

  it('exits 1 on a violation, and says the expectation was not met', async () => {
    const r = await cli(['run', 'leader-isolated', '--mutate', 'no-fencing', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/VIOLATION \([^)]*\bfencing\b[^)]*\)/);
    expect(r.stdout).toMatch(/EXPECTATION NOT MET: expected pass, got violation/);
    expect(r.stdout).toMatch(/replay {6}npx recovery-sim run leader-isolated --seed 1 --mutate no-fencing$/m);
  });

  it('exits 0 when a bug scenario gets the violation it expects, and 1 when it does not', async () => {
    const caught = await cli(['run', 'bug-lock-all-available']);
    expect(caught.code).toBe(0);
    expect(caught.stdout).toMatch(/✗ VIOLATION +selective-locking: /);
    expect(caught.stdout).toMatch(/means: Judged from the lock requests sent: the first phase locks only the old layout's services/);
    expect(caught.stdout).toMatch(/expectation met: violation \(selective-locking\)/);
    expect(caught.stdout).toMatch(/event #\d+ at /);
    const fixed = await cli(['run', 'bug-lock-all-available', '--no-mutations', '--quiet']);
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toMatch(/EXPECTATION NOT MET: expected violation \(selective-locking\), got pass/);
    expect(fixed.stdout).toMatch(/--no-mutations$/m);
  });

  it('runs YAML scenario files given by path', async () => {
    const r = await cli(['run', fixture('tiny.yaml'), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS \(tiny, seed 1\)/);
  });

  it('prints the swarm settings drawn for random faults', async () => {
    const r = await cli(['run', fixture('tiny-random.json'), '--seed', '2']);
    expect(r.stdout).toMatch(/^faults +\d+ fault actions?, \d+ drawn from the seed; quiet from 4000 ms/m);
    expect(r.stdout).toMatch(/^ +swarm: .* mean gap \d+ ms/m);
  });
});
