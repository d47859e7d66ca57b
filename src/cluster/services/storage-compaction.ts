import type { ShardRange } from '../messages.js';
import type { StoredEntry, Tag, Version, Write } from '../types.js';
import { writesIn } from '../decisions/shards.js';

/**
 * Fold every version at or below `horizon` into one snapshot of the served shards' state at
 * `horizon` (each key's last value), keeping the versions above it: a storage server's MVCC
 * window. Writes of shards it no longer serves are dropped; nobody reads them.
 */
export function compactRecords(records: readonly StoredEntry[], horizon: Version, shards: readonly ShardRange[]): StoredEntry[] {
  const state = new Map<string, string>();
  let i = 0;
  for (; i < records.length && (records[i] as StoredEntry).version <= horizon; i++) {
    for (const w of writesIn((records[i] as StoredEntry).writes, shards)) state.set(w.key, w.value);
  }
  const writes = [...state.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value }));
  const snapshot: StoredEntry = { version: horizon, writes, snapshot: shards.map((s) => s.tag).sort((a, b) => a - b) };
  return [snapshot, ...records.slice(i)];
}

/** The newest snapshot version among `records` (0: none): reads below it find no history. */
export function snapshotVersion(records: readonly StoredEntry[]): Version {
  let v = 0;
  for (const r of records) if (r.snapshot !== undefined && r.version > v) v = r.version;
  return v;
}

/** What a teammate back-filling `shards` gets: their writes (and snapshots) at or below `upTo`. */
export function historyFor(records: readonly StoredEntry[], shards: readonly ShardRange[], upTo: Version): StoredEntry[] {
  const tags = new Set<Tag>(shards.map((s) => s.tag));
  const out: StoredEntry[] = [];
  for (const r of records) {
    if (r.version > upTo) break;
    const writes = writesIn(r.writes, shards);
    const snapshot = r.snapshot?.filter((t) => tags.has(t));
    if (snapshot !== undefined && snapshot.length > 0) out.push({ version: r.version, writes, snapshot });
    else if (writes.length > 0) out.push({ version: r.version, writes });
  }
  return out;
}

/** Several shards' histories as one ascending file: versions they share are one record. */
export function mergeHistories(histories: readonly (readonly StoredEntry[])[]): StoredEntry[] {
  const byVersion = new Map<Version, { writes: Write[]; snapshot: Tag[] }>();
  for (const h of histories) {
    for (const r of h) {
      const at = byVersion.get(r.version) ?? { writes: [], snapshot: [] };
      at.writes.push(...r.writes);
      if (r.snapshot !== undefined) at.snapshot.push(...r.snapshot);
      byVersion.set(r.version, at);
    }
  }
  return [...byVersion.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([version, { writes, snapshot }]) => (snapshot.length > 0 ? { version, writes, snapshot: snapshot.sort((a, b) => a - b) } : { version, writes }));
}
