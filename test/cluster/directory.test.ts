import { describe, expect, it } from 'vitest';
import { mergeDirectory, mergeRegistration } from '../../src/cluster/services/directory.js';
import { entry } from './decisions/fixtures.js';

describe('the coordinators\' directory of services', () => {
  const directory = [entry('a', 'log', 'n4'), entry('b', 'log', 'n4'), entry('c', 'storage', 'n5')];

  it('merging announcements adds and updates entries, never drops one', () => {
    const { merged, changed } = mergeDirectory(directory, [entry('d', 'log', 'n6'), entry('c', 'storage', 'n6')]);
    expect(merged.map((e) => e.address)).toEqual(['a@n4', 'b@n4', 'c@n6', 'd@n6']);
    expect(changed.map((e) => e.id)).toEqual(['d', 'c']);
  });

  it('a node\'s registration lists all its workers: entries at that node it leaves out are gone (F18)', () => {
    const { merged, gone } = mergeRegistration(directory, 'n4', [entry('a', 'log', 'n4'), entry('e', 'log', 'n4')], false);
    expect(gone).toEqual(['b']);
    expect(merged.map((e) => e.id)).toEqual(['a', 'c', 'e']);
  });

  it('a replaced machine announces no workers: everything it hosted is gone; other nodes are untouched', () => {
    expect(mergeRegistration(directory, 'n4', [], false).merged.map((e) => e.id)).toEqual(['c']);
  });

  it('keep-dead-spares (Bedrock) never prunes', () => {
    const { merged, gone } = mergeRegistration(directory, 'n4', [], true);
    expect(gone).toEqual([]);
    expect(merged).toEqual(directory);
  });
});
