import type { LogDescriptor, ServiceId, Tag } from '../types.js';

export interface ReplayPair {
  readonly target: ServiceId;
  /** The old log to copy from; null for a brand-new cluster (nothing to copy). */
  readonly source: ServiceId | null;
}

const sameTags = (a: readonly Tag[], b: readonly Tag[]): boolean => {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.length === y.length && x.every((t, i) => t === y[i]);
};

/**
 * §4.8: each new log (sorted by id) copies from the old logs of the copy set in turn, cycling:
 * n1..n4 with o1,o2 → (n1,o1), (n2,o2), (n3,o1), (n4,o2). The ids-only form is Bedrock's, which
 * pairs without looking at tags.
 */
export function pairReplay(newLogIds: readonly ServiceId[], oldLogIdsToCopy: readonly ServiceId[]): ReplayPair[] {
  const targets = [...newLogIds].sort();
  const sources = [...oldLogIdsToCopy].sort();
  return targets.map((target, i) => ({
    target,
    source: sources.length === 0 ? null : (sources[i % sources.length] as ServiceId),
  }));
}

/**
 * §4.8 by tag (REF): a new log copies only from old logs of the copy set that carry exactly its
 * tags, cycling within its group, so no shard copies another shard's history. A new log whose
 * group has no source gets `undefined`: the attempt cannot copy it. With nothing to copy at all
 * (a new cluster), every source is null. F22 (`ignoreTags`) pairs as Bedrock does.
 */
export function pairReplayByTag(
  newLogs: readonly LogDescriptor[],
  copyFrom: readonly LogDescriptor[],
  ignoreTags = false,
): (ReplayPair | { readonly target: ServiceId; readonly source: undefined })[] {
  if (ignoreTags || copyFrom.length === 0) return pairReplay(newLogs.map((l) => l.id), copyFrom.map((l) => l.id));
  const targets = [...newLogs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const used = new Map<string, number>();
  return targets.map((target) => {
    const group = copyFrom.filter((o) => sameTags(o.tags, target.tags)).map((o) => o.id).sort();
    if (group.length === 0) return { target: target.id, source: undefined };
    const key = group.join(',');
    const i = used.get(key) ?? 0;
    used.set(key, i + 1);
    return { target: target.id, source: group[i % group.length] as ServiceId };
  });
}
