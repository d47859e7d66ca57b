import type { TraceRecord } from '../../sim/index.js';
import type { RunEvent } from '../cluster/events.js';
import type { RunResult } from '../runner/result.js';
import type { Scenario } from '../scenario/types.js';
import type { ReportInput } from './html/types.js';
import { positionOf, type SampledTrace } from './trace-sample.js';

/** The most events violations may pin into a sample (each is one record kept beyond the bound). */
export const MAX_PINNED = 10_000;

function violationEvents(result: RunResult): number[] {
  return result.violations.flatMap((v) => [v.event, ...v.witnesses]);
}

/**
 * The events violations point at that a sample left out: a second, identical run keeps them, so
 * every violation and witness marker lands on its own event.
 */
export function unshownViolationEvents(result: RunResult, trace: SampledTrace): Set<number> {
  const origin = trace.origin;
  if (origin === null) return new Set();
  const missing = new Set<number>();
  for (const i of violationEvents(result)) {
    if (missing.size >= MAX_PINNED) break;
    if (origin[positionOf(origin, i)] !== i) missing.add(i);
  }
  return missing;
}

/** What the page is drawn from. A sample renumbers its records, so violations are renumbered with them. */
export function reportInput(scenario: Scenario, result: RunResult, trace: SampledTrace): ReportInput {
  const records = trace.records as readonly TraceRecord<RunEvent>[];
  if (trace.origin === null || trace.summary === null) return { scenario, result, records };
  const origin = trace.origin;
  const at = (i: number): number => positionOf(origin, i);
  const violations = result.violations.map((v) => ({ ...v, event: at(v.event), witnesses: v.witnesses.map(at) }));
  return { scenario, result: { ...result, violations }, records, sample: { note: trace.summary.note, total: trace.summary.total, origin } };
}
