import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/html/model/index.js';
import { buildLanes } from '../../src/report/html/model/lanes.js';
import { livenessWait } from '../../src/report/html/model/waiting.js';
import { runScenario } from '../../src/runner/run.js';
import { loadScenario } from '../../src/scenario/load.js';
import { MemorySink } from '../../sim/index.js';
import type { Rec } from '../../src/report/html/model/records.js';
import { TraceBuilder } from './trace.js';

const D = 'director-e1@n1#1';
const C = 'coordinator@n1#1';

describe('what each director waits on at the liveness checkpoint', () => {
  it('tells each unanswered request from the kernel\'s records: dropped, delivered, in flight, answered', () => {
    const b = new TraceBuilder();
    for (const pid of [C, D, 'foreman@n6#1', 'log-l1@n4#1', 'log-l2@n5#1', 'log-l3@n2#1']) b.spawn(0, pid);
    b.at(5, { type: 'director-started', director: D, epoch: 1, oldEpoch: null, oldLayoutIds: [], coordinator: C });
    b.at(6, { type: 'phase', director: D, epoch: 1, attempt: 1, phase: 'log-recruitment' });
    b.at(7, { type: 'node-down', node: 'n6' });
    b.send(10, 1, D, 'foreman@n6', { type: 'create-worker' }, { call: 1 });
    b.drop(11, 1, 'node-down');
    b.send(12, 2, D, 'log-l1@n4#1', { type: 'lock' }, { call: 2 });
    b.deliver(13, 2, 'log-l1@n4#1');
    b.send(14, 3, D, 'log-l2@n5#1', { type: 'lock' }, { call: 3 });
    b.send(15, 4, D, 'log-l3@n2#1', { type: 'lock' }, { call: 4 });
    b.deliver(16, 4, 'log-l3@n2#1');
    b.send(17, 5, 'log-l3@n2#1', D, { type: 'locked' }, { reply: 4 });
    b.deliver(18, 5, D);
    b.at(19, { type: 'fault', action: { at: 0, kind: 'partition', from: ['n1'], to: ['n5'] } });
    b.at(2_000_000, { type: 'election-started', coordinator: C, term: 9 });
    const lanes = buildLanes(b.records);
    const w = livenessWait(b.records, lanes, 1_000_000);
    expect(w.event).toBe(b.records.length - 2);
    expect(w.directors).toHaveLength(1);
    const d = w.directors[0]!;
    expect(d).toMatchObject({ pid: D, epoch: 1, state: 'in-phase', phase: 'log-recruitment', attempt: 1 });
    expect(d.calls.map((c) => [c.type, c.status])).toEqual([
      ['create-worker', 'request-dropped'],
      ['lock', 'delivered'],
      ['lock', 'in-flight'],
    ]);
    expect(d.calls[0]!.text).toMatch(/dropped \(node-down\); node n6 has been down since 0\.000 s/);
    expect(d.calls[1]!.text).toMatch(/delivered, no reply has come; log-l1@n4 is up/);
    expect(d.calls[2]!.text).toMatch(/still in flight; a partition since 0\.000 s cuts n1 off from n5/);
    expect(d.text).toMatch(/waiting for 3 replies \(1 of them will never come: dropped\)/);
    expect(w.lanes).toContain(lanes.laneOf(D));
    expect(w.lanes).toContain(lanes.laneOf('foreman@n6'));
  });

  it('says when a director stalls, and when no director is alive', () => {
    const b = new TraceBuilder();
    b.spawn(0, D);
    b.at(5, { type: 'director-started', director: D, epoch: 1, oldEpoch: null, oldLayoutIds: [], coordinator: C });
    b.at(6, { type: 'stalled', director: D, epoch: 1, attempt: 2, reason: 'insufficient_nodes', detail: 'log' });
    expect(livenessWait(b.records, buildLanes(b.records), 100).directors[0]!.text).toMatch(/stalled since 0\.000 s in attempt 2 \(insufficient_nodes: log\)/);
    b.at(7, { type: 'leader-elected', coordinator: C, term: 1, oldEpoch: null });
    b.down(8, D, 'killed');
    const none = livenessWait(b.records, buildLanes(b.records), 100);
    expect(none.directors).toEqual([]);
    expect(none.note).toMatch(/No director is alive: coordinator@n1 leads term 1, but its director is gone/);
  });

  it('explains a real run that never publishes (partitioned-log-nodes with distrust-answering-nodes and retry-freshly-failed-nodes)', () => {
    const loaded = loadScenario('partitioned-log-nodes');
    const sink = new MemorySink();
    const result = runScenario(loaded.scenario, { seed: 1, sink, mutations: ['distrust-answering-nodes', 'retry-freshly-failed-nodes'] });
    const records = sink.records as Rec[];
    const model = buildReportModel({ scenario: loaded.scenario, result, records, livenessAtUs: 23_001_000 });
    const w = model.liveness!;
    expect(w.t).toBe(23_001_000);
    expect(w.event).toBe(result.violations.find((v) => v.invariant === 'recovery-completes')!.event);
    expect(w.directors.map((d) => [d.pid, d.phase])).toEqual([['director-e1@n1#1', 'log-recruitment']]);
    expect(w.directors[0]!.calls[0]!.text).toMatch(/^create-worker to foreman@n6, sent 20\.132 s: the request was dropped \(node-down\); node n6 has been down since/);
    // and the story has the checkpoint as a moment
    expect(model.chapters.some((c) => c.event === w.event && c.text.includes('what each director is waiting on'))).toBe(true);
  });
});
