import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../sim/index.js';
import {
  buildComparison,
  compareGenerations,
  comparePublications,
  compareViolations,
  describeDivergence,
  eventProcess,
  firstDifference,
  TraceFingerprints,
} from '../../src/report/html/model/compare.js';
import { explainViolations, publishedLayouts } from '../../src/report/html/model/facts.js';
import { clientAcks } from '../../src/report/html/model/lens.js';
import type { Rec } from '../../src/report/html/model/records.js';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from '../../src/scenario/load.js';
import { layout, TraceBuilder } from './trace.js';

const D1 = 'director-e1@n1#1';
const L1 = 'log-l1@n4#1';

function base(): TraceBuilder {
  const b = new TraceBuilder();
  b.spawn(0, D1);
  b.spawn(0, L1);
  b.send(10, 1, D1, L1, { type: 'lock', epoch: 1 }, { call: 1 });
  b.deliver(20, 1, L1);
  return b;
}

function fingerprintsAgree(a: readonly Rec[], b: readonly Rec[]): number | null {
  const first = new TraceFingerprints();
  for (const r of a) first.write(r);
  const second = new TraceFingerprints(first);
  for (const r of b) second.write(r);
  return second.firstDifference();
}

describe('where two traces part', () => {
  it('is -1 for the same trace, the shorter length for a prefix, else the first differing event', () => {
    const a = base();
    const b = base();
    expect(firstDifference(a.records, b.records)).toBe(-1);
    expect(fingerprintsAgree(a.records, b.records)).toBe(-1);
    a.lock(30, 'l1', L1, 1, D1);
    expect(firstDifference(a.records, b.records)).toBe(4);
    expect(fingerprintsAgree(a.records, b.records)).toBe(4);
    expect(fingerprintsAgree(b.records, a.records)).toBe(4);
    b.lock(30, 'l1', L1, 2, D1);
    expect(firstDifference(a.records, b.records)).toBe(4);
    expect(fingerprintsAgree(a.records, b.records)).toBe(4);
  });

  it('is not known past the events it keeps fingerprints of', () => {
    const a = base();
    const b = base();
    a.lock(30, 'l1', L1, 1, D1);
    b.lock(30, 'l1', L1, 2, D1);
    const first = new TraceFingerprints(undefined, 4);
    for (const r of a.records) first.write(r);
    const second = new TraceFingerprints(first, 4);
    for (const r of b.records) second.write(r);
    expect(second.firstDifference()).toBeNull();
    expect(() => first.firstDifference()).toThrow(/second run/);
  });

  it('is told by time, then type, then process, then the fields that differ', () => {
    const describe2 = (a: TraceBuilder, b: TraceBuilder) => {
      const k = firstDifference(a.records, b.records);
      return describeDivergence(k, { records: a.records, position: k < a.records.length ? k : -1 }, { records: b.records, position: k < b.records.length ? k : -1 });
    };
    const time = [base(), base()];
    time[0]!.lock(30, 'l1', L1, 1, D1);
    time[1]!.lock(31, 'l1', L1, 1, D1);
    const t = describe2(time[0]!, time[1]!);
    expect(t).toMatchObject({ traceIndex: 4, a: 4, b: 4, t: 30, kind: 'time' });
    expect(t.text).toMatch(/same for 4 events.*different time \(0\.000030 s in A, 0\.000031 s in B\)/);
    expect(t.aText).toMatch(/log l1 locked at epoch 1/);

    const type = [base(), base()];
    type[0]!.lock(30, 'l1', L1, 1, D1);
    type[1]!.at(30, { type: 'lock-refused', service: 'l1', kind: 'log', epoch: 1, current: 2, director: D1 });
    expect(describe2(type[0]!, type[1]!).kind).toBe('type');

    const process = [base(), base()];
    process[0]!.send(30, 2, D1, L1, { type: 'x' });
    process[1]!.send(30, 2, L1, D1, { type: 'x' });
    const p = describe2(process[0]!, process[1]!);
    expect(p.kind).toBe('process');
    expect(p.text).toContain(`at ${D1} in A and at ${L1} in B`);

    const content = [base(), base()];
    content[0]!.at(30, { type: 'log-push', log: 'l1', callerEpoch: 1, logEpoch: 3, version: 2, accepted: true });
    content[1]!.at(30, { type: 'log-push', log: 'l1', callerEpoch: 1, logEpoch: 3, version: 2, accepted: false });
    const c = describe2(content[0]!, content[1]!);
    expect(c.kind).toBe('content');
    expect(c.fields).toEqual(['accepted']);
    expect(c.text).toContain('the same log-push at l1 differs in accepted');

    const ended = [base(), base()];
    ended[1]!.lock(30, 'l1', L1, 1, D1);
    const e = describe2(ended[0]!, ended[1]!);
    expect(e).toMatchObject({ kind: 'a-ended', a: -1, b: 4 });
    expect(e.aText).toMatch(/the run had ended/);
  });

  it('names a message event by its process and describes it from its send', () => {
    const b = base();
    const lookup = (m: number): Rec | undefined => b.records.find((r) => r.type === 'send' && r.m === m);
    const drop = b.drop(30, 1);
    expect(eventProcess(b.records[3]!)).toBe(L1);
    expect(eventProcess(b.records[drop]!, lookup)).toBe(L1);
    expect(eventProcess(b.records[0]!)).toBe(D1);
  });

  it('finds where a mutation first changes a real run (the same seed with and without the bug)', () => {
    const loaded = loadScenario('bug-no-fencing');
    const run = (mutations: [] | undefined): Rec[] => {
      const sink = new MemorySink();
      runScenario(loaded.scenario, { seed: 1, sink, ...(mutations !== undefined ? { mutations } : {}) });
      return sink.records as Rec[];
    };
    const bug = run(undefined);
    const ref = run([]);
    const k = firstDifference(bug, ref);
    expect(k).toBeGreaterThan(1000);
    expect(fingerprintsAgree(bug, ref)).toBe(k);
    const d = describeDivergence(k, { records: bug, position: k }, { records: ref, position: k });
    // the first thing no-fencing changes: a locked log takes an old generation's push
    expect(d.kind).toBe('content');
    expect(bug[k]!.type).toBe('log-push');
    expect(d.fields).toContain('accepted');
  });
});

