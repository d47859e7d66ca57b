import { describe, expect, it } from 'vitest';
import { VersionedStore } from '../../src/cluster/services/versioned-store.js';

describe('a storage server\'s multi-version view', () => {
  const history = [
    { version: 2, writes: [{ key: 'a', value: 'a2' }] },
    { version: 3, writes: [] },
    { version: 5, writes: [{ key: 'a', value: 'a5' }, { key: 'b', value: 'b5' }, { key: 'a', value: 'a5-last' }] },
  ];

  it('a read at a version sees the last write at or below it (the last of a batch wins)', () => {
    const store = new VersionedStore(history);
    expect([1, 2, 4, 5, 9].map((v) => store.valueAt('a', v))).toEqual([null, 'a2', 'a2', 'a5-last', 'a5-last']);
    expect(store.valueAt('b', 4)).toBeNull();
    expect(store.valueAt('zz', 9)).toBeNull();
  });

  it('truncation forgets every write above the point', () => {
    const store = new VersionedStore(history);
    store.truncateAbove(3);
    expect(store.valueAt('a', 9)).toBe('a2');
    expect(store.valueAt('b', 9)).toBeNull();
  });
});
