import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { reportAction } from '../../src/cli/commands/report.js';
import type { Cli } from '../../src/cli/context.js';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from '../../src/scenario/load.js';

function memoryCli(): Cli & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => void out.push(t), err: (t) => void err.push(t), chalk: new Chalk({ level: 0 }), stderrIsTTY: false }, exitCode: 0, out, err };
}

interface Payload {
  meta: { events: number; sample?: string; traceHash: string };
  events: { dt: number[]; i?: number[] };
  violations: { invariant: string; event: number; witnesses: number[] }[];
}

function payloadOf(file: string): Payload {
  const html = readFileSync(file, 'utf8');
  return JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as Payload;
}

function undelta(values: readonly number[]): number[] {
  let at = 0;
  return values.map((d) => (at += d));
}

describe('report of a run longer than the bound', () => {
  // A run whose violations fall between the first and last stretches the sample keeps.
  const loaded = loadScenario('bug-no-fencing');
  const full = runScenario(loaded.scenario, { seed: 1, source: loaded.source });
  const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-sample-'));

  it('shows part of the trace, says so on stderr and on the page, and keeps every violation on its own event', () => {
    const out = join(dir, 'sampled.html');
    const cli = memoryCli();
    reportAction(cli, 'bug-no-fencing', { out, mutations: true }, 1000);
    expect(cli.exitCode).toBe(0);
    expect(cli.err).toHaveLength(1);
    expect(cli.err[0]).toMatch(/^report: showing [\d,]+ of [\d,]+ message records .*: the run has [\d,]+ trace records, more than a report holds \(1,000 message and data-plane records\)/);
    expect(cli.out.join('\n')).toContain(`(${full.events} events)`);

    const payload = payloadOf(out);
    expect(`report: ${payload.meta.sample ?? ''}`).toBe(cli.err[0]);
    expect(payload.meta.events).toBe(full.events);
    expect(payload.meta.traceHash).toBe(full.traceHash);
    expect(payload.events.dt.length).toBeLessThan(full.events / 4);
    const origin = undelta(payload.events.i ?? []);
    expect(origin).toHaveLength(payload.events.dt.length);

    // The violations this run has, each on the event (and with the witnesses) the checkers named.
    expect(full.violations.length).toBeGreaterThan(0);
    expect(payload.violations).toHaveLength(full.violations.length);
    payload.violations.forEach((v, k) => {
      const original = full.violations[k];
      expect(origin[v.event]).toBe(original?.event);
      expect(v.witnesses.map((w) => origin[w])).toEqual(original?.witnesses);
    });
    // At least one of them lies beyond the first stretch: the run was repeated to keep it.
    expect(full.violations.some((v) => v.event > (origin[1000] ?? 0))).toBe(true);
  });

  it('writes a run within the bound whole, without a note, and leaves no temporary file', () => {
    const out = join(dir, 'whole.html');
    const cli = memoryCli();
    reportAction(cli, 'bug-no-fencing', { out, mutations: true });
    expect(cli.err).toEqual([]);
    const payload = payloadOf(out);
    expect(payload.meta.sample).toBeUndefined();
    expect(payload.events.i).toBeUndefined();
    expect(payload.events.dt).toHaveLength(full.events);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
