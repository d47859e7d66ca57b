import { describe, expect, it } from 'vitest';
import { PctOrdering, Rng } from '../../sim/index.js';

describe('PctOrdering: racing deliveries follow their receivers\' priorities', () => {
  it('gives each receiver one place in the window, the same for every message until a change point', () => {
    const pct = new PctOrdering(Rng.fromSeed(7), 0);
    const first = ['a', 'b', 'c'].map((r) => pct.place(r, 1000));
    for (let i = 0; i < 50; i++) expect(['a', 'b', 'c'].map((r) => pct.place(r, 1000))).toEqual(first);
    for (const p of first) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1000);
    }
  });

  it('demotes the receiver of the message at a change point below every other, for good', () => {
    // One change point among the first 10 messages; find it by watching for a receiver moving to the end.
    const pct = new PctOrdering(Rng.fromSeed(3), 1, 10);
    const places: number[][] = [];
    for (let i = 0; i < 10; i++) places.push(['a', 'b', 'c', 'd'].map((r) => pct.place(r, 1000)));
    const last = places.at(-1) ?? [];
    expect(last.filter((p) => p === 1000).length).toBeGreaterThanOrEqual(1);
    expect(places[0]).not.toEqual(last);
  });

  it('is a function of the seed alone', () => {
    const run = (seed: number) => {
      const pct = new PctOrdering(Rng.fromSeed(seed), 3, 100);
      return Array.from({ length: 200 }, (_, i) => pct.place(`p${i % 7}`, 1500));
    };
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });
});
