import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairReplay, type ReplayPair } from '../../../src/cluster/decisions/replay.js';

describe('pairReplay (§4.8)', () => {
  const cases: { name: string; newLogs: string[]; old: string[]; expected: ReplayPair[] }[] = [
    {
      name: '§4.8 cycling example: n1..n4 with o1,o2',
      newLogs: ['n1', 'n2', 'n3', 'n4'],
      old: ['o1', 'o2'],
      expected: [
        { target: 'n1', source: 'o1' },
        { target: 'n2', source: 'o2' },
        { target: 'n3', source: 'o1' },
        { target: 'n4', source: 'o2' },
      ],
    },
    {
      name: 'inputs are sorted first',
      newLogs: ['n3', 'n1', 'n4', 'n2'],
      old: ['o2', 'o1'],
      expected: [
        { target: 'n1', source: 'o1' },
        { target: 'n2', source: 'o2' },
        { target: 'n3', source: 'o1' },
        { target: 'n4', source: 'o2' },
      ],
    },
    {
      name: 'more old logs than new: only the first old ones are used',
      newLogs: ['n1', 'n2'],
      old: ['o3', 'o1', 'o2'],
      expected: [
        { target: 'n1', source: 'o1' },
        { target: 'n2', source: 'o2' },
      ],
    },
    {
      name: 'one old log feeds every new log',
      newLogs: ['b', 'a', 'c'],
      old: ['o'],
      expected: [
        { target: 'a', source: 'o' },
        { target: 'b', source: 'o' },
        { target: 'c', source: 'o' },
      ],
    },
    {
      name: 'no old logs (new cluster): every source is null',
      newLogs: ['n2', 'n1'],
      old: [],
      expected: [
        { target: 'n1', source: null },
        { target: 'n2', source: null },
      ],
    },
    { name: 'no new logs: no pairs', newLogs: [], old: ['o1'], expected: [] },
    { name: 'nothing at all: no pairs', newLogs: [], old: [], expected: [] },
  ];

  it.each(cases)('$name', ({ newLogs, old, expected }) => {
    expect(pairReplay(newLogs, old)).toEqual(expected);
  });

  it('does not mutate its inputs', () => {
    const newLogs = ['n2', 'n1'];
    const old = ['o2', 'o1'];
    pairReplay(newLogs, old);
    expect(newLogs).toEqual(['n2', 'n1']);
    expect(old).toEqual(['o2', 'o1']);
  });

  it('property: one pair per new log; every old log is a source when there are at least as many new logs; sources balanced within one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 8 }), fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 5 }), (newLogs, old) => {
        const pairs = pairReplay(newLogs, old);
        expect(pairs.map((p) => p.target)).toEqual([...newLogs].sort());
        if (old.length === 0) {
          expect(pairs.every((p) => p.source === null)).toBe(true);
          return;
        }
        const counts = new Map<string, number>();
        for (const p of pairs) {
          expect(old).toContain(p.source);
          counts.set(p.source as string, (counts.get(p.source as string) ?? 0) + 1);
        }
        if (newLogs.length >= old.length) expect(counts.size).toBe(old.length);
        const values = [...counts.values()];
        if (values.length > 0) expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
