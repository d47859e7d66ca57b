import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../sim/index.js';
import { narrationMoments } from '../../src/cli/report-run.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { explainViolations, type ExplainedViolation } from '../../src/report/html/model/facts.js';
import { buildLanes } from '../../src/report/html/model/lanes.js';
import { buildLens, clientAcks, MIN_OUTAGE_US, outages } from '../../src/report/html/model/lens.js';
import type { Rec } from '../../src/report/html/model/records.js';
import { directorSpans } from '../../src/report/html/model/spans.js';
import { buildChapters, headlineViolation, MAX_CHAPTER_LANES, violationOrder } from '../../src/report/html/model/story.js';
import { runScenario } from '../../src/runner/run.js';
import type { Scenario } from '../../src/scenario/types.js';
import { layout, TraceBuilder } from './trace.js';

const C1 = 'coordinator@n1#1';
const C3 = 'coordinator@n3#1';
const D1 = 'director-e1@n1#1';
const D3 = 'director-e3@n3#1';
const P1 = 'proxy-e1.1.0@n1#1';

/** Two generations: e1 publishes, a partition, e3 starts, locks l1, which then fences off e1's push. */
function race(): { b: TraceBuilder; at: Record<string, number> } {
  const b = new TraceBuilder();
  for (const pid of [C1, C3, D1, P1, 'log-l1@n4#1', 'log-l2@n5#1', 'client@client#1']) b.spawn(0, pid);
  const at: Record<string, number> = {};
  at.start1 = b.at(100, { type: 'director-started', director: D1, epoch: 1, oldEpoch: null, oldLayoutIds: [], coordinator: C1 });
  at.lock1 = b.lock(110, 'l1', 'log-l1@n4#1', 1, D1);
  b.lock(111, 'l2', 'log-l2@n5#1', 1, D1);
  b.at(120, { type: 'layout-built', director: D1, epoch: 1, tsl: layout(1, D1, ['l1', 'l2'], [], 0), oldTsl: null });
  at.pub1 = b.at(130, { type: 'layout-published', coordinator: C1, epoch: 1, accepts: 2 });
  at.ack1 = b.at(200, { type: 'client-ack', txn: 't1', epoch: 1, version: 1, writes: [] });
  at.partition = b.at(8_000_000, { type: 'fault', action: { at: 8000, kind: 'partition', from: ['n1'], to: ['n3'] } });
  b.spawn(8_100_000, D3);
  at.start3 = b.at(8_100_001, { type: 'director-started', director: D3, epoch: 3, oldEpoch: 1, oldLayoutIds: ['l1', 'l2'], coordinator: C3 });
  at.lock3 = b.lock(8_101_000, 'l1', 'log-l1@n4#1', 3, D3, 1);
  b.send(8_101_500, 77, P1, 'log-l1@n4#1', { type: 'push', epoch: 1, version: 2 });
  b.deliver(8_102_000, 77, 'log-l1@n4#1');
  at.fenced = b.at(8_102_001, { type: 'log-push', log: 'l1', callerEpoch: 1, logEpoch: 3, version: 2, accepted: false });
  at.leak = b.at(8_103_000, { type: 'log-push', log: 'l2', callerEpoch: 1, logEpoch: 3, version: 3, accepted: true });
  at.ack1b = b.at(8_104_000, { type: 'client-ack', txn: 't2', epoch: 1, version: 3, writes: [] });
  at.pub3 = b.at(9_000_000, { type: 'layout-published', coordinator: C3, epoch: 3, accepts: 2 });
  at.ack3 = b.at(9_500_000, { type: 'client-ack', txn: 't3', epoch: 3, version: 4, writes: [] });
  return { b, at };
}

function context(b: TraceBuilder, violations: readonly ExplainedViolation[] = []) {
  const lanes = buildLanes(b.records);
  return { records: b.records, lanes, directors: directorSpans(b.records, lanes), violations, endT: 10_000_000 };
}

describe('violation order', () => {
  const v = (invariant: string, event: number) => ({ invariant, event });
  it('lists the damage first, by the invariant catalogue then time, and mechanism checks (fencing) last', () => {
    const list = [v('fencing', 1), v('no-acked-commit-lost', 9), v('no-split-brain', 9), v('fencing', 2), v('no-split-brain', 5)];
    expect(violationOrder(list)).toEqual([4, 2, 1, 0, 3]);
    expect(headlineViolation(list)).toBe(4);
    expect(headlineViolation([v('fencing', 3)])).toBe(0);
    expect(headlineViolation([])).toBe(-1);
  });
});

