import { describe, expect, it } from 'vitest';
import { coverage, Segment } from '../../src/report/merge-coverage.js';

function segment(file: string, seeds: readonly number[]): Segment {
  const s = new Segment(file);
  for (const seed of seeds) expect(s.add(seed)).toBeUndefined();
  return s;
}

describe('merge coverage', () => {
  it('keeps consecutive seeds as runs, and refuses a repeated or backward seed', () => {
    const s = segment('a', [1, 2, 3, 7, 8]);
    expect(s.runs).toEqual([
      { first: 1, last: 3 },
      { first: 7, last: 8 },
    ]);
    expect(s.add(8)).toBe('repeated');
    expect(s.add(5)).toBe('out-of-order');
    expect(s.lines).toBe(5);
  });

  it('finds the gaps of a range, first few shown and all counted', () => {
    const c = coverage({ first: 1, last: 20 }, [segment('a', [2, 3]), segment('b', [5, 7, 9, 11, 13, 15])]);
    expect(c.held).toBe(8);
    expect(c.size).toBe(20);
    expect(c.gapCount).toBe(8);
    expect(c.gaps).toEqual([
      { first: 1, last: 1 },
      { first: 4, last: 4 },
      { first: 6, last: 6 },
      { first: 8, last: 8 },
      { first: 10, last: 10 },
    ]);
    expect(c.overlap).toBeUndefined();
  });

  it('interleaved files that hold each seed once cover the range; a seed in two files is an overlap', () => {
    expect(coverage({ first: 1, last: 6 }, [segment('a', [1, 3, 5]), segment('b', [2, 4, 6])])).toMatchObject({ held: 6, gapCount: 0 });
    expect(coverage({ first: 1, last: 6 }, [segment('a', [1, 2, 3, 4]), segment('b', [4, 5, 6])]).overlap).toEqual({ seed: 4, files: ['a', 'b'] });
  });
});
