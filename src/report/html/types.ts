import type { TraceRecord } from '../../../sim/index.js';
import type { RunEvent } from '../../cluster/events.js';
import type { RunResult } from '../../runner/result.js';
import type { Scenario } from '../../scenario/types.js';

/** Everything the HTML report is drawn from: the scenario, the run's summary and its full trace. */
export interface ReportInput {
  readonly scenario: Scenario;
  readonly result: RunResult;
  readonly records: readonly TraceRecord<RunEvent>[];
}
