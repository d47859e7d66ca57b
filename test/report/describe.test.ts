import { describe, expect, it } from 'vitest';
import { eventDetails, eventFields, eventHeadline, layoutText } from '../../src/report/html/model/describe.js';
import type { Rec } from '../../src/report/html/model/records.js';
import { layout } from './trace.js';

const rec = (event: object): Rec => ({ i: 7, t: 1000, ...event }) as Rec;

describe('event descriptions', () => {
  it('says what an event means in one line', () => {
    expect(eventHeadline(rec({ type: 'lock-accepted', service: 'l1', kind: 'log', pid: 'log-l1@n4#1', epoch: 4, director: 'director-e4@n1#1', previous: 1 }))).toBe(
      'log l1 locked at epoch 4 (was 1) by director-e4@n1#1',
    );
    expect(eventHeadline(rec({ type: 'recruited', director: 'd', epoch: 4, kind: 'log', reused: ['a'], created: [{ id: 'b', node: 'n4' }] }))).toBe(
      'e4 recruits log: reused [a], created [b@n4]',
    );
    expect(eventHeadline(rec({ type: 'fault', action: { at: 5, kind: 'partition', from: ['n1'], to: ['n2'], oneWay: true } }))).toBe('fault: partition n1 -/-> n2');
  });

  it('shortens big fields: layouts to one line, writes to a count', () => {
    const tsl = layout(4, 'director-e4@n1#1', ['l1', 'l2'], ['s1'], 154);
    expect(layoutText(tsl)).toBe('TSL e4 logs [l1,l2] teams 0:[s1] rv 154');
    const fields = eventFields(rec({ type: 'layout-built', director: 'director-e4@n1#1', epoch: 4, tsl, oldTsl: null }));
    expect(fields).toEqual(['director: director-e4@n1#1', 'epoch: 4', 'tsl: TSL e4 logs [l1,l2] teams 0:[s1] rv 154', 'oldTsl: none']);
    const failed = rec({ type: 'commit-failed', proxy: 'p', epoch: 1, version: 3, reason: 'x'.repeat(300) });
    expect(eventFields(failed).find((f) => f.startsWith('reason'))!.length).toBeLessThan(170);
  });

  it('stores only the headline of frequent data-plane events', () => {
    const push = rec({ type: 'log-push', log: 'l1', callerEpoch: 4, logEpoch: 4, version: 12, accepted: true });
    expect(eventDetails(push)).toBe('log l1 accepts push v12 from epoch 4 (log epoch 4)');
    const stalled = rec({ type: 'stalled', director: 'd', epoch: 4, attempt: 2, reason: 'insufficient_nodes', detail: 'n4' });
    expect(eventDetails(stalled).split('\n')).toEqual(['d stalled: insufficient_nodes n4', 'director: d', 'epoch: 4', 'attempt: 2', 'reason: insufficient_nodes', 'detail: n4']);
  });
});
