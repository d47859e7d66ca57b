import { describe, expect, it } from 'vitest';
import { matchArrows, summarizeMessage } from '../../src/report/html/model/arrows.js';
import { buildLanes } from '../../src/report/html/model/lanes.js';
import { TraceBuilder } from './trace.js';

function world(): TraceBuilder {
  const b = new TraceBuilder();
  b.spawn(0, 'director-e1@n1#1');
  b.spawn(0, 'log-l1@n4#1');
  b.spawn(0, 'log-l2@n5#1');
  return b;
}

describe('matchArrows', () => {
  it('pairs a send with its delivery by message number, request and reply told apart', () => {
    const b = world();
    b.send(10, 0, 'director-e1@n1#1', 'log-l1@n4', { type: 'lock', epoch: 1, director: 'director-e1@n1#1' }, { call: 1 });
    b.send(11, 1, 'director-e1@n1#1', 'log-l2@n5', { type: 'lock', epoch: 1 }, { call: 2 });
    b.deliver(15, 1, 'log-l2@n5#1');
    b.deliver(16, 0, 'log-l1@n4#1');
    b.send(20, 2, 'log-l1@n4#1', 'director-e1@n1#1', { type: 'lock-ok' }, { reply: 1 });
    b.deliver(25, 2, 'director-e1@n1#1');
    const lanes = buildLanes(b.records);
    const arrows = matchArrows(b.records, lanes, 100);
    expect(arrows.map((a) => [a.m, a.sendT, a.endT, a.outcome])).toEqual([
      [0, 10, 16, 'delivered'],
      [1, 11, 15, 'delivered'],
      [2, 20, 25, 'delivered'],
    ]);
    const [lock, , reply] = arrows;
    expect(lock!.from).toBe(lanes.laneOf('director-e1@n1'));
    expect(lock!.to).toBe(lanes.laneOf('log-l1@n4'));
    expect(lock!.call && !lock!.reply).toBe(true);
    expect(reply!.reply && !reply!.call).toBe(true);
    expect(reply!.kind).toBe('lock-ok');
    expect(lock!.summary).toBe('epoch=1 director=director-e1@n1#1');
  });

  it('ends a dropped message at its drop, on the lane it was addressed to, with the cause', () => {
    const b = world();
    b.send(10, 0, 'director-e1@n1#1', 'log-l1@n4', { type: 'lock', epoch: 1 });
    const drop = b.drop(12, 0, 'partition');
    const lanes = buildLanes(b.records);
    const [arrow] = matchArrows(b.records, lanes, 100);
    expect(arrow).toMatchObject({ outcome: 'dropped', cause: 'partition', endEvent: drop, endT: 12, to: lanes.laneOf('log-l1@n4') });
  });

  it('draws one arrow per delivery of a duplicated message, marking the later ones', () => {
    const b = world();
    b.send(10, 0, 'director-e1@n1#1', 'log-l1@n4', { type: 'ping' });
    b.deliver(12, 0, 'log-l1@n4#1');
    b.deliver(14, 0, 'log-l1@n4#1', true);
    b.deliver(15, 0, 'log-l1@n4#1');
    const arrows = matchArrows(b.records, buildLanes(b.records), 100);
    expect(arrows.map((a) => [a.endT, a.duplicate])).toEqual([
      [12, false],
      [14, true],
      [15, true],
    ]);
    expect(new Set(arrows.map((a) => a.sendEvent)).size).toBe(1);
  });

  it('keeps a message with no delivery or drop in flight until the end', () => {
    const b = world();
    b.send(10, 0, 'director-e1@n1#1', 'log-l1@n4', { type: 'ping' });
    b.send(11, 1, 'director-e1@n1#1', 'log-l2@n5', { type: 'ping' });
    b.deliver(12, 1, 'log-l2@n5#1');
    const arrows = matchArrows(b.records, buildLanes(b.records), 500);
    expect(arrows.map((a) => [a.m, a.outcome, a.endEvent, a.endT])).toEqual([
      [0, 'in-flight', -1, 500],
      [1, 'delivered', 5, 12],
    ]);
  });

  it('ignores deliveries and drops of messages it never saw sent', () => {
    const b = world();
    b.deliver(12, 7, 'log-l1@n4#1');
    b.drop(13, 8);
    expect(matchArrows(b.records, buildLanes(b.records), 100)).toEqual([]);
  });
});

describe('summarizeMessage', () => {
  it('keeps a few small scalar fields and leaves payloads out', () => {
    const push = { type: 'push', epoch: 4, prev: 10, version: 11, writes: [{ key: 'k', value: 'v' }] };
    expect(summarizeMessage(push)).toBe('epoch=4 prev=10 version=11');
    expect(summarizeMessage({ type: 'layout', tsl: { epoch: 3, logs: [] } })).toBe('');
    expect(summarizeMessage({ type: 'x', a: 1, b: 2, c: 3, d: 4, e: 5 })).toBe('a=1 b=2 c=3 d=4');
    expect(summarizeMessage({ type: 'x', s: 'y'.repeat(41), ok: true, none: null, ids: ['a', 'b'] })).toBe('ok=true none=null ids=[a,b]');
  });
});
