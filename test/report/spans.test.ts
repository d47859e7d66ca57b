import { describe, expect, it } from 'vitest';
import { epochColors } from '../../src/report/html/model/colors.js';
import { publishedLayouts } from '../../src/report/html/model/facts.js';
import { buildLanes } from '../../src/report/html/model/lanes.js';
import { directorSpans, lockBands, networkSpans, nodeDownSpans, partitionSpans, phaseSegments } from '../../src/report/html/model/spans.js';
import { layout, TraceBuilder } from './trace.js';

const D1 = 'director-e1@n1#1';
const D4 = 'director-e4@n2#1';

describe('lockBands', () => {
  it('holds each service at its epoch until it accepts the next one, on its own lane', () => {
    const b = new TraceBuilder();
    b.spawn(0, 'log-l1@n4#1');
    b.spawn(0, 'log-l2@n5#1');
    const first = b.lock(10, 'l1', 'log-l1@n4#1', 1, D1);
    b.lock(11, 'l2', 'log-l2@n5#1', 1, D1);
    const second = b.lock(50, 'l1', 'log-l1@n4#1', 4, D4, 1);
    const lanes = buildLanes(b.records);
    const bands = lockBands(b.records, lanes, 100);
    expect(bands.map((x) => [x.service, x.epoch, x.start, x.end, x.lane])).toEqual([
      ['l1', 1, 10, 50, lanes.laneOf('log-l1@n4')],
      ['l2', 1, 11, 100, lanes.laneOf('log-l2@n5')],
      ['l1', 4, 50, 100, lanes.laneOf('log-l1@n4')],
    ]);
    expect(bands[0]).toMatchObject({ startEvent: first, endEvent: second, director: D1 });
    expect(bands[2]!.endEvent).toBe(-1);
  });
});

describe('directorSpans', () => {
  it('spans each director from its start through publication to its stop, so overlaps show', () => {
    const b = new TraceBuilder();
    b.spawn(0, 'coordinator@n1#1');
    b.spawn(0, D1);
    b.spawn(0, D4);
    b.at(10, { type: 'director-started', director: D1, epoch: 1, oldEpoch: null, oldLayoutIds: [], coordinator: 'coordinator@n1#1' });
    const pub = b.at(20, { type: 'layout-published', coordinator: 'coordinator@n1#1', epoch: 1, accepts: 2 });
    const run = b.at(21, { type: 'director-running', director: D1, epoch: 1, published: true });
    b.at(40, { type: 'director-started', director: D4, epoch: 4, oldEpoch: 1, oldLayoutIds: ['l1'], coordinator: 'coordinator@n1#1' });
    const stop = b.at(60, { type: 'director-stopped', director: D1, epoch: 1, reason: 'newer_epoch' });
    b.down(61, D1, 'newer_epoch');
    const crash = b.down(70, D4, 'node-crash');
    const spans = directorSpans(b.records, buildLanes(b.records));
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatchObject({ pid: D1, epoch: 1, start: 10, publishedAt: 20, publishedEvent: pub, runningAt: 21, runningEvent: run, end: 60, endEvent: stop, endReason: 'newer_epoch' });
    expect(spans[1]).toMatchObject({ pid: D4, epoch: 4, start: 40, publishedAt: null, runningAt: null, end: 70, endEvent: crash, endReason: 'node-crash' });
    // the two overlap between 40 and 60
    expect(spans[1]!.start < spans[0]!.end!).toBe(true);
  });

  it('leaves a director that never stops open', () => {
    const b = new TraceBuilder();
    b.at(10, { type: 'director-started', director: D1, epoch: 1, oldEpoch: null, oldLayoutIds: [], coordinator: 'c' });
    expect(directorSpans(b.records, buildLanes(b.records))[0]).toMatchObject({ end: null, endEvent: -1, endReason: null });
  });
});

describe('phaseSegments', () => {
  it('runs each phase until the next, a stall, a new attempt or the running state', () => {
    const b = new TraceBuilder();
    b.spawn(0, D1);
    b.at(10, { type: 'phase', director: D1, epoch: 1, attempt: 1, phase: 'locking' });
    b.at(15, { type: 'phase', director: D1, epoch: 1, attempt: 1, phase: 'log-recruitment' });
    b.at(20, { type: 'stalled', director: D1, epoch: 1, attempt: 1, reason: 'insufficient_nodes', detail: '' });
    b.at(30, { type: 'attempt-started', director: D1, epoch: 1, attempt: 2 });
    b.at(30, { type: 'phase', director: D1, epoch: 1, attempt: 2, phase: 'locking' });
    b.at(35, { type: 'phase', director: D1, epoch: 1, attempt: 2, phase: 'persistence' });
    b.at(40, { type: 'director-running', director: D1, epoch: 1, published: true });
    const segments = phaseSegments(b.records, buildLanes(b.records), 100);
    expect(segments.map((s) => [s.phase, s.attempt, s.start, s.end])).toEqual([
      ['locking', 1, 10, 15],
      ['log-recruitment', 1, 15, 20],
      ['stalled', 1, 20, 30],
      ['locking', 2, 30, 35],
      ['persistence', 2, 35, 40],
    ]);
  });

  it('ends a phase when the director process goes down', () => {
    const b = new TraceBuilder();
    b.at(10, { type: 'phase', director: D1, epoch: 1, attempt: 1, phase: 'locking' });
    b.down(12, D1);
    expect(phaseSegments(b.records, buildLanes(b.records), 100)[0]!.end).toBe(12);
  });
});

