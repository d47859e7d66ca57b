import type { LogRoute } from '../messages.js';
import type { LogEntry, ProcessAddress, Tag, Version, Write } from '../types.js';

/**
 * Which logs a storage server pulls from: for each of its tags not yet covered, a log carrying it
 * (the `turn`-th such log, so a failing log is not asked again and again). Every log holds every
 * version, so one log per tag group is enough.
 */
export function pullSources(logs: readonly LogRoute[], tags: readonly Tag[], turn: number): ProcessAddress[] {
  const chosen: LogRoute[] = [];
  for (const tag of tags) {
    if (chosen.some((l) => l.tags.includes(tag))) continue;
    const carriers = logs.filter((l) => l.tags.includes(tag));
    if (carriers.length === 0) continue;
    chosen.push(carriers[turn % carriers.length] as LogRoute);
  }
  return chosen.map((l) => l.address);
}

/**
 * Merge what several logs returned for the same range into one entry per version: only the
 * versions every list reached (each list is contiguous from the same start), their writes in list
 * order.
 */
export function mergePulled(lists: readonly (readonly LogEntry[])[]): LogEntry[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return [...(lists[0] as LogEntry[])];
  let top: Version = Number.POSITIVE_INFINITY;
  for (const list of lists) top = Math.min(top, list.length === 0 ? Number.NEGATIVE_INFINITY : (list[list.length - 1] as LogEntry).version);
  const byVersion = new Map<Version, Write[]>();
  for (const list of lists) {
    for (const e of list) {
      if (e.version > top) break;
      byVersion.set(e.version, [...(byVersion.get(e.version) ?? []), ...e.writes]);
    }
  }
  return [...byVersion.entries()].sort((a, b) => a[0] - b[0]).map(([version, writes]) => ({ version, writes }));
}
