import { ms, type CallResult } from '../../../../sim/index.js';
import { layoutProblems, referencedIds } from '../../decisions/layout.js';
import type { NewerEpochExists } from '../../messages.js';
import type { LogDescriptor, ServiceDescriptor, StorageTeam, TransactionSystemLayout } from '../../types.js';
import { supersededBy } from '../newer-epoch.js';
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
 * §4.12: validate and build the layout, unlock the proxies with it, then unlock the storage
 * servers this attempt locked (truncating what recovery discarded). All before publishing.
 */
export function* layoutBuildAndUnlock(r: Recovery): Phase {
  const { ctx, d, a } = r;
  const tsl = buildLayout(r);
  const problems = layoutProblems(tsl);
  if (problems.length > 0) return stalled('recovery_system_failed', `invalid_recovery_state: ${problems.join('; ')}`);
  a.tsl = tsl;
  ctx.emit({ type: 'layout-built', director: ctx.pid, epoch: d.epoch, tsl, oldTsl: d.oldTsl });

  const proxies: CallResult[] = yield* ctx.callAll(
    a.proxies.map((to) => ({ to, msg: { type: 'unlock-proxy', lockToken: d.lockToken, tsl } })),
    { timeout: ms(d.params.parallelTaskTimeoutMs) },
  );
  if (proxies.some((res) => !res.ok || res.reply.type !== 'unlock-ok')) return stalled('recovery_system_failed', 'unlock_failed: commit proxy');

  const logAddresses = tsl.services.filter((s) => s.kind === 'log').map((s) => s.address);
  const storage = [...a.locked.values()].filter((s) => s.kind === 'storage' && tsl.storageTeams.some((t) => t.storageIds.includes(s.id)));
  const unlocks: CallResult[] = yield* ctx.callAll(
    storage.map((s) => ({
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
  const failed: string[] = [];
  for (let i = 0; i < unlocks.length; i++) {
    const res = unlocks[i] as CallResult;
    const id = (storage[i] as { id: string }).id;
    if (res.ok && res.reply.type === 'newer-epoch-exists') return supersededBy(r, id, (res.reply as NewerEpochExists).epoch);
    if (!res.ok || res.reply.type !== 'unlock-ok') failed.push(id);
  }
  if (failed.length > 0) return stalled('recovery_system_failed', `unlock_failed: storage ${failed.join(',')}`);
  return undefined;
}
