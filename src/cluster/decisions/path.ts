import type { TransactionSystemLayout } from '../types.js';

export type RecoveryPath = 'new-cluster' | 'data';

/**
 * §4.0 (REF, S18): a new cluster iff there is no old layout, or it has neither logs nor storage
 * teams. Never decided from lock results or reachability.
 */
export function determinePath(oldTsl: TransactionSystemLayout | null, nullOnly = false): RecoveryPath {
  if (oldTsl === null) return 'new-cluster';
  // F6: bootstrap detected by strict pattern matching, only when there is no layout at all.
  if (nullOnly) return 'data';
  return oldTsl.logs.length === 0 && oldTsl.storageTeams.length === 0 ? 'new-cluster' : 'data';
}

/** F6: the default layout a coordinator substitutes for "none" (id 0, no logs, no teams). */
export function defaultEmptyLayout(): TransactionSystemLayout {
  return { id: 0, epoch: 0, director: '', sequencer: '', proxies: [], logs: [], storageTeams: [], services: [], versionVector: { first: 0, last: 0 }, durableVersion: 0 };
}