describe('what else differs', () => {
  const D3 = 'director-e3@n3#1';
  it('pairs publications by epoch and names what differs', () => {
    const a = new TraceBuilder();
    a.at(100, { type: 'layout-built', director: D1, epoch: 1, tsl: layout(1, D1, ['l1', 'l2'], ['s1'], 0), oldTsl: null });
    a.at(110, { type: 'layout-published', coordinator: 'coordinator@n1#1', epoch: 1, accepts: 2 });
    a.at(200, { type: 'layout-built', director: D3, epoch: 3, tsl: layout(3, D3, ['l3'], ['s1'], 5), oldTsl: null });
    a.at(210, { type: 'layout-published', coordinator: 'coordinator@n3#1', epoch: 3, accepts: 2 });
    const b = new TraceBuilder();
    b.at(100, { type: 'layout-built', director: D1, epoch: 1, tsl: layout(1, D1, ['l1', 'l2'], ['s1'], 0), oldTsl: null });
    b.at(110, { type: 'layout-published', coordinator: 'coordinator@n1#1', epoch: 1, accepts: 2 });
    b.at(300, { type: 'layout-built', director: D3, epoch: 3, tsl: layout(3, D3, ['l4'], ['s1'], 7), oldTsl: null });
    b.at(310, { type: 'layout-published', coordinator: 'coordinator@n3#1', epoch: 3, accepts: 2 });
    b.at(400, { type: 'layout-built', director: 'director-e4@n1#1', epoch: 4, tsl: layout(4, 'director-e4@n1#1', ['l4'], ['s1'], 9), oldTsl: null });
    b.at(410, { type: 'layout-published', coordinator: 'coordinator@n1#1', epoch: 4, accepts: 2 });
    const rows = comparePublications(publishedLayouts(a.records), publishedLayouts(b.records));
    expect(rows.map((r) => [r.epoch, r.differs])).toEqual([
      [1, []],
      [3, ['time', 'layout', 'recovery version']],
      [4, ['only B']],
    ]);
    expect(rows[1]!.a!.layout).toContain('logs [l3]');
  });

  it('counts commits per generation in each run, and the violations only one run has', () => {
    const a = new TraceBuilder();
    a.at(10, { type: 'client-ack', txn: 't1', epoch: 1, version: 1, writes: [] });
    a.at(20, { type: 'client-ack', txn: 't2', epoch: 1, version: 2, writes: [] });
    const b = new TraceBuilder();
    b.at(15, { type: 'client-ack', txn: 't1', epoch: 1, version: 1, writes: [] });
    b.at(30, { type: 'client-ack', txn: 't2', epoch: 3, version: 2, writes: [] });
    expect(compareGenerations(clientAcks(a.records), clientAcks(b.records))).toEqual([
      { epoch: 1, a: { acks: 2, first: 10, last: 20 }, b: { acks: 1, first: 15, last: 15 } },
      { epoch: 3, a: null, b: { acks: 1, first: 30, last: 30 } },
    ]);
    const va = explainViolations([{ invariant: 'fencing', message: 'x', event: 9, time: 1, witnesses: [] }]);
    const vb = explainViolations([
      { invariant: 'fencing', message: 'x', event: 7, time: 1, witnesses: [] },
      { invariant: 'no-split-brain', message: 'y', event: 5, time: 1, witnesses: [] },
      { invariant: 'fencing', message: 'x', event: 3, time: 1, witnesses: [] },
    ]);
    expect(compareViolations(va, vb)).toEqual([
      { invariant: 'no-split-brain', kind: 'safety', a: 0, b: 1, firstA: -1, firstB: 1 },
      { invariant: 'fencing', kind: 'safety', a: 1, b: 2, firstA: 0, firstB: 2 },
    ]);
    const same = buildComparison({ records: a.records, layouts: [], acks: clientAcks(a.records), violations: va }, { records: a.records, layouts: [], acks: clientAcks(a.records), violations: va }, -1, null);
    expect(same).toMatchObject({ divergence: null, identical: true, comparedAll: true });
  });
});
