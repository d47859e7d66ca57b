import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioFiles } from '../../src/scenario/paths.js';
import { BIN } from './helpers.js';

/**
 * The CLI under hostile files, end to end: bundled scenarios with a field spoiled, removed or set
 * to an extreme, run as a user would (`run <file> --trace <out>`). Every case must end within a
 * bound with exit 0, 1 or 2 (never 3, a bug), print no stack trace, and leave nothing in its
 * directory but the input and, when the run completed, the requested trace.
 */
const BOUND_MS = 60_000;
const bundled = scenarioFiles().map((f) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function paths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

const EXTREMES: readonly Json[] = [0, -1, 1e-9, 0.5, 1e12, 1e308, -1e308, '', 'x'.repeat(5000), '\u001b[31mred', null, true, [], {}, [1, 2, 3]];

const spoiled = fc.record({ base: fc.nat(), target: fc.nat(), action: fc.constantFrom('replace', 'delete'), value: fc.constantFrom(...EXTREMES) }).map(({ base, target, action, value }) => {
  const scenario = structuredClone(bundled[base % bundled.length]) as { [k: string]: Json };
  delete scenario['$schema'];
  const all = paths(scenario);
  const path = all[target % all.length] as (string | number)[];
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k] as Json, scenario) as Record<string | number, Json>;
  const key = path.at(-1) as string | number;
  if (action === 'delete' && !Array.isArray(parent)) delete parent[key];
  else parent[key] = value;
  return { scenario, what: `${String(scenario['name'])}: ${action} ${path.join('.')}${action === 'replace' ? ` = ${JSON.stringify(value).slice(0, 40)}` : ''}` };
});

function runCli(args: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, BOUND_MS);
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, killed });
    });
  });
}

describe('the CLI under spoiled scenario files', () => {
  it('always ends with 0, 1 or 2, no stack trace, and writes only what was asked', async () => {
    const cases = fc.sample(spoiled, { numRuns: Number(process.env['FUZZ_RUNS'] ?? 16), seed: 20261127 });
    const problems: string[] = [];
    const one = async ({ scenario, what }: { scenario: Json; what: string }): Promise<void> => {
      const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-fuzz-'));
      writeFileSync(join(dir, 'in.json'), JSON.stringify(scenario));
      const r = await runCli(['run', 'in.json', '--quiet', '--trace', 'out.jsonl'], dir);
      const left = readdirSync(dir).sort();
      const allowed = r.code === 0 || r.code === 1 ? ['in.json', 'out.jsonl'] : ['in.json'];
      if (r.killed) problems.push(`${what}: still running after ${BOUND_MS / 1000} s`);
      else if (r.code !== 0 && r.code !== 1 && r.code !== 2) problems.push(`${what}: exit ${String(r.code)}: ${r.stderr.split('\n')[0] ?? ''}`);
      if (/\n\s+at .+:\d+:\d+/.test(r.stderr)) problems.push(`${what}: a stack trace on stderr`);
      if (JSON.stringify(left) !== JSON.stringify(allowed)) problems.push(`${what}: left ${left.join(', ')} (exit ${String(r.code)})`);
    };
    // Two at a time: the machine has two cores.
    for (let i = 0; i < cases.length; i += 2) await Promise.all(cases.slice(i, i + 2).map(one));
    expect(problems, problems.join('\n')).toEqual([]);
    expect(cases.length).toBeGreaterThan(0);
  }, 300_000);

  it('the bundled scenarios are there to spoil', () => {
    expect(bundled.length).toBeGreaterThan(20);
  });
});
