import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBudgetStop, RunBudgetError, type RunBudget } from '../../src/runner/budget.js';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from '../../src/scenario/load.js';
import { cli, ROOT } from '../cli/helpers.js';

const { scenario } = loadScenario('log-crash');
const roomy: RunBudget = { chunk: 5_000, maxEventsPerVirtualSecond: 100_000, maxEvents: 10_000_000, maxHeapMib: 1 << 20 };

describe('the run budget', () => {
  it('changes nothing while it holds: checking between small chunks gives the same run', () => {
    const plain = runScenario(scenario, { seed: 3 });
    const chunked = runScenario(scenario, { seed: 3, budget: roomy });
    expect(chunked.traceHash).toBe(plain.traceHash);
    expect(chunked.events).toBe(plain.events);
  });

  it('stops a storm, a failure of the run (recovery never settles), naming what it is made of', () => {
    // log-crash makes about 1,000 events per virtual second: a limit of 200 makes it a storm.
    const result = runScenario(scenario, { seed: 1, budget: { ...roomy, maxEventsPerVirtualSecond: 200 } });
    expect(result.verdict).toBe('violation');
    expect(result.violations.map((v) => v.invariant)).toEqual(['recovery-completes']);
    expect(result.violations[0]?.message).toMatch(/the run was stopped: at [\d.]+ virtual s it was running [\d,]+ events per virtual second \(the limit is 200\): \d+ % of what happens is `[a-z-]+`/);
  });

  it('a churning protocol is caught by it: `skip-new-log-replay` restarts recovery with no pause', () => {
    const result = runScenario(loadScenario('random-shapes').scenario, { seed: 96, mutations: ['skip-new-log-replay'] });
    expect(result.violations.some((v) => v.invariant === 'recovery-completes' && /the system churns/.test(v.message))).toBe(true);
  });

  it('stops a run that outgrows the event budget, naming durationMs', () => {
    expect(() => runScenario(scenario, { seed: 1, budget: { ...roomy, maxEvents: 10_000 } })).toThrow(/it ran 10,000 events by \d+ virtual s of 40, the most a run may .*Shorten durationMs/);
  });

  it('tells a budget stop from a bug even after the error crossed a thread (the message alone)', () => {
    expect(isBudgetStop(new RunBudgetError('x', 'memory'))).toBe(true);
    expect(isBudgetStop(new Error('the run was stopped: x'))).toBe(true);
    expect(isBudgetStop(new Error('x'))).toBe(false);
  });

  it('is bad input on the command line: exit 2, the limit named, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-'));
    const file = join(dir, 'long.json');
    const long = { ...(JSON.parse(readFileSync(join(ROOT, 'scenarios', 'log-crash.json'), 'utf8')) as object), name: 'long', durationMs: 400_000, expect: undefined };
    writeFileSync(file, JSON.stringify(long));
    const r = await cli(['run', file], { env: { RECOVERY_SIM_MAX_HEAP_MIB: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/recovery-sim: the run was stopped: its memory reached \d+ MiB .*the limit is 1 MiB, RECOVERY_SIM_MAX_HEAP_MIB/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
