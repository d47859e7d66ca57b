import { ms, type CallResult } from '../../../../sim/index.js';
import { mutated, reached } from '../../config.js';
import { layoutProblems, referencedIds } from '../../decisions/layout.js';
import type { LogDescriptor, ServiceDescriptor, StorageTeam, TransactionSystemLayout } from '../../types.js';
import { storageToUnlock, unlockStorage } from '../storage-unlock.js';
import { stalled, type Phase, type Recovery } from '../state.js';

/** §4.12 step 2: the layout, with a service entry for every referenced id the directory knows. */
export function buildLayout(r: Recovery): TransactionSystemLayout {
  const { ctx, d, a } = r;
  const services: ServiceDescriptor[] = [];
  for (const id of referencedIds(a.layout)) {
    const entry = d.directory.get(id);
    if (entry === undefined) continue;
    const locked = a.locked.get(id);
    services.push({ id, kind: entry.kind, address: entry.address, status: locked !== undefined ? { up: locked.pid } : 'down' });
  }
  return {
    id: ctx.rng.int(1, 1_000_001),
    epoch: d.epoch,
    director: ctx.pid,
    sequencer: a.sequencer ?? '',
    proxies: [...a.proxies],
    logs: a.layout.logs as readonly LogDescriptor[],
    storageTeams: a.layout.storageTeams as readonly StorageTeam[],
    services,
    versionVector: a.versionVector,
    durableVersion: a.durableVersion,
  };
}

/**
 * §4.12: validate and build the layout and unlock the proxies with it (the persistence
 * transaction needs one). Storage servers stay locked until the layout is published (rule 19):
 * a server that pulled from a generation that is never published would hold history the next
 * recovery may give to other commits. `unlock-storage-before-publish` unlocks them here, as Bedrock.
 */
export function* layoutBuildAndUnlock(r: Recovery): Phase {
  const { ctx, d, a } = r;
  const tsl = buildLayout(r);
  const problems = layoutProblems(tsl);
  if (problems.length > 0) return stalled('recovery_system_failed', `invalid_recovery_state: ${problems.join('; ')}`);
  a.tsl = tsl;
  ctx.emit({ type: 'layout-built', director: ctx.pid, epoch: d.epoch, tsl, oldTsl: reportedOldLayout(r) });

  const proxies: CallResult[] = yield* ctx.callAll(
    a.proxies.map((to) => ({ to, msg: { type: 'unlock-proxy', lockToken: d.lockToken, tsl } })),
    { timeout: ms(d.params.parallelTaskTimeoutMs) },
  );
  if (proxies.some((res) => !res.ok || res.reply.type !== 'unlock-ok')) return stalled('recovery_system_failed', 'unlock_failed: commit proxy');

  a.storageToUnlock = storageToUnlock(r, tsl);
  if (a.storageToUnlock.length > 0) reached(d.config, 'unlock-storage-before-publish');
  if (!mutated(d.config, 'unlock-storage-before-publish')) return undefined;
  const round = yield* unlockStorage(r, tsl, a.storageToUnlock);
  if (round.superseded !== undefined) return round.superseded;
  if (round.failed.length > 0) return stalled('recovery_system_failed', `unlock_failed: storage ${round.failed.map((s) => s.id).join(',')}`);
  a.storageToUnlock = [];
  return undefined;
}

/**
 * After publication (rule 19): unlock the layout's storage servers. The layout is live whatever
 * happens here, so a server that does not answer is left to the running director, which keeps
 * trying; only newer_epoch_exists ends the director.
 */
export function* storageUnlockAfterPublish(r: Recovery): Phase {
  const { a } = r;
  if (a.tsl === null || a.storageToUnlock.length === 0) return undefined;
  const round = yield* unlockStorage(r, a.tsl, a.storageToUnlock);
  if (round.superseded !== undefined) return round.superseded;
  a.storageToUnlock = [...round.failed];
  return undefined;
}

/** The old layout the director reports in its events: a lie under `mislabel-director-events`. */
function reportedOldLayout(r: Recovery): TransactionSystemLayout | null {
  if (!mutated(r.d.config, 'mislabel-director-events')) return r.d.oldTsl;
  return null;
}
