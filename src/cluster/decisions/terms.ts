import type { Epoch } from '../types.js';

/**
 * The smallest term above `maxSeen` that belongs to coordinator `index` of `count`
 * (terms t with (t - 1) mod count == index). Distinct coordinators can never pick the same
 * term, so two leaders, and two directors, never share an epoch. Coordinator 0's first term is 1.
 */
export function nextTerm(maxSeen: Epoch, index: number, count: number): Epoch {
  const base = maxSeen + 1;
  const offset = (((index - (base - 1)) % count) + count) % count;
  return base + offset;
}

export function ownerOfTerm(term: Epoch, count: number): number {
  return (((term - 1) % count) + count) % count;
}
