import type { LogDescriptor, LogRecoveryInfo, ServiceId, Tag, VersionVector } from '../types.js';

export type LogRecoveryPlan =
  | { readonly ok: true; readonly oldLogIdsToCopy: readonly ServiceId[]; readonly versionVector: VersionVector }
  | { readonly ok: false; readonly reason: 'unable_to_meet_log_quorum'; readonly tag: Tag | null };

/** All subsets of `items` with exactly `k` elements, in lexicographic order of positions. */
export function subsetsOfSize<T>(items: readonly T[], k: number): T[][] {
  const out: T[][] = [];
  const pick: T[] = [];
  const walk = (from: number): void => {
    if (pick.length === k) {
      out.push(pick.slice());
      return;
    }
    for (let i = from; i <= items.length - (k - pick.length); i++) {
      pick.push(items[i] as T);
      walk(i + 1);
      pick.pop();
    }
  };
  if (k >= 0 && k <= items.length) walk(0);
  return out;
}

/** The versions every log of `subset` holds: (max oldest, min last]. */
export function commonRange(subset: readonly ServiceId[], info: ReadonlyMap<ServiceId, LogRecoveryInfo>): VersionVector {
  let first = 0;
  let last = Number.POSITIVE_INFINITY;
  for (const id of subset) {
    const i = info.get(id);
    if (i === undefined) continue;
    first = Math.max(first, i.oldestVersion);
    last = Math.min(last, i.lastVersion);
  }
  return { first, last: Number.isFinite(last) ? last : 0 };
}

function isValidRange(r: VersionVector): boolean {
  return r.first === 0 || (r.last !== 0 && r.last >= r.first);
}

/**
 * §4.3 log recovery planning. Per shard (tag): a majority `q = floor(n/2)+1` of the OLD shard's
 * logs must have answered the lock; among the subsets of exactly q answering logs, take the one
 * whose common range is widest (ties: first in sorted-id order). The copy set is the union of the
 * chosen subsets; the version vector is the intersection of their ranges, which must not be empty.
 */
export function planLogRecovery(
  oldLogs: readonly LogDescriptor[],
  info: ReadonlyMap<ServiceId, LogRecoveryInfo>,
  options: { readonly checkVersionVector?: boolean } = {},
): LogRecoveryPlan {
  if (oldLogs.length === 0) return { ok: false, reason: 'unable_to_meet_log_quorum', tag: null };
  const tags = [...new Set(oldLogs.flatMap((l) => l.tags))].sort((a, b) => a - b);
  const copy = new Set<ServiceId>();
  let first = 0;
  let last = Number.POSITIVE_INFINITY;
  for (const tag of tags) {
    const members = oldLogs.filter((l) => l.tags.includes(tag)).map((l) => l.id).sort();
    const reporting = members.filter((id) => info.has(id));
    const q = Math.floor(members.length / 2) + 1;
    if (reporting.length < q) return { ok: false, reason: 'unable_to_meet_log_quorum', tag };
    let best: { subset: ServiceId[]; range: VersionVector } | undefined;
    for (const subset of subsetsOfSize(reporting, q)) {
      const range = commonRange(subset, info);
      if (!isValidRange(range)) continue;
      if (best === undefined || range.last - range.first > best.range.last - best.range.first) best = { subset, range };
    }
    if (best === undefined) return { ok: false, reason: 'unable_to_meet_log_quorum', tag };
    for (const id of best.subset) copy.add(id);
    first = Math.max(first, best.range.first);
    last = Math.min(last, best.range.last);
  }
  // S11 (F23, `checkVersionVector: false`, is the AS-IS quirk): shards whose ranges do not overlap leave nothing safe to replay.
  if (first > last && options.checkVersionVector !== false) return { ok: false, reason: 'unable_to_meet_log_quorum', tag: null };
  return { ok: true, oldLogIdsToCopy: [...copy].sort(), versionVector: { first, last } };
}
