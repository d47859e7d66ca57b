import { ms, type Incoming, type ProcessStart, type RecordFile } from '../../../sim/index.js';
import { handleMessages, mutated, reached, type ClusterConfig, type Ctx } from '../config.js';
import { callerIsCurrent } from '../decisions/lock-rule.js';
import type { ClusterEvent } from '../events.js';
import type { CommittedMsg, ConfirmEpochMsg, LockMsg, PullMsg, PushMsg, RecoverFromMsg, StorageDurableMsg } from '../messages.js';
import type { Epoch, LogEntry, Pid, ServiceId, Tag, Version } from '../types.js';
import { admitRecoveryCall, handleLock } from './locking.js';

/**
 * A log's small durable state, written through at once: its lock and where its history stands.
 * The entries themselves are in the record file `entries`: appends are durable only once synced.
 */
export interface LogDisk {
  epoch: Epoch | null;
  director: Pid | null;
  /** Entries at or below this have been popped (after a recovery: the sentinel's version). */
  oldest: Version;
  /** Versions up to here are on every log of the generation: storage may apply them (rule 19). */
  committed: Version;
  /** The epoch whose recovery last rebuilt this log, if any (rule 18). */
  recoveredAt: Epoch | null;
  /** The tags it carries and, for each, the storage servers that must have a version before it is popped. */
  teams: { readonly tag: Tag; readonly storageIds: readonly ServiceId[] }[];
}

/** The file a log keeps its entries in (sorted by version; after a recovery the first is the empty sentinel). */
export const LOG_ENTRIES_FILE = 'entries';

/** A log's last version: the newest entry it holds, synced or not. */
export function lastVersion(entries: readonly LogEntry[], oldest: Version): Version {
  return entries.length === 0 ? oldest : (entries[entries.length - 1] as LogEntry).version;
}

/**
 * How far a log may pop: every storage server of every tag it carries has made it durable (and it
 * is committed). A server that has not reported holds everything back.
 */
export function popPoint(teams: LogDisk['teams'], durableOf: ReadonlyMap<ServiceId, Version>, committed: Version): Version {
  let point = committed;
  for (const team of teams) for (const id of team.storageIds) point = Math.min(point, durableOf.get(id) ?? 0);
  return teams.length === 0 ? 0 : point;
}

export type LogMode = 'locked' | 'recovering' | 'running';

const LONG_POLL_MS = 500;

