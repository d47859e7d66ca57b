import type { Epoch } from '../types.js';

/**
 * Rule 18: may a log rebuilt by the recovery of epoch `recoveredAt` be wiped to serve as a new
 * log of the director of epoch `ownEpoch`? Its history is what that epoch's layout relies on, and
 * that layout may have been accepted by a coordinator this director did not hear from. Only once
 * a newer layout is known to be published can no director ever recover from it again. A log never
 * rebuilt holds nothing a layout needs, and one rebuilt by an earlier attempt of this very director
 * is in no layout: a director sends its layout out only in its last step, once. `knownPublished`
 * is the newest epoch the promising coordinators knew a majority accepted.
 */
export function isFreeSpare(recoveredAt: Epoch | null, knownPublished: Epoch | null, ownEpoch: Epoch): boolean {
  if (recoveredAt === null || recoveredAt === ownEpoch) return true;
  return knownPublished !== null && recoveredAt < knownPublished;
}
