import type { Incoming } from '../../../sim/index.js';
import { mutated, reached, type ClusterConfig, type Ctx } from '../config.js';
import { callerIsCurrent, decideLock } from '../decisions/lock-rule.js';
import type { LockMsg } from '../messages.js';
import type { Epoch, Pid, RecoveryInfo, ServiceId, ServiceKind } from '../types.js';

/** The lock a service holds, kept in its durable state. */
export interface LockState {
  epoch: Epoch | null;
  director: Pid | null;
}

/**
 * §3.1, shared by logs and storage: accept a higher epoch (or the same epoch from the same
 * director), record it durably, let the service stop its work (`onAccept`, which returns the
 * recovery info), and answer; otherwise answer `newer-epoch-exists` and change nothing.
 */
export function handleLock(
  ctx: Ctx,
  config: ClusterConfig,
  service: { readonly id: ServiceId; readonly kind: ServiceKind },
  state: LockState,
  incoming: Incoming,
  msg: LockMsg,
  onAccept: () => RecoveryInfo,
): void {
  const verdict = decideLock(state, msg, {
    acceptLowerEpoch: mutated(config, 'accept-stale-lock'),
    acceptEqualEpochFromOthers: mutated(config, 'reuse-epoch-on-restart'),
  });
  if (decideLock(state, msg) === 'newer_epoch_exists') {
    if (decideLock(state, msg, { acceptLowerEpoch: true }) === 'accept') reached(config, 'accept-stale-lock');
    if (decideLock(state, msg, { acceptEqualEpochFromOthers: true }) === 'accept') reached(config, 'reuse-epoch-on-restart');
  }
  if (verdict === 'newer_epoch_exists') {
    ctx.emit({ type: 'lock-refused', service: service.id, kind: service.kind, epoch: msg.epoch, director: msg.director, current: state.epoch });
    incoming.reply?.({ type: 'newer-epoch-exists', epoch: state.epoch ?? 0 });
    return;
  }
  const previous = state.epoch;
  state.epoch = msg.epoch;
  state.director = msg.director;
  const info = onAccept();
  ctx.emit({ type: 'lock-accepted', service: service.id, kind: service.kind, pid: ctx.pid, epoch: msg.epoch, director: msg.director, previous });
  incoming.reply?.({ type: 'lock-ok', pid: ctx.pid, info });
}

/**
 * S5 for the calls that rebuild a service (recover-from, unlock-storage): a caller below the
 * service's epoch is told `newer-epoch-exists` ('stale'); a caller that is not the director holding
 * the lock may not proceed ('not-holder'). F10 (`unchecked-recover-from`) skips both checks.
 */
export function admitRecoveryCall(
  ctx: Ctx,
  config: ClusterConfig,
  service: ServiceId,
  state: LockState,
  incoming: Incoming,
  request: string,
  caller: { readonly epoch: Epoch; readonly director: Pid },
): 'ok' | 'stale' | 'not-holder' {
  const unchecked = mutated(config, 'unchecked-recover-from');
  const admitted = callerIsCurrent(state.epoch, caller.epoch) && caller.epoch === state.epoch && caller.director === state.director;
  if (!admitted) reached(config, 'unchecked-recover-from');
  if (unchecked) return 'ok';
  if (!callerIsCurrent(state.epoch, caller.epoch)) {
    ctx.emit({ type: 'service-refused', service, request, callerEpoch: caller.epoch, current: state.epoch });
    incoming.reply?.({ type: 'newer-epoch-exists', epoch: state.epoch ?? 0 });
    return 'stale';
  }
  return caller.epoch === state.epoch && caller.director === state.director ? 'ok' : 'not-holder';
}