/** Index of the first entry with version > v (entries are sorted). */
export function firstAfter(entries: readonly LogEntry[], v: Version): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((entries[mid] as LogEntry).version <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The log service (§1.4). Starts `locked`; a lock from a higher epoch re-locks it and fences
 * pushes (REF); `recover-from` copies a range from an old log and makes it `running`.
 */
export function logService(id: ServiceId, config: ClusterConfig): ProcessStart<ClusterEvent> {
  return (ctx: Ctx) => {
    const disk = ctx.store.get<LogDisk>('state') ?? { epoch: null, director: null, oldest: 0, committed: 0, recoveredAt: null, teams: [] };
    ctx.store.set('state', disk);
    const file: RecordFile<LogEntry> = ctx.file<LogEntry>(LOG_ENTRIES_FILE);
    const last = (): Version => lastVersion(file.records, disk.oldest);
    /** What each storage server of this log's tags reported durable (volatile: they report again). */
    const durableOf = new Map<ServiceId, Version>();
    const ackBeforeSync = mutated(config, 'ack-before-sync');
    // A (re)started log is locked: it serves a generation again only through recovery.
    let mode: LogMode = 'locked';
    let recoveryRun = 0;
    const held = new Map<Version, { incoming: Incoming; msg: PushMsg }>();
    let waitingPulls: { incoming: Incoming; msg: PullMsg }[] = [];
    const noFencing = mutated(config, 'no-fencing');
    const serveUncommitted = mutated(config, 'apply-uncommitted');

    const answerPull = (incoming: Incoming, msg: PullMsg): boolean => {
      const start = firstAfter(file.records, msg.from);
      // Storage pulls see only what every log holds (REF); recovery pulls see everything.
      const top = msg.last ?? last();
      const servesAll = msg.recovery || serveUncommitted;
      let end = firstAfter(file.records, servesAll ? top : Math.min(top, disk.committed));
      if (!msg.recovery && top > disk.committed) {
        // Entries past the committed version this pull would get: where serving them would differ.
        const toTop = servesAll ? end : firstAfter(file.records, top);
        const toCommitted = servesAll ? firstAfter(file.records, disk.committed) : end;
        if (toTop > Math.max(toCommitted, start)) reached(config, 'apply-uncommitted');
      }
      if (end - start > msg.limit) end = start + msg.limit;
      if (start >= end && !msg.recovery) return false;
      incoming.reply?.({ type: 'pull-ok', entries: file.records.slice(start, end) });
      return true;
    };

    const releaseWaitingPulls = (error?: 'not_ready'): void => {
      const waiting = waitingPulls;
      waitingPulls = [];
      for (const w of waiting) {
        if (error !== undefined) w.incoming.reply?.({ type: 'pull-error', reason: error });
        else if (!answerPull(w.incoming, w.msg)) waitingPulls.push(w);
      }
    };

    const refuseHeld = (): void => {
      for (const h of held.values()) h.incoming.reply?.({ type: 'push-error', reason: 'locked' });
      held.clear();
    };

    const append = (msg: PushMsg): void => {
      file.append({ version: msg.version, writes: msg.writes });
    };

    const advanceCommitted = (version: Version): void => {
      const next = Math.min(version, last());
      if (next <= disk.committed) return;
      disk.committed = next;
      releaseWaitingPulls();
    };

    /** Drop what every storage server of this log's tags has made durable: memory follows live data. */
    const pop = (): void => {
      const point = popPoint(disk.teams, durableOf, disk.committed);
      if (point <= disk.oldest) return;
      file.dropFront(firstAfter(file.records, point));
      disk.oldest = point;
    };

    const onStorageDurable = (msg: StorageDurableMsg): void => {
      if (mode !== 'running' || msg.epoch !== disk.epoch) return;
      if ((durableOf.get(msg.storage) ?? 0) >= msg.version) return;
      durableOf.set(msg.storage, msg.version);
      pop();
    };

    const onPush = (incoming: Incoming, msg: PushMsg): void => {
      const refuse = (reason: 'locked' | 'stale_epoch' | 'tx_out_of_order'): void => {
        ctx.emit({ type: 'log-push', log: id, callerEpoch: msg.epoch, logEpoch: disk.epoch, version: msg.version, accepted: false, reason });
        incoming.reply?.({ type: 'push-error', reason });
      };
      const fenced = mode !== 'running' ? 'locked' : !callerIsCurrent(disk.epoch, msg.epoch) ? 'stale_epoch' : undefined;
      if (fenced !== undefined) {
        reached(config, 'no-fencing');
        if (!noFencing) return refuse(fenced);
      }
      if (msg.prev < last()) return refuse('tx_out_of_order');
      if (msg.prev > last()) {
        held.set(msg.prev, { incoming, msg });
        return;
      }
      const appended: { incoming: Incoming; msg: PushMsg }[] = [];
      let next: { incoming: Incoming; msg: PushMsg } | undefined = { incoming, msg };
      while (next !== undefined) {
        append(next.msg);
        appended.push(next);
        reached(config, 'ack-before-sync');
        ctx.emit({
          type: 'log-push',
          log: id,
          callerEpoch: next.msg.epoch,
          logEpoch: disk.epoch,
          version: next.msg.version,
          accepted: true,
        });
        next = held.get(last());
        if (next !== undefined) held.delete(last());
      }
      // A push is acknowledged only once it is on disk for good; `ack-before-sync` answers at once.
      const acknowledge = (): void => {
        for (const a of appended) a.incoming.reply?.({ type: 'push-ok', version: a.msg.version });
      };
      if (ackBeforeSync) acknowledge();
      ctx.spawn(
        (function* () {
          yield* ctx.sync(file);
          if (!ackBeforeSync) acknowledge();
        })(),
        'sync',
      );
      advanceCommitted(msg.committed);
      releaseWaitingPulls();
    };

    const onCommitted = (msg: CommittedMsg): void => {
      if (mode === 'running' && msg.epoch === disk.epoch) advanceCommitted(msg.version);
    };

    /** A proxy asks before handing out a read version: answer only while serving its epoch. */
    const onConfirmEpoch = (incoming: Incoming, msg: ConfirmEpochMsg): void => {
      if (mode === 'running' && disk.epoch === msg.epoch) incoming.reply?.({ type: 'epoch-live' });
      else incoming.reply?.({ type: 'newer-epoch-exists', epoch: disk.epoch ?? 0 });
    };

    const onPull = (incoming: Incoming, msg: PullMsg): void => {
      if (!msg.recovery && mode !== 'running') {
        incoming.reply?.({ type: 'pull-error', reason: 'not_ready' });
        return;
      }
      // A log serves the storage servers of its own generation. One reused by a newer recovery
      // holds that recovery's history, which a storage server of the generation it served before
      // (one the newer director could not lock) must not apply: that history may never be committed.
      if (!msg.recovery && msg.epoch !== undefined && msg.epoch !== disk.epoch) {
        reached(config, 'serve-other-generation-pulls');
        if (!mutated(config, 'serve-other-generation-pulls')) {
          incoming.reply?.({ type: 'pull-error', reason: 'other_generation' });
          return;
        }
      }
      if (msg.recovery && mode !== 'locked') {
        incoming.reply?.({ type: 'pull-error', reason: 'not_locked' });
        return;
      }
      if (msg.from < disk.oldest) {
        incoming.reply?.({ type: 'pull-error', reason: 'version_too_old' });
        return;
      }
      if (answerPull(incoming, msg)) return;
      // Long poll: answer when something arrives, or empty after a while.
      const waiter = { incoming, msg };
      waitingPulls.push(waiter);
      ctx.timer(ms(LONG_POLL_MS), () => {
        const at = waitingPulls.indexOf(waiter);
        if (at < 0) return;
        waitingPulls.splice(at, 1);
        incoming.reply?.({ type: 'pull-ok', entries: [] });
      });
    };

    const onRecoverFrom = (incoming: Incoming, msg: RecoverFromMsg): void => {
      const admitted = admitRecoveryCall(ctx, config, id, disk, incoming, 'recover-from', msg);
      if (admitted === 'stale') return;
      // Only the director holding the lock may rebuild the log, and only while it is locked.
      if (admitted === 'not-holder' || mode !== 'locked') {
        incoming.reply?.({ type: 'recover-error', reason: 'lock_required' });
        return;
      }
      const run = ++recoveryRun;
      const lockedBy = { epoch: disk.epoch, director: disk.director };
      mode = 'recovering';
      file.rewrite([{ version: msg.first, writes: [] }]);
      disk.oldest = msg.first;
      disk.committed = msg.first;
      disk.teams = [...msg.teams];
      durableOf.clear();
      // From now on this log's history is what epoch msg.epoch's layout relies on.
      disk.recoveredAt = msg.epoch;
      ctx.spawn(
        (function* () {
          let copied: LogEntry[] = [];
          if (msg.source !== null) {
            const result = yield* ctx.call(
              msg.source,
              { type: 'pull', from: msg.first, last: msg.last, limit: Number.MAX_SAFE_INTEGER, recovery: true },
              { timeout: ms(config.params.parallelTaskTimeoutMs) },
            );
            if (run !== recoveryRun) return;
            if (!result.ok || result.reply.type !== 'pull-ok') {
              mode = 'locked';
              incoming.reply?.({ type: 'recover-error', reason: result.ok ? 'source_error' : 'source_log_unavailable' });
              return;
            }
            copied = (result.reply['entries'] as LogEntry[]).filter((e) => e.version > msg.first && e.version <= msg.last);
          }
          // A newer lock may have arrived while copying: then this recovery no longer counts.
          if (run !== recoveryRun || disk.epoch !== lockedBy.epoch || disk.director !== lockedBy.director) {
            incoming.reply?.({ type: 'newer-epoch-exists', epoch: disk.epoch ?? 0 });
            return;
          }
          for (const e of copied) file.append(e);
          // The recovered history must be on disk before the layout that relies on it is built.
          yield* ctx.sync(file);
          if (run !== recoveryRun || disk.epoch !== lockedBy.epoch || disk.director !== lockedBy.director) {
            incoming.reply?.({ type: 'newer-epoch-exists', epoch: disk.epoch ?? 0 });
            return;
          }
          // The recovered history is the new generation's starting point; storage reads it only
          // once the layout is published and the storage servers are unlocked.
          disk.committed = msg.last;
          mode = 'running';
          ctx.emit({
            type: 'log-recovered',
            log: id,
            callerEpoch: msg.epoch,
            logEpoch: disk.epoch,
            director: msg.director,
            source: msg.source,
            first: msg.first,
            last: msg.last,
            copied: copied.length,
          });
          incoming.reply?.({ type: 'recover-ok' });
        })(),
        'recover-from',
      );
    };

    handleMessages(ctx, config, (incoming) => {
      const msg = incoming.msg;
      switch (msg.type) {
        case 'lock':
          handleLock(ctx, config, { id, kind: 'log' }, disk, incoming, msg as LockMsg, () => {
            mode = 'locked';
            recoveryRun++;
            refuseHeld();
            releaseWaitingPulls('not_ready');
            return { kind: 'log', oldestVersion: disk.oldest, lastVersion: last(), recoveredAt: disk.recoveredAt };
          });
          return;
        case 'push':
          return onPush(incoming, msg as PushMsg);
        case 'committed':
          return onCommitted(msg as CommittedMsg);
        case 'storage-durable':
          return onStorageDurable(msg as StorageDurableMsg);
        case 'confirm-epoch':
          return onConfirmEpoch(incoming, msg as ConfirmEpochMsg);
        case 'pull':
          return onPull(incoming, msg as PullMsg);
        case 'recover-from':
          return onRecoverFrom(incoming, msg as RecoverFromMsg);
        case 'ping':
          incoming.reply?.({ type: 'pong' });
          return;
      }
    });
  };
}
