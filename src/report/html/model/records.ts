import type { TraceRecord } from '../../../../sim/index.js';
import type { RunEvent } from '../../../cluster/events.js';

/** One event of a run's trace, as the report reads it. */
export type Rec = TraceRecord<RunEvent>;

/** The time the picture ends: the last event, or the scenario's duration if later (µs). */
export function traceEnd(records: readonly Rec[], durationUs = 0): number {
  const last = records.length > 0 ? (records[records.length - 1]?.t ?? 0) : 0;
  return Math.max(last, durationUs);
}
