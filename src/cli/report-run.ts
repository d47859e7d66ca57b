import type { NarrationMoment } from '../report/html/model/story.js';
import type { ReportInput } from '../report/html/types.js';
import { reportInput, unshownViolationEvents } from '../report/sampled-input.js';
import { REPORT_RECORD_LIMIT, SamplingSink, type TraceSampleSummary } from '../report/trace-sample.js';
import type { NarrationRule } from '../scenario/types.js';
import { createNarrator } from './narrator.js';
import { executeRun, type SingleRun, type SingleRunOptions } from './single-run.js';

export interface ReportRun {
  readonly run: SingleRun;
  /** What the HTML page is drawn from. */
  readonly input: ReportInput;
  /** Set when the run was too long to show whole. */
  readonly sample: TraceSampleSummary | null;
}

/**
 * One run for an HTML report, its trace kept within `limit` message and data-plane records
 * (src/report/trace-sample.ts). When the sample leaves out events a violation points at, the run
 * is repeated (runs are deterministic) keeping them: a long run pays twice, a short one never.
 */
export function runForReport(options: Omit<SingleRunOptions, 'sink'>, limit: number = REPORT_RECORD_LIMIT): ReportRun {
  let sink = new SamplingSink(limit);
  let run = executeRun({ ...options, sink });
  let trace = sink.finish();
  const pinned = unshownViolationEvents(run.result, trace);
  if (pinned.size > 0) {
    sink = new SamplingSink(limit, pinned);
    const again = executeRun({ ...options, sink });
    if (again.result.traceHash !== run.result.traceHash) {
      throw new Error(`the repeated run for the report has trace hash ${again.result.traceHash}, the first ${run.result.traceHash}: the run is not deterministic`);
    }
    run = again;
    trace = sink.finish();
  }
  return { run, input: reportInput(options.loaded.scenario, run.result, trace), sample: trace.summary };
}

/**
 * A demo's narration as moments of the report: a fresh narrator (the one `demo` prints with)
 * heard over the report's records, each line at the event that made it speak.
 */
export function narrationMoments(records: ReportInput['records'], rules: readonly NarrationRule[]): NarrationMoment[] {
  const narrate = createNarrator(rules);
  const out: NarrationMoment[] = [];
  records.forEach((r, k) => {
    const say = narrate(r);
    if (say !== undefined) out.push({ event: k, say });
  });
  return out;
}
