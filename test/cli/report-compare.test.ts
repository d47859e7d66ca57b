import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { reportAction } from '../../src/cli/commands/report.js';
import type { Cli } from '../../src/cli/context.js';
import { cliHere as cli } from './helpers.js';

// `report --compare-seed / --compare-mutate / --compare-no-mutations`: two runs on one page.

interface Side {
  meta: { seed: number; mutations: string[]; verdict: string; events: number };
  events: { dt: number[]; i?: number[] };
}

interface ComparePayload {
  compare?: {
    a: Side;
    b: Side;
    labels: { a: string; b: string };
    diff: {
      divergence: { traceIndex: number; a: number; b: number; kind: string; text: string } | null;
      identical: boolean;
      publications: { epoch: number; differs: string[] }[];
      generations: { epoch: number }[];
      violations: { invariant: string; a: number; b: number }[];
    };
  };
  meta?: unknown;
}

function payloadOf(file: string): ComparePayload {
  const html = readFileSync(file, 'utf8');
  return JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as ComparePayload;
}

function undelta(values: readonly number[]): number[] {
  let at = 0;
  return values.map((d) => (at += d));
}

function memoryCli(): Cli & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => void out.push(t), err: (t) => void err.push(t), chalk: new Chalk({ level: 0 }), stderrIsTTY: false }, exitCode: 0, out, err };
}

