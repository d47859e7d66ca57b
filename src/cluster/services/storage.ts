import { ms, type Incoming, type ProcessStart } from '../../../sim/index.js';
import { handleMessages, mutated, type ClusterConfig, type Ctx } from '../config.js';
import type { ClusterEvent } from '../events.js';
import type { LockMsg, ReadMsg, UnlockStorageMsg } from '../messages.js';
import type { Epoch, LogEntry, Pid, ProcessAddress, ServiceId, Version } from '../types.js';
import { admitRecoveryCall, handleLock } from './locking.js';
import { VersionedStore } from './versioned-store.js';

/** A storage server's durable state: its lock, the versions it applied, where it pulls from. */
export interface StorageDisk {
  epoch: Epoch | null;
  director: Pid | null;
  running: boolean;
  durableVersion: Version;
  oldestDurableVersion: Version;
  /** Applied versions, ascending (a simple MVCC history). */
  applied: LogEntry[];
  logs: ProcessAddress[];
}

const PULL_LIMIT = 200;
const PULL_TIMEOUT_MS = 1000;
const PULL_BACKOFF_MS = 100;
/** A read at a version this server has not reached waits this long, then is refused. */
const READ_WAIT_MS = 1000;

/**
 * Where storage truncates on unlock: REF keeps nothing above min(durable, recovery version).
 * F28 (`truncate-at-durable-version`) truncates above the durable version only, so a write that
 * reached storage but was never acknowledged everywhere can survive recovery.
 */
export function truncationPoint(durableVersion: Version, recoveryVersion: Version, asIs = false): Version {
  return asIs ? durableVersion : Math.min(durableVersion, recoveryVersion);
}

/**
 * The storage service (§1.5): pulls from the logs of its layout and applies versions in order;
 * a lock stops the puller; `unlock-storage` truncates what recovery discarded and resumes. Reads
 * are served at a version (MVCC), also while locked, once the server has applied that version.
 */
export function storageService(id: ServiceId, config: ClusterConfig): ProcessStart<ClusterEvent> {
  return (ctx: Ctx) => {
    const disk = ctx.store.get<StorageDisk>('state') ?? {
      epoch: null,
      director: null,
      running: false,
      durableVersion: 0,
      oldestDurableVersion: 0,
      applied: [],
      logs: [],
    };
    ctx.store.set('state', disk);
    let pullerRun = 0;
    const data = new VersionedStore(disk.applied);
    let waitingReads: { incoming: Incoming; msg: ReadMsg }[] = [];

    const answerRead = (incoming: Incoming, msg: ReadMsg): void => {
      incoming.reply?.({ type: 'read-ok', values: msg.keys.map((key) => ({ key, value: data.valueAt(key, msg.version) })) });
    };

    const releaseReads = (): void => {
      if (waitingReads.length === 0) return;
      const waiting = waitingReads;
      waitingReads = [];
      for (const w of waiting) {
        if (w.msg.version <= disk.durableVersion) answerRead(w.incoming, w.msg);
        else waitingReads.push(w);
      }
    };

    const onRead = (incoming: Incoming, msg: ReadMsg): void => {
      if (msg.version <= disk.durableVersion) return answerRead(incoming, msg);
      const waiter = { incoming, msg };
      waitingReads.push(waiter);
      ctx.timer(ms(READ_WAIT_MS), () => {
        const at = waitingReads.indexOf(waiter);
        if (at < 0) return;
        waitingReads.splice(at, 1);
        incoming.reply?.({ type: 'read-error', reason: 'future_version' });
      });
    };

    const apply = (entries: readonly LogEntry[]): void => {
      for (const entry of entries) {
        if (entry.version <= disk.durableVersion) continue;
        disk.applied.push(entry);
        data.apply(entry);
        disk.durableVersion = entry.version;
      }
      releaseReads();
    };

    const startPuller = (): void => {
      const run = ++pullerRun;
      ctx.spawn(
        (function* () {
          let next = ctx.rng.int(0, Math.max(1, disk.logs.length));
          while (run === pullerRun && disk.running && disk.logs.length > 0) {
            const log = disk.logs[next % disk.logs.length] as ProcessAddress;
            const result = yield* ctx.call(
              log,
              { type: 'pull', from: disk.durableVersion, limit: PULL_LIMIT, recovery: false },
              { timeout: ms(PULL_TIMEOUT_MS) },
            );
            if (run !== pullerRun) return;
            if (result.ok && result.reply.type === 'pull-ok') {
              apply(result.reply['entries'] as LogEntry[]);
              continue;
            }
            next++;
            yield* ctx.sleep(ms(PULL_BACKOFF_MS));
          }
        })(),
        'puller',
      );
    };

    const onUnlock = (incoming: Incoming, msg: UnlockStorageMsg): void => {
      const admitted = admitRecoveryCall(ctx, config, id, disk, incoming, 'unlock-storage', msg);
      if (admitted === 'stale') return;
      if (admitted === 'not-holder') {
        incoming.reply?.({ type: 'error', reason: 'lock_required' });
        return;
      }
      const point = truncationPoint(msg.durableVersion, msg.recoveryVersion, mutated(config, 'truncate-at-durable-version'));
      const keep = disk.applied.findIndex((e) => e.version > point);
      if (keep >= 0) {
        disk.applied.length = keep;
        data.truncateAbove(point);
      }
      disk.durableVersion = Math.min(disk.durableVersion, point);
      disk.logs = [...msg.logs];
      disk.running = true;
      ctx.emit({
        type: 'storage-unlocked',
        storage: id,
        callerEpoch: msg.epoch,
        storageEpoch: disk.epoch,
        director: msg.director,
        durableVersion: msg.durableVersion,
        recoveryVersion: msg.recoveryVersion,
        truncatedTo: disk.durableVersion,
      });
      startPuller();
      incoming.reply?.({ type: 'unlock-ok' });
    };

    handleMessages(ctx, config, (incoming) => {
      const msg = incoming.msg;
      switch (msg.type) {
        case 'lock':
          handleLock(ctx, config, { id, kind: 'storage' }, disk, incoming, msg as LockMsg, () => {
            disk.running = false;
            pullerRun++;
            return { kind: 'storage', durableVersion: disk.durableVersion, oldestDurableVersion: disk.oldestDurableVersion };
          });
          return;
        case 'unlock-storage':
          return onUnlock(incoming, msg as UnlockStorageMsg);
        case 'read':
          return onRead(incoming, msg as ReadMsg);
        case 'ping':
          incoming.reply?.({ type: 'pong' });
          return;
      }
    });

    // A storage server that was serving before a restart carries on pulling.
    if (disk.running) startPuller();
  };
}
