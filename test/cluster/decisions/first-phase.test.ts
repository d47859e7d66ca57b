import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oldLayoutServiceIds, servicesToLockFirst } from '../../../src/cluster/decisions/first-phase.js';
import type { ServiceEntry, TransactionSystemLayout } from '../../../src/cluster/types.js';
import { entry, log, team, tsl } from './fixtures.js';

// A directory with old-layout logs (l1, l2), old storage (s1..s3), spares of both kinds (l9, s9).
const directory: ServiceEntry[] = [
  entry('s3', 'storage', 'n3'),
  entry('l9', 'log', 'n4'),
  entry('l2', 'log', 'n2'),
  entry('s1', 'storage', 'n1'),
  entry('s9', 'storage', 'n4'),
  entry('l1', 'log', 'n1'),
  entry('s2', 'storage', 'n2'),
];

const oldLayout = tsl({
  logs: [log('l2'), log('l1')],
  storageTeams: [team(0, ['s1', 's2', 's3']), team(1, ['s3', 's2', 's1'])],
});

const ids = (entries: readonly ServiceEntry[]): string[] => entries.map((e) => e.id);

describe('servicesToLockFirst (§3.3 phase 1, S8)', () => {
  const cases: { name: string; old: TransactionSystemLayout | null; dir: ServiceEntry[]; lockAll?: boolean; expected: string[] }[] = [
    { name: 'null old layout (epoch 1, seed 002) locks nothing', old: null, dir: directory, expected: [] },
    { name: 'null old layout with an empty directory locks nothing', old: null, dir: [], expected: [] },
    { name: 'empty old layout locks nothing, not even spares', old: tsl(), dir: directory, expected: [] },
    { name: 'old logs plus storage members, spares (l9, s9) never locked, sorted', old: oldLayout, dir: directory, expected: ['l1', 'l2', 's1', 's2', 's3'] },
    { name: 'logs only', old: tsl({ logs: [log('l1'), log('l2')] }), dir: directory, expected: ['l1', 'l2'] },
    { name: 'storage only', old: tsl({ storageTeams: [team(0, ['s2'])] }), dir: directory, expected: ['s2'] },
    {
      name: 'ids missing from the directory are skipped silently',
      old: tsl({ logs: [log('l1'), log('gone-log')], storageTeams: [team(0, ['s1', 'gone-storage'])] }),
      dir: directory,
      expected: ['l1', 's1'],
    },
    { name: 'nothing of the old layout in the directory: nothing locked', old: tsl({ logs: [log('x')], storageTeams: [team(0, ['y'])] }), dir: directory, expected: [] },
    {
      name: 'a member shared by two teams is listed once',
      old: tsl({ logs: [log('l1')], storageTeams: [team(0, ['s1', 's2']), team(1, ['s2', 's3'])] }),
      dir: directory,
      expected: ['l1', 's1', 's2', 's3'],
    },
    {
      name: 'an id that is both an old log and a storage member (odd layout) is listed once',
      old: tsl({ logs: [log('s1')], storageTeams: [team(0, ['s1'])] }),
      dir: directory,
      expected: ['s1'],
    },
    { name: 'lockAll (F1) returns the whole directory, sorted', old: oldLayout, dir: directory, lockAll: true, expected: ['l1', 'l2', 'l9', 's1', 's2', 's3', 's9'] },
    { name: 'lockAll (F1) with a null old layout still returns the whole directory', old: null, dir: directory, lockAll: true, expected: ['l1', 'l2', 'l9', 's1', 's2', 's3', 's9'] },
    { name: 'lockAll=false explicitly is REF', old: oldLayout, dir: directory, lockAll: false, expected: ['l1', 'l2', 's1', 's2', 's3'] },
  ];

  it.each(cases)('$name', ({ old, dir, lockAll, expected }) => {
    expect(ids(servicesToLockFirst(old, dir, lockAll))).toEqual(expected);
  });

  it('returns the directory entries themselves (kind and address kept)', () => {
    const result = servicesToLockFirst(oldLayout, directory);
    expect(result).toContainEqual(entry('s3', 'storage', 'n3'));
    expect(result).toContainEqual(entry('l1', 'log', 'n1'));
    expect(result.every((e) => directory.includes(e))).toBe(true);
  });

  it('does not mutate the directory it is given', () => {
    const copy = [...directory];
    servicesToLockFirst(oldLayout, directory, true);
    servicesToLockFirst(oldLayout, directory);
    expect(directory).toEqual(copy);
  });

  it('property: result = directory ∩ old layout, sorted, without duplicates', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    fc.assert(
      fc.property(
        fc.uniqueArray(id, { maxLength: 8 }),
        fc.array(fc.array(id, { maxLength: 4 }), { maxLength: 3 }),
        fc.uniqueArray(id, { maxLength: 8 }),
        (logIds, teams, dirIds) => {
          const old = tsl({ logs: logIds.map((i) => log(i)), storageTeams: teams.map((m, t) => team(t, m)) });
          const dir = dirIds.map((i) => entry(i));
          const result = ids(servicesToLockFirst(old, dir));
          const wanted = new Set([...logIds, ...teams.flat()]);
          expect(result).toEqual(dirIds.filter((i) => wanted.has(i)).sort());
        },
      ),
    );
  });
});

describe('oldLayoutServiceIds', () => {
  const cases: { name: string; old: TransactionSystemLayout | null; expected: string[] }[] = [
    { name: 'null layout has none', old: null, expected: [] },
    { name: 'empty layout has none', old: tsl(), expected: [] },
    { name: 'logs and team members, sorted, once each', old: oldLayout, expected: ['l1', 'l2', 's1', 's2', 's3'] },
    { name: 'includes ids the directory may not know', old: tsl({ logs: [log('zz')], storageTeams: [team(0, ['aa', 'zz'])] }), expected: ['aa', 'zz'] },
  ];

  it.each(cases)('$name', ({ old, expected }) => {
    expect(oldLayoutServiceIds(old)).toEqual(expected);
  });
});
