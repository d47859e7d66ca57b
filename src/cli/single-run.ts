import type { ChalkInstance } from 'chalk';
import type { TraceSink } from '../../sim/index.js';
import type { MutationId } from '../cluster/mutations.js';
import type { MessageOrdering } from '../scenario/types.js';
import { INVARIANTS } from '../check/invariants/index.js';
import type { Rec } from '../check/types.js';
import { runConfigLines } from '../report/run-config.js';
import { summaryLines } from '../report/summary.js';
import { Timeline } from '../report/timeline.js';
import { mergeByEvent, violationEntries } from '../report/violations.js';
import type { RunResult } from '../runner/result.js';
import { runResolved } from '../runner/run.js';
import { displayPath, type LoadedScenario } from '../scenario/load.js';
import { resolveScenario, type ResolvedScenario } from '../scenario/resolve.js';
import { EXIT, type ExitCode } from './errors.js';
import { outputWidth } from './terminal.js';

export interface SingleRunOptions {
  readonly loaded: LoadedScenario;
  readonly seed: number;
  /** Replaces the scenario's mutations when given. */
  readonly mutations: readonly MutationId[] | undefined;
  /** Replaces the scenario's message ordering when given. */
  readonly ordering?: MessageOrdering;
  readonly chalk: ChalkInstance;
  /** Build the text timeline (off for --json and --quiet: it costs time on long runs). */
  readonly timeline: boolean;
  readonly verbose?: boolean;
  readonly sink?: TraceSink;
  readonly narrate?: (record: Rec) => string | undefined;
  /** Violations shown in the timeline per invariant (the rest are counted). */
  readonly violationsShown?: number;
  /** Columns the text may take (default: the terminal's, or COLUMNS, or 100). */
  readonly width?: number;
}

export interface SingleRun {
  readonly resolved: ResolvedScenario;
  readonly result: RunResult;
  /** The configuration printed before the timeline. */
  readonly config: string[];
  /** The timeline, violations merged in where they happened (empty without `timeline`). */
  readonly timeline: string[];
  /** What the run concluded, ending with the verdict, hash and replay lines. */
  readonly summary: string[];
}

const LIVENESS: ReadonlySet<string> = new Set(INVARIANTS.filter((i) => i.kind === 'liveness').map((i) => i.id));

/** One run with everything a person reads about it. */
export function executeRun(o: SingleRunOptions): SingleRun {
  const resolved = resolveScenario(o.loaded.scenario, o.seed, o.mutations, o.ordering);
  const width = o.width ?? outputWidth();
  const judged = resolved.livenessAtMs <= resolved.durationMs;
  const timeline = o.timeline
    ? new Timeline({
        chalk: o.chalk,
        verbose: o.verbose ?? false,
        width,
        coordinators: resolved.cluster.coordinators,
        ...(judged ? { livenessAtMs: resolved.livenessAtMs } : {}),
        ...(o.narrate !== undefined ? { narrate: o.narrate } : {}),
      })
    : undefined;
  const result = runResolved(resolved, {
    seed: o.seed,
    source: o.loaded.source,
    ...(o.mutations !== undefined ? { mutations: o.mutations } : {}),
    ...(o.sink !== undefined ? { sink: o.sink } : {}),
    ...(timeline !== undefined ? { onEvent: (r: Rec) => timeline.observe(r) } : {}),
  });
  let lines: string[] = [];
  if (timeline !== undefined) {
    const rows = timeline.finish();
    // When liveness fails, say where the run stood at the checkpoint: what each director awaited.
    const stuck = result.violations.some((v) => LIVENESS.has(v.invariant)) ? timeline.checkpoint() : [];
    const extra = [...violationEntries(result.violations, o.chalk, o.violationsShown, width), ...stuck].sort((a, b) => a.event - b.event);
    lines = mergeByEvent(rows, extra);
  }
  return {
    resolved,
    result,
    config: runConfigLines(resolved, displayPath(o.loaded.file), o.chalk, width),
    timeline: lines,
    summary: summaryLines(result, o.chalk, 3, width),
  };
}

/** Whether a run counts as passed: its expectation met, or (without one) no violation. */
export function runPassed(result: RunResult): boolean {
  return result.expectation !== null ? result.expectationMet : result.verdict === 'pass';
}

export function exitCodeFor(result: RunResult): ExitCode {
  return runPassed(result) ? EXIT.pass : EXIT.violation;
}
