import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('recovery-sim shrink', () => {
  it('writes a minimal scripted scenario that `run` reproduces', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'recovery-sim-')), 'shrunk.json');
    const r = await cli(['shrink', 'random-faults', '--seed', '3', '--mutate', 'no-fencing', '--out', out]);
    expect(r.code).toBe(0);
    const m = /reproduced by (\d+) of (\d+) fault actions/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeLessThan(Number(m?.[2]));
    expect(r.stdout).toContain(`replay: npx recovery-sim run ${out} --seed 3`);
    expect(r.stderr).toMatch(/shrink: try 1: /);

    const scenario = JSON.parse(readFileSync(out, 'utf8')) as { name: string; faults: { script: unknown[]; random?: unknown }; mutations: string[]; expect: { verdict: string; invariant: string } };
    expect(scenario.name).toBe('random-faults-seed3');
    expect(scenario.faults.random).toBeUndefined();
    expect(scenario.faults.script.length).toBe(Number(m?.[1]));
    expect(scenario.mutations).toEqual(['no-fencing']);
    expect(scenario.expect.verdict).toBe('violation');

    const replay = await cli(['run', out, '--seed', '3', '--json']);
    expect(replay.code).toBe(0);
    const result = JSON.parse(replay.stdout) as { verdict: string; violated: string[]; expectationMet: boolean };
    expect(result.verdict).toBe('violation');
    expect(result.violated).toContain(scenario.expect.invariant);
    expect(result.expectationMet).toBe(true);
  });

  it('exits 2 when the seed passes: there is nothing to shrink', async () => {
    const r = await cli(['shrink', 'bootstrap', '--seed', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bootstrap with seed 1 passes: there is no violation to shrink/);
  });
});
