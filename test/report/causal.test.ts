import { describe, expect, it } from 'vitest';
import { causalPast, happensBefore, inPast, violationPasts, type HappensBefore } from '../../src/report/html/model/causal.js';
import { explainViolations } from '../../src/report/html/model/facts.js';
import { buildLanes } from '../../src/report/html/model/lanes.js';
import type { Rec } from '../../src/report/html/model/records.js';
import { TraceBuilder } from './trace.js';

const A = 'coordinator@n1#1';
const B = 'director-e1@n1#1';
const C = 'log-l1@n2#1';
const D = 'log-l2@n3#1';

/** A → B → C, and around it what is not in C's past: A's later events, D's, a message after. */
function chain(): { b: TraceBuilder; at: Record<string, number> } {
  const b = new TraceBuilder();
  const at: Record<string, number> = {};
  for (const pid of [A, B, C, D]) b.spawn(0, pid);
  at.aEarly = b.at(10, { type: 'election-started', coordinator: A, term: 1 });
  at.bEarly = b.at(15, { type: 'attempt-started', director: B, epoch: 1, attempt: 1 });
  at.send1 = b.send(20, 1, A, B, { type: 'start' });
  at.aLate = b.at(25, { type: 'leader-elected', coordinator: A, term: 1, oldEpoch: null });
  at.deliver1 = b.deliver(30, 1, B);
  at.send2 = b.send(40, 2, B, C, { type: 'lock', epoch: 1 });
  at.dSend = b.send(41, 3, D, C, { type: 'push', epoch: 0 });
  at.deliver2 = b.deliver(50, 2, C);
  at.witness = b.lock(60, 'l1', C, 1, B);
  at.dDeliverLate = b.deliver(70, 3, C);
  at.dropped = b.send(45, 4, D, B, { type: 'push', epoch: 0 });
  return { b, at };
}

function pastSet(hb: HappensBefore, seeds: number[], since = 0): Set<number> {
  const p = causalPast(hb, seeds, since);
  const out = new Set<number>();
  for (let k = 0; k < hb.n; k++) if (inPast(hb, p, k, since)) out.add(k);
  return out;
}

/** Happens-before the slow way: explicit edges (previous event of the process, send → delivery), walked back from the seeds. */
function naivePast(records: readonly Rec[], hb: HappensBefore, seeds: number[], since: number): Set<number> {
  const preds: number[][] = records.map(() => []);
  const lastOn = new Map<number, number>();
  for (let k = 0; k < records.length; k++) {
    const l = hb.lane[k] as number;
    if (l >= 0) {
      const prev = lastOn.get(l);
      if (prev !== undefined) preds[k]!.push(prev);
      lastOn.set(l, k);
    }
    const s = hb.sendOf[k] as number;
    if (s >= 0 && (hb.lane[s] as number) >= 0) preds[k]!.push(s);
  }
  const seen = new Set<number>();
  const todo = seeds.filter((s) => (hb.lane[s] as number) >= 0);
  while (todo.length > 0) {
    const k = todo.pop()!;
    if (seen.has(k) || (hb.t[k] as number) < since) continue;
    seen.add(k);
    todo.push(...preds[k]!);
  }
  return seen;
}

