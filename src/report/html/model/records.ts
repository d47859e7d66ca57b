import type { TraceRecord } from '../../../../sim/index.js';
import type { RunEvent } from '../../../cluster/events.js';

/** One event of a run's trace, as the report reads it. */
export type Rec = TraceRecord<RunEvent>;

/** The time the picture ends: the last event, or the scenario's duration if later (µs). */
export function traceEnd(records: readonly Rec[], durationUs = 0): number {
  const last = records.length > 0 ? (records[records.length - 1]?.t ?? 0) : 0;
  return Math.max(last, durationUs);
}

/**
 * How many of the first items satisfy `before` (a predicate true for a prefix and false after it):
 * the index of the first item that does not, found by bisection.
 */
export function prefixLength(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first record at or after `t` (records are in time order). */
export function firstAtOrAfter(records: readonly Rec[], t: number): number {
  return prefixLength(records.length, (i) => (records[i] as Rec).t < t);
}

/** Index of the last record at or before `t`, or -1. */
export function lastAtOrBefore(records: readonly Rec[], t: number): number {
  return prefixLength(records.length, (i) => (records[i] as Rec).t <= t) - 1;
}
