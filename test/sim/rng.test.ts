import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng.js';

const draws = (r: Rng, n: number): number[] => Array.from({ length: n }, () => r.next());

describe('Rng', () => {
  it('the same seed gives the same stream', () => {
    expect(draws(Rng.fromSeed(7), 20)).toEqual(draws(Rng.fromSeed(7), 20));
    expect(draws(Rng.fromSeed(7), 20)).not.toEqual(draws(Rng.fromSeed(8), 20));
  });

  it('a fork depends on the label only, not on draws made by the parent or siblings', () => {
    const a = Rng.fromSeed(1);
    const b = Rng.fromSeed(1);
    draws(b, 1000);
    draws(b.fork('other'), 50);
    expect(draws(a.fork('network'), 10)).toEqual(draws(b.fork('network'), 10));
    expect(draws(a.fork('network'), 10)).not.toEqual(draws(a.fork('faults'), 10));
  });

  it('int stays in range and pick/shuffle are permutations', () => {
    const r = Rng.fromSeed('x');
    for (let i = 0; i < 1000; i++) {
      const v = r.int(3, 9);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThan(9);
    }
    const items = [1, 2, 3, 4, 5, 6];
    expect(r.shuffle(items).sort()).toEqual(items);
    expect(items).toContain(r.pick(items));
    expect(r.id(8)).toMatch(/^[a-z2-7]{8}$/);
  });
});
