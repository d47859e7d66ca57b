import { describe, expect, it } from 'vitest';
import type { ShardRange } from '../../src/cluster/messages.js';
import { compactRecords, historyFor, mergeHistories, snapshotVersion } from '../../src/cluster/services/storage-compaction.js';
import type { StoredEntry } from '../../src/cluster/types.js';

const A: ShardRange = { tag: 1, keyRange: { start: 'a', end: 'm' } };
const B: ShardRange = { tag: 2, keyRange: { start: 'm', end: 'z' } };
const w = (key: string, value: string) => ({ key, value });

const records: StoredEntry[] = [
  { version: 2, writes: [w('b', '1'), w('n', '1')] },
  { version: 4, writes: [w('b', '2')] },
  { version: 7, writes: [w('c', '1'), w('p', '1')] },
  { version: 9, writes: [w('b', '3')] },
];

describe('storage compaction (the MVCC window)', () => {
  it('folds the versions at or below the horizon into a snapshot of the served shards, keeps the rest', () => {
    const compacted = compactRecords(records, 7, [A]);
    expect(compacted).toEqual([
      { version: 7, writes: [w('b', '2'), w('c', '1')], snapshot: [1] },
      { version: 9, writes: [w('b', '3')] },
    ]);
    expect(snapshotVersion(compacted)).toBe(7);
    expect(snapshotVersion(records)).toBe(0);
  });

  it('a later compaction folds the earlier snapshot in', () => {
    const twice = compactRecords(compactRecords(records, 7, [A, B]), 9, [A, B]);
    expect(twice).toEqual([{ version: 9, writes: [w('b', '3'), w('c', '1'), w('n', '1'), w('p', '1')], snapshot: [1, 2] }]);
  });

  it('a back-filling teammate gets one shard: its snapshot and the versions above, up to a version', () => {
    const compacted = compactRecords(records, 7, [A, B]);
    expect(historyFor(compacted, [B], 9)).toEqual([{ version: 7, writes: [w('n', '1'), w('p', '1')], snapshot: [2] }]);
    expect(historyFor(compacted, [A], 8)).toEqual([{ version: 7, writes: [w('b', '2'), w('c', '1')], snapshot: [1] }]);
  });

  it('histories of several shards become one ascending file; a shared version is one record', () => {
    const merged = mergeHistories([
      [{ version: 7, writes: [w('b', '2')], snapshot: [1] }, { version: 9, writes: [w('b', '3')] }],
      [{ version: 5, writes: [w('n', '1')], snapshot: [2] }, { version: 7, writes: [w('p', '1')] }],
    ]);
    expect(merged).toEqual([
      { version: 5, writes: [w('n', '1')], snapshot: [2] },
      { version: 7, writes: [w('b', '2'), w('p', '1')], snapshot: [1] },
      { version: 9, writes: [w('b', '3')] },
    ]);
  });
});
