import { describe, expect, it } from 'vitest';
import { nextTerm, ownerOfTerm } from '../../../src/cluster/decisions/terms.js';

describe('nextTerm / ownerOfTerm (decision 2: terms never collide)', () => {
  const cases: { name: string; maxSeen: number; index: number; count: number; expected: number }[] = [
    { name: 'coordinator 0 of 3 from 0 → term 1', maxSeen: 0, index: 0, count: 3, expected: 1 },
    { name: 'coordinator 1 of 3 from 0 → term 2', maxSeen: 0, index: 1, count: 3, expected: 2 },
    { name: 'coordinator 2 of 3 from 0 → term 3', maxSeen: 0, index: 2, count: 3, expected: 3 },
    { name: 'coordinator 0 of 3 after seeing 1 → term 4', maxSeen: 1, index: 0, count: 3, expected: 4 },
    { name: 'coordinator 1 of 3 after seeing 1 → term 2', maxSeen: 1, index: 1, count: 3, expected: 2 },
    { name: 'coordinator 2 of 5 after seeing 7 → term 8', maxSeen: 7, index: 2, count: 5, expected: 8 },
    { name: 'coordinator 0 of 5 after seeing 7 → term 11', maxSeen: 7, index: 0, count: 5, expected: 11 },
    { name: 'a single coordinator takes every next term', maxSeen: 41, index: 0, count: 1, expected: 42 },
  ];
  it.each(cases)('$name', ({ maxSeen, index, count, expected }) => {
    expect(nextTerm(maxSeen, index, count)).toBe(expected);
  });

  it.each([
    { term: 1, count: 3, owner: 0 },
    { term: 2, count: 3, owner: 1 },
    { term: 3, count: 3, owner: 2 },
    { term: 4, count: 3, owner: 0 },
    { term: 10, count: 5, owner: 4 },
    { term: 7, count: 1, owner: 0 },
  ])('term $term of $count coordinators belongs to coordinator $owner', ({ term, count, owner }) => {
    expect(ownerOfTerm(term, count)).toBe(owner);
  });

  it('exhaustive, count 1..5, maxSeen 0..50: above maxSeen, owned by the caller, the smallest such, and distinct per coordinator', () => {
    let checked = 0;
    for (let count = 1; count <= 5; count++) {
      for (let maxSeen = 0; maxSeen <= 50; maxSeen++) {
        const terms = new Set<number>();
        for (let i = 0; i < count; i++) {
          const t = nextTerm(maxSeen, i, count);
          expect(t).toBeGreaterThan(maxSeen);
          expect(ownerOfTerm(t, count)).toBe(i);
          for (let smaller = maxSeen + 1; smaller < t; smaller++) expect(ownerOfTerm(smaller, count)).not.toBe(i);
          expect(t - maxSeen).toBeLessThanOrEqual(count);
          terms.add(t);
          checked++;
        }
        // the next `count` terms are split one each among the coordinators
        expect([...terms].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, k) => maxSeen + 1 + k));
      }
    }
    expect(checked).toBe(51 * (1 + 2 + 3 + 4 + 5));
  });

  it('no two coordinators ever own the same term (count 1..5, terms 1..200)', () => {
    for (let count = 1; count <= 5; count++) {
      for (let term = 1; term <= 200; term++) {
        const owners = Array.from({ length: count }, (_, i) => i).filter((i) => nextTerm(term - 1, i, count) === term);
        expect(owners).toEqual([ownerOfTerm(term, count)]);
      }
    }
  });
});
