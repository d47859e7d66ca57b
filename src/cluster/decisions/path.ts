import type { TransactionSystemLayout } from '../types.js';

export type RecoveryPath = 'new-cluster' | 'data';

/**
 * §4.0 (REF, S18): a new cluster iff there is no old layout, or it has neither logs nor storage
 * teams. Never decided from lock results or reachability.
 */
export function determinePath(oldTsl: TransactionSystemLayout | null): RecoveryPath {
  if (oldTsl === null) return 'new-cluster';
  return oldTsl.logs.length === 0 && oldTsl.storageTeams.length === 0 ? 'new-cluster' : 'data';
}
