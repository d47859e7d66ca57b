import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../sim/index.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import type { Rec } from '../../src/report/html/model/records.js';
import { reportInput, unshownViolationEvents } from '../../src/report/sampled-input.js';
import { positionOf, SamplingSink } from '../../src/report/trace-sample.js';
import { runScenario } from '../../src/runner/run.js';
import type { Scenario } from '../../src/scenario/types.js';

const MESSAGES = new Set(['send', 'deliver', 'drop']);
const BULK = new Set([...MESSAGES, 'log-push', 'commit-acked', 'client-ack', 'client-read-begin', 'client-read', 'client-read-failed']);

const scenario = { ...(JSON.parse(readFileSync('scenarios/log-crash.json', 'utf8')) as Scenario), durationMs: 12_000 };
const full = new MemorySink();
const result = runScenario(scenario, { seed: 1, sink: full });
const all = full.records as Rec[];

function sampled(limit: number, pinned: ReadonlySet<number> = new Set()) {
  const sink = new SamplingSink(limit, pinned);
  for (const r of all) sink.write(r);
  return sink.finish();
}

describe('the sampled trace of a report', () => {
  it('keeps a run within the bound whole: the same record objects, in order, no note', () => {
    const trace = sampled(all.length);
    expect(trace.summary).toBeNull();
    expect(trace.origin).toBeNull();
    expect(trace.records).toHaveLength(all.length);
    trace.records.forEach((r, k) => expect(r).toBe(all[k]));
  });

  it('draws a run within the bound exactly as from the full trace', () => {
    const trace = sampled(all.length);
    expect(renderHtmlReport(reportInput(scenario, result, trace))).toBe(renderHtmlReport({ scenario, result, records: all }));
  });

  it('over the bound keeps every protocol event, the first and last message records, and says how many', () => {
    const limit = 2000;
    const trace = sampled(limit);
    const origin = trace.origin ?? [];
    const summary = trace.summary;
    expect(summary).not.toBeNull();
    const protocol = all.filter((r) => !BULK.has(r.type)).map((r) => r.i);
    expect(protocol.every((i) => origin[positionOf(origin, i)] === i)).toBe(true);

    const kept = trace.records.filter((r) => BULK.has(r.type)).length;
    // Deliveries of the head's messages ride with their sends, a little past half the bound.
    expect(kept).toBeLessThanOrEqual(limit * 1.1);
    expect(kept).toBeGreaterThan(limit * 0.9);
    const messagesTotal = all.filter((r) => MESSAGES.has(r.type)).length;
    expect(summary?.messagesTotal).toBe(messagesTotal);
    expect(summary?.messagesShown).toBe(trace.records.filter((r) => MESSAGES.has(r.type)).length);
    expect(summary?.total).toBe(all.length);
    expect(summary?.note).toMatch(new RegExp(`^showing ${summary?.messagesShown.toLocaleString('en-US')} of ${messagesTotal.toLocaleString('en-US')} message records`));
    expect(summary?.note).toMatch(/Every protocol event \(.*\) is shown\.$/);

    // The first records are the run's first, the last its last; what is left out is one stretch between.
    expect(origin.slice(0, 50)).toEqual(all.slice(0, 50).map((r) => r.i));
    expect(origin.at(-1)).toBe(all.length - 1);
    const firstGap = origin.findIndex((i, k) => i !== k);
    const leftOut = all.slice(firstGap).filter((r) => BULK.has(r.type) && origin[positionOf(origin, r.i)] !== r.i);
    expect(leftOut.length).toBeGreaterThan(0);
    expect(summary?.gapFrom).toBe(leftOut[0]?.t);
    expect(summary?.gapTo).toBe(leftOut.at(-1)?.t);
  });

  it('renumbers the records it keeps by position, each otherwise the record it was', () => {
    const trace = sampled(2000);
    const origin = trace.origin ?? [];
    trace.records.forEach((r, k) => {
      expect(r.i).toBe(k);
      expect({ ...r, i: origin[k] }).toEqual(all[origin[k] ?? -1]);
    });
    expect([...origin].sort((a, b) => a - b)).toEqual(origin);
  });

  it('keeps a message whole: no delivery or drop without its send', () => {
    const trace = sampled(2000);
    const sent = new Set<number>();
    for (const r of trace.records) {
      if (r.type === 'send') sent.add(r.m);
      if (r.type === 'deliver' || r.type === 'drop') expect(sent.has(r.m), `message ${r.m}`).toBe(true);
    }
  });

  it('keeps pinned records (the events violations point at) wherever they fall', () => {
    const middle = all.filter((r) => r.type === 'send').map((r) => r.i);
    const pin = middle[Math.floor(middle.length / 2)] as number;
    expect(sampled(2000).origin).not.toContain(pin);
    const trace = sampled(2000, new Set([pin]));
    expect(trace.origin).toContain(pin);
    expect(unshownViolationEvents({ ...result, violations: [{ invariant: 'fencing', event: pin, time: 0, message: '', witnesses: [] }] }, trace).size).toBe(0);
  });

  it('finds the trace position of an index, or the nearest kept one before it', () => {
    expect(positionOf([0, 1, 5, 9], 5)).toBe(2);
    expect(positionOf([0, 1, 5, 9], 7)).toBe(2);
    expect(positionOf([0, 1, 5, 9], 100)).toBe(3);
    expect(positionOf([0, 1, 5, 9], 0)).toBe(0);
  });

  it('renumbers violations with the records, and the page carries the trace numbers and the note', () => {
    const last = all.at(-1) as Rec;
    const first = all.find((r) => r.type === 'layout-published') as Rec;
    const violated = { ...result, violations: [{ invariant: 'fencing' as const, event: last.i, time: last.t, message: 'x', witnesses: [first.i] }] };
    const trace = sampled(2000);
    const input = reportInput(scenario, violated, trace);
    const origin = trace.origin ?? [];
    const v = input.result.violations[0];
    expect(origin[v?.event ?? -1]).toBe(last.i);
    expect(origin[v?.witnesses[0] ?? -1]).toBe(first.i);
    expect(input.sample?.note).toBe(trace.summary?.note);

    const html = renderHtmlReport(input);
    const payload = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as {
      meta: { events: number; sample?: string };
      events: { dt: number[]; i?: number[] };
    };
    expect(payload.meta.sample).toBe(trace.summary?.note);
    expect(payload.meta.events).toBe(all.length);
    expect(payload.events.dt).toHaveLength(trace.records.length);
    let at = 0;
    expect(payload.events.i?.map((d) => (at += d))).toEqual(origin);
  });

  it('refuses a bound too small to hold a head and a tail', () => {
    expect(() => new SamplingSink(1)).toThrow(/at least|>= 2/);
  });
});
