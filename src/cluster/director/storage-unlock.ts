import { ms, type CallResult, type TaskBody } from '../../../sim/index.js';
import type { NewerEpochExists } from '../messages.js';
import type { TransactionSystemLayout } from '../types.js';
import { supersededBy } from './newer-epoch.js';
import type { LockedService, Outcome, Recovery } from './state.js';

export interface StorageUnlockRound {
  /** Set when a storage server answered newer_epoch_exists. */
  readonly superseded: Outcome | undefined;
  readonly failed: readonly LockedService[];
}

/** The storage servers of `tsl`'s teams that this attempt locked: the ones it may unlock. */
export function storageToUnlock(r: Recovery, tsl: TransactionSystemLayout): LockedService[] {
  return [...r.a.locked.values()].filter((s) => s.kind === 'storage' && tsl.storageTeams.some((t) => t.storageIds.includes(s.id)));
}

/**
 * §4.12 step 3 for storage: tell each server the durable and recovery versions (it truncates
 * what recovery discarded) and the new layout's logs to pull from.
 */
export function* unlockStorage(r: Recovery, tsl: TransactionSystemLayout, targets: readonly LockedService[]): TaskBody<StorageUnlockRound> {
  const { ctx, d, a } = r;
  const logAddresses = tsl.services.filter((s) => s.kind === 'log').map((s) => s.address);
  const results: CallResult[] = yield* ctx.callAll(
    targets.map((s) => ({
      to: s.pid,
      msg: {
        type: 'unlock-storage',
        epoch: d.epoch,
        director: ctx.pid,
        durableVersion: a.durableVersion,
        recoveryVersion: a.versionVector.last,
        logs: logAddresses,
      },
    })),
    { timeout: ms(d.params.storageUnlockTimeoutMs), until: (res) => res.ok && res.reply.type === 'newer-epoch-exists' },
  );
  const failed: LockedService[] = [];
  for (let i = 0; i < results.length; i++) {
    const res = results[i] as CallResult;
    const target = targets[i] as LockedService;
    if (res.ok && res.reply.type === 'newer-epoch-exists') {
      return { superseded: supersededBy(r, target.id, (res.reply as NewerEpochExists).epoch), failed: [] };
    }
    if (!res.ok || res.reply.type !== 'unlock-ok') failed.push(target);
  }
  return { superseded: undefined, failed };
}
