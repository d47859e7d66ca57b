import type { ServiceId } from '../types.js';

export interface ReplayPair {
  readonly target: ServiceId;
  /** The old log to copy from; null for a brand-new cluster (nothing to copy). */
  readonly source: ServiceId | null;
}

/**
 * §4.8: each new log (sorted) copies from the old logs in turn, cycling:
 * n1..n4 with o1,o2 → (n1,o1), (n2,o2), (n3,o1), (n4,o2). Every log carries every tag in the
 * layouts built here, so pairing without looking at tags is safe (F22 notes when it is not).
 */
export function pairReplay(newLogIds: readonly ServiceId[], oldLogIdsToCopy: readonly ServiceId[]): ReplayPair[] {
  const targets = [...newLogIds].sort();
  const sources = [...oldLogIdsToCopy].sort();
  return targets.map((target, i) => ({
    target,
    source: sources.length === 0 ? null : (sources[i % sources.length] as ServiceId),
  }));
}
