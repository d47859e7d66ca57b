import type { TraceRecord } from '../../../sim/index.js';
import type { RunEvent } from '../../cluster/events.js';
import type { RunResult } from '../../runner/result.js';
import type { Scenario } from '../../scenario/types.js';
import type { NarrationMoment } from './model/story.js';

/** A report of part of a long run's trace (src/report/trace-sample.ts). */
export interface ReportSample {
  /** What is shown and what is left out, in a sentence for the page's header. */
  readonly note: string;
  /** Trace records in the whole run. */
  readonly total: number;
  /** The trace index of each record shown (records are renumbered by position). */
  readonly origin: readonly number[];
}

/** Everything the HTML report is drawn from: the scenario, the run's summary and its trace. */
export interface ReportInput {
  readonly scenario: Scenario;
  readonly result: RunResult;
  /** The full trace, or the sample `sample` describes, numbered by position. */
  readonly records: readonly TraceRecord<RunEvent>[];
  readonly sample?: ReportSample;
  /**
   * A demo's narration (`demo <name> --report`): each line at the event that made the narrator
   * speak. The page tells the run as these chapters; without it, it tells the key moments.
   */
  readonly narration?: readonly NarrationMoment[];
  /**
   * The liveness checkpoint (µs: faults stopped, plus the bound), when the run reached it. Without
   * it, a failed recovery-completes is explained at the time of its first violation.
   */
  readonly livenessAtUs?: number;
}
