import type { Epoch, Pid } from '../types.js';

/** Who holds a service's lock now. `epoch: null` means never locked. */
export interface LockHolder {
  readonly epoch: Epoch | null;
  readonly director: Pid | null;
}

export interface LockRequest {
  readonly epoch: Epoch;
  readonly director: Pid;
}

export type LockVerdict = 'accept' | 'newer_epoch_exists';

export interface LockRuleOptions {
  /** Mutation `accept-stale-lock`: a lower epoch is accepted too. */
  readonly acceptLowerEpoch?: boolean;
  /** AS-IS / F11: an equal epoch is accepted from any director, not only the holder. */
  readonly acceptEqualEpochFromOthers?: boolean;
}

/**
 * §3.1 with the preface's decision 3: accept a higher epoch, or the same epoch from the same
 * director (re-locking is idempotent); anything else is `newer_epoch_exists` and changes nothing.
 */
export function decideLock(holder: LockHolder, request: LockRequest, options: LockRuleOptions = {}): LockVerdict {
  if (holder.epoch === null || request.epoch > holder.epoch) return 'accept';
  if (request.epoch === holder.epoch) {
    if (request.director === holder.director || options.acceptEqualEpochFromOthers === true) return 'accept';
    return 'newer_epoch_exists';
  }
  return options.acceptLowerEpoch === true ? 'accept' : 'newer_epoch_exists';
}

/** S5 fencing: may a service act (push, recoverFrom, unlock) for a caller at `callerEpoch`? */
export function callerIsCurrent(serviceEpoch: Epoch | null, callerEpoch: Epoch): boolean {
  return serviceEpoch === null || callerEpoch >= serviceEpoch;
}