describe('buildChapters', () => {
  it('tells a demo as its narration: each line at its event, zoomed around it, with the lanes involved', () => {
    const { b, at } = race();
    const ctx = context(b);
    const chapters = buildChapters({ ...ctx, narration: [{ event: at.start3!, say: 'Now two directors are alive.' }, { event: at.fenced!, say: 'The locked log refuses.' }] });
    expect(chapters.map((c) => [c.event, c.kind, c.text])).toEqual([
      [at.start3, 'narration', 'Now two directors are alive.'],
      [at.fenced, 'narration', 'The locked log refuses.'],
    ]);
    const fenced = chapters[1]!;
    expect(fenced.t0).toBeLessThanOrEqual(fenced.t);
    expect(fenced.t1).toBeGreaterThan(fenced.t);
    const names = fenced.lanes.map((l) => ctx.lanes.lanes[l]!.name);
    // the log that refused, and the proxy whose push it refused (the message that caused it)
    expect(names).toContain('log-l1');
    expect(names).toContain('proxy-e1.1.0');
    expect(fenced.lanes.length).toBeLessThanOrEqual(MAX_CHAPTER_LANES);
    expect([...fenced.lanes].sort((x, y) => x - y)).toEqual(fenced.lanes);
  });

  it('tells a run with a violation as the key moments up to it, the violation and its witnesses', () => {
    const { b, at } = race();
    const violations = explainViolations([
      { invariant: 'fencing', event: at.leak!, time: 8_103_000, message: 'l2 accepted a push from e1', witnesses: [] },
      { invariant: 'no-split-brain', event: at.ack1b!, time: 8_104_000, message: 'two generations', witnesses: [at.lock3!] },
    ]);
    const chapters = buildChapters(context(b, violations));
    const kinds = new Map(chapters.map((c) => [c.event, c.kind]));
    expect(kinds.get(at.ack1b!)).toBe('violation');
    expect(kinds.get(at.lock3!)).toBe('witness');
    expect(kinds.get(at.leak!)).toBe('violation');
    // what led to it: the status quo (e1 published), the fault, the new director
    expect(kinds.get(at.pub1!)).toBe('key');
    expect(kinds.get(at.partition!)).toBe('key');
    expect(kinds.get(at.start3!)).toBe('key');
    // nothing after the headline violation but the violations themselves
    expect(kinds.has(at.pub3!)).toBe(false);
    // bootstrap steps before the story starts are left out
    expect(kinds.has(at.start1!)).toBe(false);
    const headline = chapters.find((c) => c.event === at.ack1b)!;
    expect(headline.violation).toBe(1);
    expect(headline.text).toContain('no-split-brain');
    const witness = chapters.find((c) => c.event === at.lock3)!;
    expect(witness.violation).toBe(1);
    expect(chapters.map((c) => c.event)).toEqual([...chapters.map((c) => c.event)].sort((x, y) => x - y));
  });

  it('tells a run without narration or violation as its key moments', () => {
    const { b, at } = race();
    const chapters = buildChapters(context(b));
    const events = chapters.map((c) => c.event);
    expect(events).toContain(at.partition);
    expect(events).toContain(at.start3);
    expect(events).toContain(at.fenced);
    expect(events).toContain(at.pub3);
    expect(chapters.every((c) => c.kind === 'key' && c.text.length > 0 && c.t0 <= c.t && c.t <= c.t1)).toBe(true);
  });
});

describe('the split-brain lens', () => {
  it('tabulates services × epochs: locked when, fenced what, let through what, in which layout', () => {
    const { b, at } = race();
    const ctx = context(b);
    const lens = buildLens(b.records, ctx.lanes, ctx.directors, []);
    expect(lens.columns.map((c) => [c.epoch, c.director, c.acks])).toEqual([
      [1, D1, 2],
      [3, D3, 1],
    ]);
    const l1 = lens.rows.find((r) => r.service === 'l1')!;
    expect(l1.cells.map((c) => [c.epoch, c.lockedAt, c.fenced, c.leaked])).toEqual([
      [1, 110, 0, 0],
      [3, 8_101_000, 1, 0],
    ]);
    expect(l1.cells[1]!.firstFencedEvent).toBe(at.fenced);
    const l2 = lens.rows.find((r) => r.service === 'l2')!;
    expect(l2.cells.find((c) => c.epoch === 3)).toMatchObject({ lockedAt: null, leaked: 1, firstLeakedEvent: at.leak });
  });

  it('finds the stretches with no commit acknowledged', () => {
    const acks = clientAcks(race().b.records);
    expect(acks.epoch).toEqual([1, 1, 3]);
    const steady = Array.from({ length: 100 }, (_, k) => k * 50_000);
    expect(outages(steady, 99 * 50_000)).toEqual([]);
    const gap = [...steady, 20_000_000, 20_050_000];
    expect(outages(gap, 20_050_000)).toEqual([{ start: 99 * 50_000, end: 20_000_000 }]);
    expect(outages([0, 1, 2], 10 * MIN_OUTAGE_US)).toEqual([{ start: 2, end: 10 * MIN_OUTAGE_US }]);
    // a sampled trace: a gap over a left-out stretch is not an outage
    expect(outages(gap, 20_050_000, (k) => k !== 99)).toEqual([]);
  });
});

describe('a demo report', () => {
  it('carries the demo narration as chapters, at the events the narrator speaks for', () => {
    const scenario = JSON.parse(readFileSync('scenarios/director-race.json', 'utf8')) as Scenario;
    const sink = new MemorySink();
    const result = runScenario(scenario, { seed: 1, sink });
    const records = sink.records as Rec[];
    const moments = narrationMoments(records, scenario.demo!.narration!);
    expect(moments.length).toBe(scenario.demo!.narration!.length);
    expect(moments.map((m) => m.say)).toEqual(scenario.demo!.narration!.map((r) => r.say));
    expect(records[moments.find((m) => m.say.startsWith('The older director tries'))!.event]!.type).toBe('lock-refused');
    const html = renderHtmlReport({ scenario, result, records, narration: moments });
    const payload = JSON.parse(html.slice(html.indexOf('<script type="application/json" id="report-data">') + 49, html.indexOf('</script>'))) as {
      story: { demo: boolean; watch: string[] };
      chapters: { kind: string; text: string }[];
    };
    expect(payload.story).toMatchObject({ demo: true, watch: scenario.watch });
    expect(payload.chapters.map((c) => c.text)).toEqual(moments.map((m) => m.say));
  });
});
