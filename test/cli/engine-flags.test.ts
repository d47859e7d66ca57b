import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { engineFlagsFor, engineNote } from '../../src/cli/engine-flags.js';
import { cli, fixture } from './helpers.js';

const CORES = availableParallelism();
const TINY = fixture('tiny.yaml');
const SINGLE = { flags: ['--single-threaded'] };
const DEFAULTS = { flags: [] };

describe('V8 runs its helper threads beside the workers only while a core is idle', () => {
  it('a sweep or power run of 100 seeds or more with a worker on every core runs V8 single-threaded', () => {
    expect(engineFlagsFor(['sweep', 'log-crash', '--seeds', '1..100'], 2)).toEqual(SINGLE);
    expect(engineFlagsFor(['sweep', 'log-crash', '--seeds=1..1000', '--jobs', '2'], 2)).toEqual(SINGLE);
    expect(engineFlagsFor(['sweep', '--jobs=8', 'log-crash', '--seeds', '1..', '--for', '10m'], 2)).toEqual(SINGLE);
    expect(engineFlagsFor(['sweep', 'log-crash', '--for', '1h'], 2)).toEqual(SINGLE);
    expect(engineFlagsFor(['sweep', 'log-crash', '--seeds', '1..4000', '--shard', '3/20'], 2)).toEqual(SINGLE);
    expect(engineFlagsFor(['power', 'tiny.yaml', '--seeds', '1..200', '--mutate', 'no-fencing'], 4)).toEqual(SINGLE);
    expect(engineFlagsFor(['sweep', 'x', '--seeds', '1..500', '--jobs', '1'], 1)).toEqual(SINGLE);
  });

  it('fewer workers than cores, fewer seeds, a command without a pool, or values the command will refuse keep V8 as it is', () => {
    expect(engineFlagsFor(['sweep', 'log-crash', '--seeds', '1..1000', '--jobs', '1'], 2)).toEqual(DEFAULTS);
    expect(engineFlagsFor(['sweep', 'log-crash', '--seeds', '1..1000', '--jobs', '2', '--jobs', '1'], 2)).toEqual(DEFAULTS);
    expect(engineFlagsFor(['sweep', 'log-crash', '--seeds', '1..99'], 2)).toEqual(DEFAULTS);
    expect(engineFlagsFor(['sweep', 'log-crash', '--seeds', '7'], 2)).toEqual(DEFAULTS);
    expect(engineFlagsFor(['sweep', 'log-crash', '--seeds', '1..1000', '--shard', '2/20'], 2)).toEqual(DEFAULTS);
    expect(engineFlagsFor(['power', 'tiny.yaml', '--seeds', '1..30'], 2)).toEqual(DEFAULTS);
    expect(engineFlagsFor(['corpus', '--jobs', '2'], 2)).toEqual(DEFAULTS);
    expect(engineFlagsFor(['run', 'log-crash'], 2)).toEqual(DEFAULTS);
    expect(engineFlagsFor(['report', 'log-crash', '--jobs', '9'], 2)).toEqual(DEFAULTS);
    expect(engineFlagsFor([], 2)).toEqual(DEFAULTS);
    for (const bad of ['many', '2.5', '-1', '']) expect(engineFlagsFor(['sweep', 'x', '--seeds', '1..1000', '--jobs', bad], 2), bad).toEqual(DEFAULTS);
    expect(engineFlagsFor(['sweep', 'x', '--seeds', '1..1000', '--jobs'], 2)).toEqual(DEFAULTS);
    for (const bad of ['a..b', '1..2..3', '']) expect(engineFlagsFor(['sweep', 'x', '--seeds', bad], 2), bad).toEqual(DEFAULTS);
    expect(engineFlagsFor(['sweep', 'x', '--seeds', '1..1000', '--shard', 'half'], 2)).toEqual(DEFAULTS);
  });

  it(`RECOVERY_SIM_V8 overrides the choice, and a value it does not know is refused by name`, () => {
    expect(engineFlagsFor(['sweep', 'x', '--seeds', '1..1000'], 2, { RECOVERY_SIM_V8: 'threads' })).toEqual(DEFAULTS);
    expect(engineFlagsFor(['run', 'x'], 2, { RECOVERY_SIM_V8: 'single-threaded' })).toEqual(SINGLE);
    expect(engineFlagsFor(['sweep', 'x', '--seeds', '1..1000'], 2, { RECOVERY_SIM_V8: 'auto' })).toEqual(SINGLE);
    const refused = engineFlagsFor(['run'], 2, { RECOVERY_SIM_V8: 'fast' });
    expect(refused).toEqual({ error: expect.stringMatching(/^RECOVERY_SIM_V8 must be auto, threads or single-threaded, got "fast".*RECOVERY_SIM_V8=threads\.$/) });
  });

  it('a summary names V8 single-threaded only when it ran so', () => {
    expect(engineNote(['--single-threaded'])).toBe(' · V8 single-threaded');
    expect(engineNote([])).toBe('');
  });

  it('the CLI started again with V8 single-threaded prints what it prints without it, exit codes included', async () => {
    const args = ['sweep', TINY, '--seeds', '1..3', '--jobs', String(CORES), '--json'];
    const restarted = await cli(args, { env: { RECOVERY_SIM_V8: 'single-threaded' } });
    const plain = await cli(args, { env: { RECOVERY_SIM_V8: 'threads' } });
    expect(restarted.code, restarted.stderr).toBe(0);
    // The lines are the same but for each run's wall time.
    const lines = (r: { stdout: string }) => r.stdout.trim().split('\n').map((l) => ({ ...(JSON.parse(l) as object), timings: undefined }));
    expect(lines(restarted)).toHaveLength(3);
    expect(lines(restarted)).toEqual(lines(plain));
    // The summary says how V8 ran, beside the job count.
    const jobs = `${Math.min(CORES, 3)} jobs?`;
    expect(restarted.stderr).toMatch(new RegExp(`^runs +3 · ${jobs} · V8 single-threaded · [0-9.]+ s wall`, 'm'));
    expect(plain.stderr).toMatch(new RegExp(`^runs +3 · ${jobs} · [0-9.]+ s wall`, 'm'));
    const missing = await cli(['sweep', 'no-such-scenario', '--seeds', '1..2'], { env: { RECOVERY_SIM_V8: 'single-threaded' } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^no-such-scenario: no such scenario file/m);
  });

  it('a RECOVERY_SIM_V8 it does not know is a one-paragraph error with exit code 2', async () => {
    const r = await cli(['run', TINY, '--seed', '1'], { env: { RECOVERY_SIM_V8: 'turbo' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^recovery-sim: RECOVERY_SIM_V8 must be auto, threads or single-threaded, got "turbo"/)]);
  });
});
