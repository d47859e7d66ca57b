import { ms, type CallResult, type TaskBody } from '../../../sim/index.js';
import { mutated } from '../config.js';
import { holdsShard } from '../decisions/durable-version.js';
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
 * Where a server new to its teams copies each shard from: the other old members of the team that
 * answered the lock holding its shard with a durable version at least the recovery's durable
 * version (the quorum guarantees one), to try in turn. Undefined for an old member that holds
 * every shard it serves, which keeps its history and only truncates. An old member that lacks one
 * (its unlock into that team never came) is new to its teams: it copies them all.
 */
export function backfillSources(r: Recovery, tsl: TransactionSystemLayout, id: string): { tag: number; from: string[] }[] | undefined {
  const { d, a } = r;
  const oldTeams = d.oldTsl?.storageTeams ?? [];
  const trust = mutated(d.config, 'trust-member-history');
  const holds = (m: string, tag: number): boolean => {
    const info = a.storageInfo.get(m);
    return trust || (info !== undefined && holdsShard(info, tag));
  };
  const serves = tsl.storageTeams.filter((t) => t.storageIds.includes(id)).map((t) => t.tag);
  if (oldTeams.some((t) => t.storageIds.includes(id)) && serves.every((tag) => holds(id, tag))) return undefined;
  const sources: { tag: number; from: string[] }[] = [];
  for (const team of tsl.storageTeams) {
    if (!team.storageIds.includes(id)) continue;
    const old = oldTeams.find((t) => t.tag === team.tag);
    if (old === undefined) continue;
    const from = old.storageIds
      .filter((m) => m !== id && holds(m, team.tag) && (a.storageInfo.get(m)?.durableVersion ?? -1) >= a.durableVersion)
      .sort()
      .map((m) => a.locked.get(m)?.address)
      .filter((address): address is string => address !== undefined);
    sources.push({ tag: team.tag, from });
  }
  return sources;
}

/**
 * §4.12 step 3 for storage: tell each server its shards, the durable and recovery versions (an old
 * member truncates what recovery discarded; a new one back-fills from its teammates) and the new
 * layout's logs to pull from, with their tags.
 */
export function* unlockStorage(r: Recovery, tsl: TransactionSystemLayout, targets: readonly LockedService[]): TaskBody<StorageUnlockRound> {
  const { ctx, d, a } = r;
  const logs = tsl.logs.map((l) => ({ address: tsl.services.find((s) => s.id === l.id)?.address ?? '', tags: l.tags })).filter((l) => l.address !== '');
  const results: CallResult[] = yield* ctx.callAll(
    targets.map((s) => {
      const backfill = backfillSources(r, tsl, s.id);
      // To the address, not the pid that answered the lock: the lock is on disk, so a server restarted
      // since then still holds it and can be unlocked.
      return {
        to: s.address,
        msg: {
          type: 'unlock-storage',
          epoch: d.epoch,
          director: ctx.pid,
          durableVersion: a.durableVersion,
          recoveryVersion: a.versionVector.last,
          logs,
          shards: tsl.storageTeams.filter((t) => t.storageIds.includes(s.id)).map((t) => ({ tag: t.tag, keyRange: t.keyRange })),
          ...(backfill !== undefined ? { backfill } : {}),
        },
      };
    }),
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
