import { ms, type Incoming, type ProcessStart } from '../../../sim/index.js';
import { handleMessages, mutated, type ClusterConfig, type Ctx } from '../config.js';
import { callerIsCurrent } from '../decisions/lock-rule.js';
import type { ClusterEvent } from '../events.js';
import type { CommittedMsg, ConfirmEpochMsg, LockMsg, PullMsg, PushMsg, RecoverFromMsg } from '../messages.js';
import type { Epoch, LogEntry, Pid, ServiceId, Version } from '../types.js';
import { admitRecoveryCall, handleLock } from './locking.js';

/** A log's durable state: its lock and its contiguous chain of entries. */
export interface LogDisk {
  epoch: Epoch | null;
  director: Pid | null;
  /** Sorted by version; after a recovery the first entry is the empty sentinel at `oldest`. */
  entries: LogEntry[];
  oldest: Version;
  last: Version;
  /** Versions up to here are on every log of the generation: storage may apply them (rule 19). */
  committed: Version;
  /** The epoch whose recovery last rebuilt this log, if any (rule 18). */
  recoveredAt: Epoch | null;
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
    const disk = ctx.store.get<LogDisk>('state') ?? { epoch: null, director: null, entries: [], oldest: 0, last: 0, committed: 0, recoveredAt: null };
    ctx.store.set('state', disk);
    // A (re)started log is locked: it serves a generation again only through recovery.
    let mode: LogMode = 'locked';
    let recoveryRun = 0;
    const held = new Map<Version, { incoming: Incoming; msg: PushMsg }>();
    let waitingPulls: { incoming: Incoming; msg: PullMsg }[] = [];
    const noFencing = mutated(config, 'no-fencing');
    const serveUncommitted = mutated(config, 'apply-uncommitted');

    /** Storage pulls see only what every log holds (REF); recovery pulls see everything. */
    const pullLimit = (msg: PullMsg): Version => {
      const top = msg.last ?? disk.last;
      return msg.recovery || serveUncommitted ? top : Math.min(top, disk.committed);
    };

    const answerPull = (incoming: Incoming, msg: PullMsg): boolean => {
      const start = firstAfter(disk.entries, msg.from);
      let end = firstAfter(disk.entries, pullLimit(msg));
      if (end - start > msg.limit) end = start + msg.limit;
      if (start >= end && !msg.recovery) return false;
      incoming.reply?.({ type: 'pull-ok', entries: disk.entries.slice(start, end) });
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
      disk.entries.push({ version: msg.version, writes: msg.writes });
      disk.last = msg.version;
    };

    const advanceCommitted = (version: Version): void => {
      const next = Math.min(version, disk.last);
      if (next <= disk.committed) return;
      disk.committed = next;
      releaseWaitingPulls();
    };

    const onPush = (incoming: Incoming, msg: PushMsg): void => {
      const refuse = (reason: 'locked' | 'stale_epoch' | 'tx_out_of_order'): void => {
        ctx.emit({ type: 'log-push', log: id, callerEpoch: msg.epoch, logEpoch: disk.epoch, version: msg.version, accepted: false, reason });
        incoming.reply?.({ type: 'push-error', reason });
      };
      if (!noFencing && mode !== 'running') return refuse('locked');
      if (!noFencing && !callerIsCurrent(disk.epoch, msg.epoch)) return refuse('stale_epoch');
      if (msg.prev < disk.last) return refuse('tx_out_of_order');
      if (msg.prev > disk.last) {
        held.set(msg.prev, { incoming, msg });
        return;
      }
      let next: { incoming: Incoming; msg: PushMsg } | undefined = { incoming, msg };
      while (next !== undefined) {
        append(next.msg);
        ctx.emit({
          type: 'log-push',
          log: id,
          callerEpoch: next.msg.epoch,
          logEpoch: disk.epoch,
          version: next.msg.version,
          accepted: true,
        });
        next.incoming.reply?.({ type: 'push-ok', version: next.msg.version });
        next = held.get(disk.last);
        if (next !== undefined) held.delete(disk.last);
      }
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
      disk.entries = [{ version: msg.first, writes: [] }];
      disk.oldest = msg.first;
      disk.last = msg.first;
      disk.committed = msg.first;
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
          disk.entries.push(...copied);
          disk.last = msg.last;
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
            return { kind: 'log', oldestVersion: disk.oldest, lastVersion: disk.last, recoveredAt: disk.recoveredAt };
          });
          return;
        case 'push':
          return onPush(incoming, msg as PushMsg);
        case 'committed':
          return onCommitted(msg as CommittedMsg);
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
