import { ms, type TraceRecord, type TraceSink } from '../../sim/index.js';
import { TraceFingerprints } from '../report/html/model/compare.js';
import type { NarrationMoment } from '../report/html/model/story.js';
import type { ReportInput } from '../report/html/types.js';
import { reportInput, unshownViolationEvents } from '../report/sampled-input.js';
import { positionOf, REPORT_RECORD_LIMIT, SamplingSink, type TraceSampleSummary } from '../report/trace-sample.js';
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

/** Writes every record to each of several sinks. */
class TeeSink implements TraceSink {
  constructor(private readonly sinks: readonly TraceSink[]) {}
  write(record: TraceRecord): void {
    for (const s of this.sinks) s.write(record);
  }
  close(): void {
    for (const s of this.sinks) s.close();
  }
}

export interface ReportRunExtras {
  /** Also given every record of the (first) run. */
  readonly observe?: TraceSink;
  /** Trace indices a sample must keep besides the violations' events. */
  readonly pin?: ReadonlySet<number>;
}

/**
 * One run for an HTML report, its trace kept within `limit` message and data-plane records
 * (src/report/trace-sample.ts). When the sample leaves out events a violation points at (or
 * `extras.pin` names), the run is repeated (runs are deterministic) keeping them: a long run pays
 * twice, a short one never.
 */
export function runForReport(options: Omit<SingleRunOptions, 'sink'>, limit: number = REPORT_RECORD_LIMIT, extras: ReportRunExtras = {}): ReportRun {
  let sink = new SamplingSink(limit, extras.pin);
  let run = executeRun({ ...options, sink: extras.observe !== undefined ? new TeeSink([sink, extras.observe]) : sink });
  let trace = sink.finish();
  // Pinned records are always kept by the sample; only a violation's events may be missing.
  const pinned = unshownViolationEvents(run.result, trace);
  if (pinned.size > 0) {
    sink = new SamplingSink(limit, new Set([...pinned, ...(extras.pin ?? [])]));
    const again = executeRun({ ...options, sink });
    if (again.result.traceHash !== run.result.traceHash) {
      throw new Error(`the repeated run for the report has trace hash ${again.result.traceHash}, the first ${run.result.traceHash}: the run is not deterministic`);
    }
    run = again;
    trace = sink.finish();
  }
  const input = reportInput(options.loaded.scenario, run.result, trace);
  const resolved = run.resolved;
  const livenessAtUs = resolved.livenessAtMs <= resolved.durationMs ? ms(resolved.livenessAtMs) : undefined;
  return { run, input: livenessAtUs !== undefined ? { ...input, livenessAtUs } : input, sample: trace.summary };
}

/** Two runs for a comparison page, and where their traces part. */
export interface ReportPair {
  readonly a: ReportRun;
  readonly b: ReportRun;
  /**
   * The trace index of the first event that differs (or where the shorter run ended), -1 when
   * the traces are the same, null when they are the same as far as they were compared.
   */
  readonly firstDifference: number | null;
  /** Each run's report position of that event, -1 when the run had ended there. */
  readonly positions: { readonly a: number; readonly b: number } | null;
}

/** The report position of trace index `i` in a run, or -1 when the run has no such event. */
function positionIn(report: ReportRun, i: number): number {
  const origin = report.input.sample?.origin;
  if (origin === undefined) return i < report.input.records.length ? i : -1;
  const p = positionOf(origin, i);
  return origin[p] === i ? p : -1;
}

/**
 * Runs A, then B, fingerprinting A's trace and comparing B's against it as it is written. The
 * first differing event is kept in both reports' samples (a run is repeated when its sample left
 * it out).
 */
export function runPairForReport(a: Omit<SingleRunOptions, 'sink'>, b: Omit<SingleRunOptions, 'sink'>, limit: number = REPORT_RECORD_LIMIT): ReportPair {
  const printsA = new TraceFingerprints();
  let runA = runForReport(a, limit, { observe: printsA });
  const printsB = new TraceFingerprints(printsA);
  let runB = runForReport(b, limit, { observe: printsB });
  const first = printsB.firstDifference();
  if (first === null || first < 0) return { a: runA, b: runB, firstDifference: first, positions: null };
  const pin = new Set([first]);
  if (first < printsA.length && positionIn(runA, first) < 0) runA = runForReport(a, limit, { pin });
  if (first < printsB.length && positionIn(runB, first) < 0) runB = runForReport(b, limit, { pin });
  return { a: runA, b: runB, firstDifference: first, positions: { a: positionIn(runA, first), b: positionIn(runB, first) } };
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
