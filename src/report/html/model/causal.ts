import type { ExplainedViolation } from './facts.js';
import { eventLane, type LaneSet } from './lanes.js';
import type { Rec } from './records.js';
import { violationOrder } from './story.js';

/**
 * "Show only what led to this violation": the causal past of a violation's witness events, by
 * Lamport's happens-before. Event e happens before event w when a chain of two kinds of step
 * leads from e to w: program order (an earlier event of the same process: its lane, so a
 * restarted process carries what its disk kept) and a message (a send before its delivery).
 * Drops, faults and node events belong to no process and carry nothing.
 *
 * Because program order includes every earlier event of a lane, the past of any set of events
 * is a cut: per lane, every event up to the last one in the past. One backward sweep over the
 * trace finds it (a delivery in the past pulls its send, which is earlier, into the past).
 * Times never decrease along a chain, so the past bounded to `t >= since` is the cut with the
 * events before `since` left out: the page picks how far back to look without recomputing.
 */
export interface HappensBefore {
  readonly n: number;
  /** Lanes in the report (the cut's length). */
  readonly lanes: number;
  readonly t: Float64Array;
  /** The process (lane) each event belongs to, -1 for none. */
  readonly lane: Int32Array;
  /** For a delivery, its send event; -1 for everything else. */
  readonly sendOf: Int32Array;
}

export function happensBefore(records: readonly Rec[], lanes: LaneSet): HappensBefore {
  const n = records.length;
  const t = new Float64Array(n);
  const lane = new Int32Array(n);
  const sendOf = new Int32Array(n).fill(-1);
  const sends = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const r = records[k] as Rec;
    t[k] = r.t;
    switch (r.type) {
      case 'send':
        lane[k] = lanes.laneOf(r.from);
        sends.set(r.m, k);
        break;
      case 'deliver':
        lane[k] = lanes.laneOf(r.to);
        sendOf[k] = sends.get(r.m) ?? -1;
        break;
      case 'drop':
        lane[k] = -1;
        break;
      default:
        lane[k] = eventLane(r, lanes);
    }
  }
  return { n, lanes: lanes.lanes.length, t, lane, sendOf };
}

/** The causal past of some events: per lane, the last event in it (-1: none of the lane's events is). */
export interface CausalPast {
  readonly cut: Int32Array;
  /** Events in the past (the seeds included, when they belong to a process). */
  readonly events: number;
  /** Lanes with at least one event in the past. */
  readonly lanes: number;
}

/**
 * Every event that happens before (or is) one of `seeds`, with `t >= since`, as a cut. Seeds
 * that belong to no process (a fault, a node going down) are in no lane and pull nothing in.
 */
export function causalPast(hb: HappensBefore, seeds: readonly number[], since = 0): CausalPast {
  const cut = new Int32Array(hb.lanes).fill(-1);
  let top = -1;
  for (const s of seeds) {
    if (!(s >= 0 && s < hb.n)) continue;
    const l = hb.lane[s] as number;
    if (l >= 0 && s > (cut[l] as number)) cut[l] = s;
    if (s > top) top = s;
  }
  let events = 0;
  for (let k = top; k >= 0 && (hb.t[k] as number) >= since; k--) {
    const l = hb.lane[k] as number;
    if (l < 0 || k > (cut[l] as number)) continue;
    events++;
    const s = hb.sendOf[k] as number;
    if (s >= 0) {
      const f = hb.lane[s] as number;
      if (f >= 0 && s > (cut[f] as number)) cut[f] = s;
    }
  }
  // Lanes whose cut lies before `since` have nothing in the bounded past.
  let lanes = 0;
  for (let l = 0; l < cut.length; l++) {
    const c = cut[l] as number;
    if (c >= 0 && (hb.t[c] as number) < since) cut[l] = -1;
    else if (c >= 0) lanes++;
  }
  return { cut, events, lanes };
}

/** Whether event k is in a causal past (`since` as it was computed with, or later). */
export function inPast(hb: HappensBefore, past: CausalPast, k: number, since = 0): boolean {
  const l = hb.lane[k] as number;
  return l >= 0 && k <= (past.cut[l] as number) && (hb.t[k] as number) >= since;
}

/** How many violations get their causal past in the page: the ones the violations panel lists first. */
const MAX_CAUSAL_VIOLATIONS = 60;

/** A violation's causal past for the page: its seeds (the violation and its witnesses) and the cut as `[lane, event]` pairs. */
export interface ViolationPast {
  readonly violation: number;
  readonly seeds: readonly number[];
  readonly cut: readonly (readonly [number, number])[];
  readonly events: number;
}

/**
 * The causal past of the first `MAX_CAUSAL_VIOLATIONS` violations in the order they are listed:
 * the past of the violation's event and its witnesses, over the whole run (the page bounds it).
 */
export function violationPasts(hb: HappensBefore, violations: readonly ExplainedViolation[], limit = MAX_CAUSAL_VIOLATIONS): ViolationPast[] {
  return violationOrder(violations)
    .slice(0, limit)
    .map((k) => {
      const v = violations[k] as ExplainedViolation;
      const seeds = [...new Set([v.event, ...v.witnesses])].filter((s) => s >= 0 && s < hb.n).sort((a, b) => a - b);
      const past = causalPast(hb, seeds);
      const cut: [number, number][] = [];
      past.cut.forEach((event, lane) => {
        if (event >= 0) cut.push([lane, event]);
      });
      return { violation: k, seeds, cut, events: past.events };
    })
    .sort((a, b) => a.violation - b.violation);
}
