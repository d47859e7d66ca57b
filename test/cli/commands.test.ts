import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI, cli } from './helpers.js';

describe.concurrent('recovery-sim list, explain, demo, report, help', () => {
  it('lists scenarios, mutations and invariants as tables', async () => {
    const [scenarios, mutations, invariants] = await Promise.all([cli(['list', 'scenarios']), cli(['list', 'mutations']), cli(['list', 'invariants'])]);
    expect(scenarios.code).toBe(0);
    expect(scenarios.stdout).toMatch(/^NAME +EXPECT +DESCRIPTION$/m);
    expect(scenarios.stdout).toMatch(/^log-crash +pass +\[demo\] /m);
    expect(scenarios.stdout).not.toMatch(/scenario\.schema/);
    expect(mutations.stdout).toMatch(/^ID +SOURCE +CAUGHT BY +SUMMARY$/m);
    expect(mutations.stdout).toMatch(/^no-fencing +F9 +fencing, no-acked-commit-lost, no-split-brain +A locked log/m);
    expect(invariants.stdout).toMatch(/^ID +SPEC +KIND +MEANING$/m);
    expect(invariants.stdout).toMatch(/^selective-locking +S8 +safety +Judged from the lock requests sent: the first phase locks only/m);
  });

  it('explains a mutation, an invariant and a scenario in a paragraph', async () => {
    const [mutation, invariant, scenario] = await Promise.all([cli(['explain', 'no-fencing']), cli(['explain', 'selective-locking']), cli(['explain', 'director-race'])]);
    expect(mutation.stdout).toMatch(/^Mutation no-fencing \(F9/);
    expect(mutation.stdout).toMatch(/bug-no-fencing/);
    expect(invariant.stdout).toMatch(/^Invariant selective-locking \(S8, a safety property\)/);
    expect(invariant.stdout).toMatch(/lock-all-available \(F1\)/);
    expect(scenario.stdout).toMatch(/^Scenario director-race \(scenarios\/director-race\.json\)/);
    expect(scenario.stdout).toMatch(/Run it: recovery-sim run director-race/);
  });

  it('lists the demos without a name', async () => {
    const r = await cli(['demo']);
    expect(r.code).toBe(0);
    for (const name of ['bootstrap', 'log-crash', 'director-race', 'leader-isolated', 'insufficient-nodes', 'bug-lock-all-available', 'bug-recruit-old-layout', 'bug-accept-stale-lock', 'bug-no-fencing']) {
      expect(r.stdout).toContain(name);
    }
  });

  it('runs a demo with narration and the checkers\' conclusion, and writes its report', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'recovery-sim-'));
    const r = await cli(['demo', 'bug-lock-all-available', '--report'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/What to watch for:/);
    expect(r.stdout).toMatch(/▸ The directory already lists four spare logs/);
    expect(r.stdout).toMatch(/── what the invariants concluded ──\n✗ selective-locking \(S8\) caught it/);
    expect(r.stdout).toMatch(/Mutation lock-all-available \(F1\):[\s\S]*?Caught by selective-locking, as\s+designed\./);
    expect(r.stdout).not.toMatch(ANSI);
    const report = join(cwd, 'reports', 'bug-lock-all-available.html');
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('tells the director-race story: the older director stops on newer_epoch_exists', async () => {
    const r = await cli(['demo', 'director-race']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/director-e4@n1 +e4 +lock refused, newer epoch exists: log \w+ \(at e6\)/);
    expect(r.stdout).toMatch(/director-e4@n1 +e4 +director stops: newer_epoch_exists/);
    expect(r.stdout).toMatch(/▸ The older director learns a newer epoch exists: it stops for good/);
    expect(r.stdout).toMatch(/All 10 safety invariants held/);
  });

  it('writes the HTML report of one run', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'recovery-sim-')), 'sub', 'run.html');
    const r = await cli(['report', 'bootstrap', '--seed', '2', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*run\.html \(\d+ events\)/);
    expect(readFileSync(out, 'utf8')).toMatch(/bootstrap/);
  });

  it('shows help (exit 0) with no arguments and with --help', async () => {
    const [none, help, runHelp] = await Promise.all([cli([]), cli(['--help']), cli(['run', '--help'])]);
    for (const r of [none, help]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: recovery-sim/);
      expect(r.stdout).toMatch(/Exit codes: 0 every run passed/);
    }
    expect(runHelp.code).toBe(0);
    expect(runHelp.stdout).toMatch(/--mutate <id\.\.\.>/);
  });

  it('npm start runs the default scenario and passes', async () => {
    const r = await cli(['run', '--quiet']);
    expect(r.code).toBe(0);
  });
});
