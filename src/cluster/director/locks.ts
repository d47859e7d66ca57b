import { ms, nodeOf, type CallResult, type TaskBody } from '../../../sim/index.js';
import { mutated } from '../config.js';
import type { LockPhase } from '../events.js';
import type { LockMsg, LockOk, NewerEpochExists } from '../messages.js';
import type { ServiceEntry, ServiceId } from '../types.js';
import { supersededBy } from './newer-epoch.js';
import type { Outcome, Recovery } from './state.js';

export interface LockRound {
  /** Set when a service answered newer_epoch_exists. */
  readonly superseded: Outcome | undefined;
  /** Services that did not accept (timeout, error). */
  readonly failed: readonly ServiceId[];
}

/**
 * Lock `targets` in parallel at this director's epoch. Replies are recorded in the attempt
 * (pid, recovery info); the round ends early on the first `newer_epoch_exists`.
 */
export function* lockServices(
  r: Recovery,
  targets: readonly ServiceEntry[],
  phase: LockPhase,
  timeoutMs: number,
  vacancies?: ReadonlyMap<ServiceId, number>,
): TaskBody<LockRound> {
  const { ctx, d, a } = r;
  // `mislabel-director-events`: first-phase locks are reported as recruitment into made-up vacancies.
  const lie = mutated(d.config, 'mislabel-director-events') && phase === 'first';
  targets.forEach((t, i) => {
    const vacancy = lie ? i + 1 : vacancies?.get(t.id);
    ctx.emit({
      type: 'lock-requested',
      director: ctx.pid,
      epoch: d.epoch,
      attempt: a.number,
      phase: lie ? 'recruitment' : phase,
      service: t.id,
      kind: t.kind,
      ...(vacancy !== undefined ? { vacancy } : {}),
    });
  });
  const results: CallResult[] = yield* ctx.callAll(
    targets.map((t) => ({ to: t.address, msg: { type: 'lock', epoch: d.epoch, director: ctx.pid, attempt: a.number } satisfies LockMsg })),
    { timeout: ms(timeoutMs), until: (res) => res.ok && res.reply.type === 'newer-epoch-exists' },
  );
  let superseded: Outcome | undefined;
  const failed: ServiceId[] = [];
  const oldWins = mutated(d.config, 'carry-over-attempt-state');
  results.forEach((res, i) => {
    const target = targets[i] as ServiceEntry;
    let result: 'ok' | 'newer-epoch-exists' | 'timeout' | 'cancelled' | 'error';
    if (!res.ok) result = res.reason;
    else if (res.reply.type === 'lock-ok') result = 'ok';
    else if (res.reply.type === 'newer-epoch-exists') result = 'newer-epoch-exists';
    else result = 'error';
    ctx.emit({ type: 'lock-result', director: ctx.pid, epoch: d.epoch, phase: lie ? 'recruitment' : phase, service: target.id, result });
    if (result === 'ok' && res.ok) {
      const ok = res.reply as LockOk;
      d.trust(target.id);
      d.trust(nodeOf(target.address));
      // F24 (`carry-over-attempt-state`): a reply an earlier attempt recorded wins over this one.
      if (oldWins && a.locked.has(target.id)) return;
      a.locked.set(target.id, { id: target.id, kind: target.kind, pid: ok.pid, address: target.address });
      if (ok.info.kind === 'log') a.logInfo.set(target.id, ok.info);
      else a.storageInfo.set(target.id, ok.info);
    } else if (result === 'newer-epoch-exists' && res.ok) {
      superseded ??= supersededBy(r, target.id, (res.reply as NewerEpochExists).epoch);
    } else if (result !== 'cancelled') {
      failed.push(target.id);
      // An unanswered lock is the best evidence we have that the node is unreachable.
      d.suspect(target.id);
      d.suspect(nodeOf(target.address));
    }
  });
  return { superseded, failed };
}
