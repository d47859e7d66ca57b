import seedrandom from 'seedrandom';

/**
 * A seeded random stream. Each consumer forks its own stream by label, so that adding a
 * consumer (or drawing more numbers in one) never shifts the draws of another: the derived
 * seed depends on the root seed and the label path only, never on draws already made.
 */
export class Rng {
  readonly path: string;
  private readonly prng: seedrandom.PRNG;

  private constructor(path: string, prng: seedrandom.PRNG) {
    this.path = path;
    this.prng = prng;
  }

  static fromSeed(seed: number | string): Rng {
    const path = String(seed);
    return new Rng(path, seedrandom.xor4096(path));
  }

  /** An independent stream for `label`; the same label always gives the same stream. */
  fork(label: string): Rng {
    const path = `${this.path}/${label}`;
    return new Rng(path, seedrandom.xor4096(path));
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng();
  }

  /** Uniform integer in [lo, hi). */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return lo + Math.floor(this.prng() * (hi - lo));
  }

  /** Uniform integer in [lo, hi], both ends included. */
  intInclusive(lo: number, hi: number): number {
    return this.int(lo, hi + 1);
  }

  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.prng() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(0, items.length)] as T;
  }

  /** A new array with the items in a seeded order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** Exponentially distributed value with the given mean (for Poisson arrivals). */
  exponential(mean: number): number {
    return -Math.log(1 - this.prng()) * mean;
  }

  /** `length` characters of lowercase base32, the shape of Bedrock's service ids. */
  id(length = 8): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, 32)];
    return out;
  }
}
