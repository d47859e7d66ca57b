import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../sim/index.js';
import { runScenario } from '../../src/runner/run.js';
import type { Scenario } from '../../src/scenario/types.js';
import { ARROW_FLAGS, arrowFlags, CAUSE_SHIFT, deltas, DROP_CAUSES, embedJson, encodePayload, Interner } from '../../src/report/html/encode.js';
import { CLIENT_JS } from '../../src/report/html/client.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { buildReportModel } from '../../src/report/html/model/index.js';
import type { Rec } from '../../src/report/html/model/records.js';

describe('compact encoding', () => {
  it('interns strings, delta-encodes and packs arrow flags', () => {
    const strings = new Interner();
    expect([strings.id('a'), strings.id('b'), strings.id('a')]).toEqual([0, 1, 0]);
    expect(strings.strings).toEqual(['a', 'b']);
    expect(deltas([5, 5, 9, 20])).toEqual([5, 0, 4, 11]);
    const base = { m: 0, sendEvent: 0, endEvent: 1, sendT: 0, endT: 1, from: 0, to: 1, kind: 'x', summary: '' };
    const dropped = arrowFlags({ ...base, outcome: 'dropped', cause: 'node-down', duplicate: false, call: true, reply: false });
    expect(dropped & ARROW_FLAGS.dropped).toBeTruthy();
    expect(dropped & ARROW_FLAGS.call).toBeTruthy();
    expect(DROP_CAUSES[(dropped >> CAUSE_SHIFT) - 1]).toBe('node-down');
    const dup = arrowFlags({ ...base, outcome: 'delivered', cause: null, duplicate: true, call: false, reply: true });
    expect(dup).toBe(ARROW_FLAGS.duplicate | ARROW_FLAGS.reply);
  });

  it('makes JSON safe inside a script element', () => {
    const text = embedJson({ s: '</script><script>alert(1)</script>', u: '\u2028' });
    expect(text).not.toContain('</script');
    expect(text).not.toContain('\u2028');
    expect(JSON.parse(text)).toEqual({ s: '</script><script>alert(1)</script>', u: '\u2028' });
  });
});

describe('the page script', () => {
  it('is plain JS that parses, with nothing that would end its script element', () => {
    expect(() => new Function(CLIENT_JS)).not.toThrow();
    expect(CLIENT_JS).not.toMatch(/<\/script/i);
  });
});

describe('a report of a real run', () => {
  const scenario = { ...(JSON.parse(readFileSync('scenarios/log-crash.json', 'utf8')) as Scenario), durationMs: 12_000 };
  const sink = new MemorySink();
  const result = runScenario(scenario, { seed: 1, sink });
  const records = sink.records as Rec[];
  const input = { scenario, result, records };

  it('accounts for every event and every message, and decodes back to the trace', () => {
    const model = buildReportModel(input);
    const payload = encodePayload(input, model);
    expect(payload.events.dt).toHaveLength(records.length);
    let t = 0;
    payload.events.dt.forEach((dt, k) => {
      t += dt;
      expect(t).toBe(records[k]!.t);
    });
    const ends = records.filter((r) => r.type === 'deliver' || r.type === 'drop').length;
    const sends = records.filter((r) => r.type === 'send').length;
    const inFlight = model.arrows.filter((a) => a.outcome === 'in-flight').length;
    expect(model.arrows).toHaveLength(ends + inFlight);
    expect(new Set(model.arrows.map((a) => a.m)).size).toBe(sends);
    // every message event refers to its arrow, and the arrow to it
    let send = 0;
    payload.arrows.send.forEach((d, k) => {
      send += d;
      expect(payload.events.ref[send]).toBeLessThanOrEqual(k);
      const span = payload.arrows.span[k]!;
      if (span >= 0) expect(payload.events.ref[send + span]).toBe(k);
    });
    expect(model.lanes.lanes.every((l) => l.incarnations.length > 0)).toBe(true);
    expect(model.directors.map((d) => d.epoch)).toEqual([1, 4]);
    expect(model.bands.length).toBeGreaterThan(0);
    expect(model.nodeDown.map((n) => n.node)).toEqual(['n5']);
  });

  it('renders one self-contained page: no external resources, payloads left out', () => {
    const html = renderHtmlReport(input);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|https?:\/\/(?!www\.w3\.org)/);
    const data = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
    expect(data).not.toBeNull();
    const payload = JSON.parse(data![1]!) as { meta: { seed: number; traceHash: string }; strings: string[] };
    expect(payload.meta).toMatchObject({ seed: 1, traceHash: result.traceHash });
    // push payloads (their writes) are not embedded
    expect(payload.strings.some((s) => s.includes('"writes"'))).toBe(false);
    expect(html.length).toBeLessThan(records.length * 60);
  });
});
