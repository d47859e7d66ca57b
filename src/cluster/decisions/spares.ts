import type { Epoch } from '../types.js';

/**
 * Rule 18: may a log rebuilt by the recovery of epoch `recoveredAt` be wiped to serve as a new
 * log? Its history is what that epoch's layout relies on, and that layout may have been accepted
 * by a coordinator this director did not hear from. Only once a newer layout is known to be
 * published can no director ever recover from it again. A log never rebuilt holds nothing a
 * layout needs. `knownPublished` is the newest epoch the promising coordinators knew a majority
 * accepted.
 */
export function isFreeSpare(recoveredAt: Epoch | null, knownPublished: Epoch | null): boolean {
  if (recoveredAt === null) return true;
  return knownPublished !== null && recoveredAt < knownPublished;
}
