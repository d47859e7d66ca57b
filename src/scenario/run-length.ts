import { DEFAULT_PARAMS } from '../cluster/params.js';
import { DEFAULT_RANDOM_FAULTS_MS } from './resolve.js';
import type { Scenario } from './types.js';

/** The 2 s a run goes on after liveness is judged, when the file gives no durationMs. */
export const AFTER_LIVENESS_MS = 2_000;

export interface RunLength {
  readonly quietAtMs: number;
  readonly durationMs: number;
  /** What sets the quiet time when the file does not: the last scripted action (its index), or the random plan's default. */
  readonly quietFrom: 'file' | 'random' | { readonly lastAction: number } | 'none';
}

/**
 * When faults stop and how long the run lasts, as `resolveScenario` works them out (its seed
 * changes neither): without durationMs a run goes on until liveness has been judged after the
 * quiet time, so a late action or quiet time stretches it.
 */
export function runLength(s: Scenario): RunLength {
  const script = s.faults?.script ?? [];
  let last = -1;
  script.forEach((a, i) => {
    if (last < 0 || a.at >= (script[last]?.at ?? 0)) last = i;
  });
  const lastAt = last >= 0 ? (script[last]?.at ?? -1) : -1;
  const given = s.faults?.quietAtMs;
  const random = s.faults?.random !== undefined;
  const quietAtMs = given ?? (random ? DEFAULT_RANDOM_FAULTS_MS : lastAt >= 0 ? lastAt + 1 : 0);
  const quietFrom = given !== undefined ? 'file' : random ? 'random' : last >= 0 ? { lastAction: last } : 'none';
  const liveness = s.params?.livenessBoundMs ?? DEFAULT_PARAMS.livenessBoundMs;
  return { quietAtMs, durationMs: s.durationMs ?? quietAtMs + liveness + AFTER_LIVENESS_MS, quietFrom };
}