describe.concurrent('report: comparing two runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-compare-'));

  it('a bug against the reference protocol: one command, the first difference, both verdicts, exit 1', async () => {
    const out = join(dir, 'fix.html');
    const r = await cli(['report', 'bug-no-fencing', '--compare-no-mutations', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^wrote .*fix\.html: run A above run B on one time axis; the traces part at event #\d+/);
    expect(r.stdout).toMatch(/^run A: seed 1 · no-fencing, \d+ events$/m);
    expect(r.stdout).toMatch(/^run B: seed 1 · no mutations, \d+ events$/m);
    expect(r.stdout).toMatch(/verdict +VIOLATION/);
    expect(r.stdout).toMatch(/verdict +PASS/);
    expect(r.stdout).toContain('npx recovery-sim run bug-no-fencing --seed 1 --no-mutations');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<title>bug-no-fencing: A seed 1 · no-fencing \(violation\) vs B seed 1 · no mutations \(pass\)<\/title>/);
    const p = payloadOf(out).compare!;
    expect(p.a.meta.mutations).toEqual(['no-fencing']);
    expect(p.b.meta.mutations).toEqual([]);
    expect(p.a.meta.verdict).toBe('violation');
    expect(p.b.meta.verdict).toBe('pass');
    expect(p.diff.divergence!.kind).toBe('content');
    expect(p.diff.divergence!.text).toContain('log-push');
    expect(p.diff.violations.filter((v) => v.b === 0).map((v) => v.invariant)).toContain('no-split-brain');
    expect(p.diff.publications.length).toBeGreaterThan(0);
    expect(p.diff.generations.length).toBeGreaterThan(0);
  });

  it('a passing and a failing seed, and the reference protocol against a bug', async () => {
    const seeds = join(dir, 'seeds.html');
    const bug = join(dir, 'bug.html');
    const [a, b] = await Promise.all([
      cli(['report', 'random-faults', '--mutate', 'no-fencing', '--seed', '1', '--compare-seed', '8', '--out', seeds]),
      cli(['report', 'log-crash', '--compare-mutate', 'recruit-old-layout', '--out', bug]),
    ]);
    expect(a.code).toBe(1);
    const ps = payloadOf(seeds).compare!;
    expect([ps.a.meta.seed, ps.b.meta.seed]).toEqual([1, 8]);
    expect([ps.a.meta.verdict, ps.b.meta.verdict]).toEqual(['pass', 'violation']);
    expect(ps.labels).toEqual({ a: 'seed 1 · no-fencing', b: 'seed 8 · no-fencing' });
    expect(b.code).toBe(1);
    const pb = payloadOf(bug).compare!;
    expect([pb.a.meta.mutations, pb.b.meta.mutations]).toEqual([[], ['recruit-old-layout']]);
    expect([pb.a.meta.verdict, pb.b.meta.verdict]).toEqual(['pass', 'violation']);
    expect(pb.diff.divergence!.traceIndex).toBeGreaterThan(0);
  });

  it('two passing runs exit 0; without a --compare-* flag the page is one run', async () => {
    const two = join(dir, 'two.html');
    const one = join(dir, 'one.html');
    const [a, b] = await Promise.all([cli(['report', 'bootstrap', '--seed', '1', '--compare-seed', '2', '--out', two]), cli(['report', 'bootstrap', '--out', one])]);
    expect(a.code).toBe(0);
    expect(payloadOf(two).compare).toBeDefined();
    expect(b.code).toBe(0);
    const single = payloadOf(one);
    expect(single.compare).toBeUndefined();
    expect(single.meta).toBeDefined();
    expect(readFileSync(one, 'utf8')).not.toContain('class="compare"');
  });

  it('rejects bad input with exit 2, naming the flag, and writes nothing', async () => {
    const out = join(dir, 'bad.html');
    const cases: [string[], RegExp][] = [
      [['--compare-seed', 'abc'], /--compare-seed must be a non-negative integer.*got "abc"/],
      [['--compare-seed', '-3'], /--compare-seed must be a non-negative integer/],
      [['--compare-mutate', 'no-fencing', '--compare-no-mutations'], /--compare-mutate and --compare-no-mutations contradict each other/],
      [['--compare-mutate', 'nofencing'], /--compare-mutate: unknown mutation "nofencing"\. Did you mean "no-fencing"\?/],
      [['--compare-seed', '1'], /--compare-seed 1: the second run would be the first one again \(seed 1, no mutations\)/],
      [['--compare-no-mutations'], /--compare-no-mutations: the second run would be the first one again/],
      [['--seed', '4', '--mutate', 'no-fencing', '--compare-mutate', 'no-fencing', '--compare-seed', '4'], /--compare-seed 4: the second run would be the first one again \(seed 4, mutations no-fencing\)/],
    ];
    const runs = await Promise.all(cases.map(([flags]) => cli(['report', 'log-crash', ...flags, '--out', out])));
    runs.forEach((r, k) => {
      expect(r.code, cases[k]![0].join(' ')).toBe(2);
      expect(r.stderr, cases[k]![0].join(' ')).toMatch(cases[k]![1]);
      expect(r.stdout).toBe('');
    });
    // the scenario's own mutations count: bug-no-fencing already has no-fencing
    const own = await cli(['report', 'bug-no-fencing', '--compare-mutate', 'no-fencing', '--out', out]);
    expect(own.code).toBe(2);
    expect(own.stderr).toMatch(/--compare-mutate: the second run would be the first one again \(seed 1, mutations no-fencing\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('documents the flags with an example of each comparison', async () => {
    const r = await cli(['report', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--compare-seed <n>', '--compare-mutate <id...>', '--compare-no-mutations']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/report random-faults --mutate no-fencing --seed 1 --compare-seed 8 .*a passing and a failing seed/);
    expect(r.stdout).toMatch(/report log-crash --compare-mutate recruit-old-layout .*the reference protocol vs a bug/);
    expect(r.stdout).toMatch(/A comparison exits with the worse of its two runs/);
  });

  it('keeps the first difference in both pages when the runs are too long to show whole', () => {
    const out = join(dir, 'sampled.html');
    const c = memoryCli();
    reportAction(c, 'bug-no-fencing', { out, mutations: true, compareNoMutations: true }, 1000);
    expect(c.exitCode).toBe(1);
    expect(c.err).toHaveLength(2);
    expect(c.err[0]).toMatch(/^report: run A: showing /);
    expect(c.err[1]).toMatch(/^report: run B: showing /);
    const p = payloadOf(out).compare!;
    const d = p.diff.divergence!;
    expect(d.a).toBeGreaterThanOrEqual(0);
    expect(d.b).toBeGreaterThanOrEqual(0);
    // each run's sample holds the event at its place in the whole trace
    expect(undelta(p.a.events.i!)[d.a]).toBe(d.traceIndex);
    expect(undelta(p.b.events.i!)[d.b]).toBe(d.traceIndex);
    expect(d.kind).toBe('content');
  });
});