describe('the causal past of a violation', () => {
  it('follows messages back and program order down each process, and nothing else', () => {
    const { b, at } = chain();
    const lanes = buildLanes(b.records);
    const hb = happensBefore(b.records, lanes);
    const past = pastSet(hb, [at.witness!]);
    for (const k of ['aEarly', 'bEarly', 'send1', 'deliver1', 'send2', 'deliver2', 'witness']) expect(past.has(at[k]!), k).toBe(true);
    // after A's send, A's own events are not in the past; neither is D (its message arrived after the witness)
    for (const k of ['aLate', 'dSend', 'dDeliverLate', 'dropped']) expect(past.has(at[k]!), k).toBe(false);
    const cut = causalPast(hb, [at.witness!]);
    expect(cut.cut[lanes.laneOf(D)]).toBe(-1);
    expect(cut.cut[lanes.laneOf(A)]).toBe(at.send1);
    expect(cut.lanes).toBe(3);
    expect(cut.events).toBe(past.size);
  });

  it('a delivery pulls its sender in; a drop does not', () => {
    const b = new TraceBuilder();
    for (const pid of [A, B, C]) b.spawn(0, pid);
    b.send(10, 1, A, C, { type: 'x' });
    b.drop(20, 1);
    b.send(30, 2, B, C, { type: 'y' });
    b.deliver(40, 2, C);
    const w = b.at(50, { type: 'log-push', log: 'l1', callerEpoch: 1, logEpoch: 1, version: 1, accepted: true });
    const lanes = buildLanes(b.records);
    const p = causalPast(happensBefore(b.records, lanes), [w]);
    // spawns 0-2, A's send 3 (dropped at 4), B's send 5 (delivered at 6)
    expect(p.cut[lanes.laneOf(B)]).toBe(5);
    expect(p.cut[lanes.laneOf(A)]).toBe(-1);
  });

  it('bounded by time, it is the whole past with the earlier events left out; seeds in no process pull nothing in', () => {
    const { b, at } = chain();
    const lanes = buildLanes(b.records);
    const hb = happensBefore(b.records, lanes);
    const bounded = pastSet(hb, [at.witness!], 30);
    expect([...bounded].sort((x, y) => x - y)).toEqual([...pastSet(hb, [at.witness!])].filter((k) => (hb.t[k] as number) >= 30).sort((x, y) => x - y));
    // A's part of the chain is before 30: A drops out of the bounded cut
    expect(causalPast(hb, [at.witness!], 30).cut[lanes.laneOf(A)]).toBe(-1);
    const fault = b.at(80, { type: 'fault', action: { at: 0, kind: 'crash-node', node: 'n3' } });
    const withFault = happensBefore(b.records, buildLanes(b.records));
    expect(causalPast(withFault, [fault]).events).toBe(0);
  });

  it('agrees with a walk over explicit happens-before edges on random traces', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const pids = [A, B, C, D, 'storage-s1@n4#1'];
    for (let round = 0; round < 40; round++) {
      const b = new TraceBuilder();
      for (const pid of pids) b.spawn(0, pid);
      const inFlight: { m: number; to: string }[] = [];
      let t = 1;
      let m = 1;
      for (let k = 0; k < 120; k++) {
        t += rand(3);
        const choice = rand(4);
        if (choice === 0 || inFlight.length === 0) {
          const to = pids[rand(pids.length)]!;
          b.send(t, m, pids[rand(pids.length)]!, to, { type: 'x' });
          inFlight.push({ m: m++, to });
        } else if (choice === 1) {
          const [msg] = inFlight.splice(rand(inFlight.length), 1);
          if (rand(5) === 0) b.drop(t, msg!.m);
          else b.deliver(t, msg!.m, msg!.to);
        } else b.at(t, { type: 'election-started', coordinator: pids[rand(pids.length)]!, term: k });
      }
      const lanes = buildLanes(b.records);
      const hb = happensBefore(b.records, lanes);
      const seeds = [rand(b.records.length), rand(b.records.length)];
      const since = rand(Math.max(1, t));
      expect([...pastSet(hb, seeds, since)].sort((x, y) => x - y), `round ${round}`).toEqual([...naivePast(b.records, hb, seeds, since)].sort((x, y) => x - y));
    }
  });

  it('is given for the violations listed first, each from its event and witnesses', () => {
    const { b, at } = chain();
    const lanes = buildLanes(b.records);
    const hb = happensBefore(b.records, lanes);
    const violations = explainViolations([
      { invariant: 'fencing', message: 'x', event: at.deliver2!, time: 50, witnesses: [] },
      { invariant: 'no-split-brain', message: 'y', event: at.witness!, time: 60, witnesses: [at.send1!] },
    ]);
    const pasts = violationPasts(hb, violations, 1);
    // only the first in listing order: the damage (no-split-brain) before the mechanism (fencing)
    expect(pasts.map((p) => p.violation)).toEqual([1]);
    expect(pasts[0]!.seeds).toEqual([at.send1, at.witness]);
    expect(pasts[0]!.cut).toContainEqual([lanes.laneOf(A), at.send1]);
    expect(violationPasts(hb, violations).map((p) => p.violation)).toEqual([0, 1]);
  });
});