describe('fault spans', () => {
  it('keeps partitions until the heal that clears them all, unhealed ones until the end', () => {
    const b = new TraceBuilder();
    b.at(10, { type: 'fault', action: { at: 0, kind: 'partition', from: ['n2'], to: ['n1', 'n3'] } });
    b.at(12, { type: 'fault', action: { at: 0, kind: 'partition', from: ['n1'], to: ['n3'], oneWay: true } });
    const heal = b.at(20, { type: 'fault', action: { at: 0, kind: 'heal' } });
    b.at(30, { type: 'fault', action: { at: 0, kind: 'partition', from: ['n3'], to: ['n1'] } });
    const spans = partitionSpans(b.records, 100);
    expect(spans.map((s) => [s.from, s.to, s.oneWay, s.start, s.end])).toEqual([
      [['n2'], ['n1', 'n3'], false, 10, 20],
      [['n1'], ['n3'], true, 12, 20],
      [['n3'], ['n1'], false, 30, 100],
    ]);
    expect(spans[0]!.endEvent).toBe(heal);
  });

  it('marks a node down from node-down to node-up', () => {
    const b = new TraceBuilder();
    b.at(10, { type: 'node-down', node: 'n5' });
    b.at(20, { type: 'node-up', node: 'n5' });
    b.at(30, { type: 'node-down', node: 'n4' });
    expect(nodeDownSpans(b.records, 100).map((s) => [s.node, s.start, s.end])).toEqual([
      ['n5', 10, 20],
      ['n4', 30, 100],
    ]);
  });

  it('spans clogs until their unclog (or unclog all) and message loss until it is set back to 0', () => {
    const b = new TraceBuilder();
    b.at(10, { type: 'fault', action: { at: 0, kind: 'clog', node: 'n2', delayMs: 400 } });
    b.at(11, { type: 'fault', action: { at: 0, kind: 'clog', link: ['n3', 'n1'], delayMs: 50 } });
    b.at(15, { type: 'fault', action: { at: 0, kind: 'unclog', node: 'n2' } });
    b.at(16, { type: 'fault', action: { at: 0, kind: 'set-loss', rate: 0.05 } });
    b.at(18, { type: 'fault', action: { at: 0, kind: 'unclog' } });
    b.at(19, { type: 'fault', action: { at: 0, kind: 'set-loss', rate: 0 } });
    expect(networkSpans(b.records, 100).map((s) => [s.kind, s.label, s.start, s.end])).toEqual([
      ['clog', 'clog n2 +400ms', 10, 15],
      ['clog', 'clog n3<->n1 +50ms', 11, 18],
      ['loss', 'loss 5.0%', 16, 19],
    ]);
  });
});

describe('published layouts and epoch colours', () => {
  it('lists each published epoch once, with the layout its director built', () => {
    const b = new TraceBuilder();
    b.at(10, { type: 'layout-built', director: D1, epoch: 1, tsl: layout(1, D1, ['l1', 'l2'], ['s1', 's2'], 0), oldTsl: null });
    const pub = b.at(12, { type: 'layout-published', coordinator: 'coordinator@n1#1', epoch: 1, accepts: 2 });
    b.at(13, { type: 'layout-published', coordinator: 'coordinator@n2#1', epoch: 1, accepts: 3 });
    expect(publishedLayouts(b.records)).toEqual([
      { epoch: 1, event: pub, t: 12, director: D1, logs: ['l1', 'l2'], teams: [{ tag: 0, storageIds: ['s1', 's2'] }], recoveryVersion: 0 },
    ]);
  });

  it('gives each epoch one distinct colour, independent of the order they are met', () => {
    const a = epochColors([4, 1, 9, 4]);
    const b = epochColors([9, 4, 1]);
    expect([...a.keys()]).toEqual([1, 4, 9]);
    expect(a).toEqual(b);
    expect(new Set(a.values()).size).toBe(3);
  });
});
