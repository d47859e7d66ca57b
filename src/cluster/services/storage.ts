import { ms, type CallResult, type Incoming, type ProcessStart, type RecordFile } from '../../../sim/index.js';
import { handleMessages, mutated, reached, type ClusterConfig, type Ctx } from '../config.js';
import { writesIn } from '../decisions/shards.js';
import type { ClusterEvent } from '../events.js';
import type { FetchHistoryMsg, LockMsg, LogRoute, ReadMsg, ShardRange, UnlockStorageMsg } from '../messages.js';
import type { Epoch, LogEntry, Pid, ServiceId, StoredEntry, Tag, Version } from '../types.js';
import { admitRecoveryCall, handleLock } from './locking.js';
import { compactRecords, historyFor, mergeHistories, snapshotVersion } from './storage-compaction.js';
import { pullSources, mergePulled } from './storage-pull.js';
import { VersionedStore } from './versioned-store.js';

/**
 * A storage server's small durable state, written through at once: its lock, its shards, how far
 * it has durably applied, where it pulls from. The versions it applied (those with writes for its
 * shards) are in the record file `applied`; `durableVersion` moves only once they are synced.
 */
export interface StorageDisk {
  epoch: Epoch | null;
  director: Pid | null;
  running: boolean;
  durableVersion: Version;
  oldestDurableVersion: Version;
  /** The shards it serves (set at unlock); it keeps only their writes. */
  shards: ShardRange[];
  /**
   * The shards whose whole history it holds up to its durable version: those of an unlock that kept
   * it in its teams, or those it finished back-filling. A server recruited into a team whose unlock
   * never came holds nothing of that team's shard.
   */
  holds: Tag[];
  logs: LogRoute[];
}

/** The file a storage server keeps its applied versions in (ascending; only versions with writes). */
export const STORAGE_APPLIED_FILE = 'applied';

/** How often at most a storage server tells its logs how far it is durable (they pop below it). */
const REPORT_EVERY_MS = 200;

const PULL_LIMIT = 200;
const PULL_TIMEOUT_MS = 1000;
const PULL_BACKOFF_MS = 100;
/** A read at a version this server has not reached waits this long, then is refused. */
const READ_WAIT_MS = 1000;
/** How long a back-filling server waits for one teammate before asking the next. */
const BACKFILL_TIMEOUT_MS = 1000;
/** Back-fill rounds before giving up (teammates a little apart catch up between rounds). */
const BACKFILL_ROUNDS = 3;
/**
 * The MVCC window: versions made durable longer ago than this are folded into a snapshot, so a
 * server's memory follows its data, not the run's length; a read below the snapshot is refused
 * (FoundationDB's transaction_too_old).
 */
const MVCC_WINDOW_MS = 5000;
/** Compact only once this many versions can be folded. */
const COMPACT_MIN_RECORDS = 64;

/**
 * Where storage truncates on unlock: REF keeps nothing above min(durable, recovery version).
 * F28 (`truncate-at-durable-version`) truncates above the durable version only, so a write that
 * reached storage but was never acknowledged everywhere can survive recovery.
 */
export function truncationPoint(durableVersion: Version, recoveryVersion: Version, asIs = false): Version {
  return asIs ? durableVersion : Math.min(durableVersion, recoveryVersion);
}

/**
 * The storage service (§1.5): pulls its shards from the logs of its layout and applies versions in
 * order; a lock stops the puller; `unlock-storage` truncates what recovery discarded and resumes.
 * A server new to its teams first copies their history from a teammate (back-fill). Reads are
 * served at a version (MVCC), also while locked, once the server has applied that version.
 */
export function storageService(id: ServiceId, config: ClusterConfig): ProcessStart<ClusterEvent> {
  return (ctx: Ctx) => {
    const disk = ctx.store.get<StorageDisk>('state') ?? {
      epoch: null,
      director: null,
      running: false,
      durableVersion: 0,
      oldestDurableVersion: 0,
      shards: [],
      holds: [],
      logs: [],
    };
    ctx.store.set('state', disk);
    const file: RecordFile<StoredEntry> = ctx.file<StoredEntry>(STORAGE_APPLIED_FILE);
    // What a crash left beyond the durable version was never counted as durable: drop it.
    if (file.records.some((e) => e.version > disk.durableVersion)) file.rewrite(file.records.filter((e) => e.version <= disk.durableVersion));
    let pullerRun = 0;
    let data = new VersionedStore(file.records);
    /** Reads below this version find no history (it was compacted into a snapshot). */
    let readableFrom = snapshotVersion(file.records);
    /** When each durable version was reached, oldest first: where the MVCC window starts. */
    let durableSince: { at: number; version: Version }[] = [];
    /** The file was rewritten: rebuild what is derived from it. */
    const reload = (): void => {
      data = new VersionedStore(file.records);
      readableFrom = snapshotVersion(file.records);
    };
    /** How far this incarnation has applied (durable or not yet): where the next pull starts. */
    let appliedTo: Version = disk.durableVersion;
    let lastReport = Number.NEGATIVE_INFINITY;
    /** A back-fill for the current lock is copying: a second unlock waits for it. */
    let backfilling = false;
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
      if (msg.version < readableFrom) return incoming.reply?.({ type: 'read-error', reason: 'too_old' });
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
        if (entry.version <= appliedTo) continue;
        const writes = writesIn(entry.writes, disk.shards);
        appliedTo = entry.version;
        if (writes.length === 0) continue;
        const own = { version: entry.version, writes };
        file.append(own);
        data.apply(own);
      }
    };

    /** Fold what left the MVCC window into the snapshot (only while serving: a lock freezes it). */
    const compact = (): void => {
      const now = ctx.now();
      durableSince.push({ at: now, version: disk.durableVersion });
      let horizon = readableFrom;
      while (durableSince.length > 1 && (durableSince[1] as { at: number }).at <= now - ms(MVCC_WINDOW_MS)) durableSince.shift();
      const oldest = durableSince[0] as { at: number; version: Version };
      if (oldest.at <= now - ms(MVCC_WINDOW_MS)) horizon = Math.max(horizon, oldest.version);
      if (horizon <= readableFrom) return;
      // Records are in version order (compaction folds a prefix): count the prefix, not the file.
      const records = file.records;
      let foldable = 0;
      while (foldable < records.length && (records[foldable] as StoredEntry).version <= horizon) foldable++;
      if (foldable < COMPACT_MIN_RECORDS) return;
      file.rewrite(compactRecords(file.records, horizon, disk.shards));
      reload();
    };

    /** Tell the logs of my shards how far I am durable, so they can pop what every replica has. */
    const report = (): void => {
      if (ctx.now() - lastReport < ms(REPORT_EVERY_MS) || disk.epoch === null) return;
      lastReport = ctx.now();
      const tags = disk.shards.map((s) => s.tag);
      for (const log of disk.logs) {
        if (log.tags.some((t) => tags.includes(t))) ctx.send(log.address, { type: 'storage-durable', epoch: disk.epoch, storage: id, version: disk.durableVersion });
      }
    };

    const startPuller = (): void => {
      const run = ++pullerRun;
      ctx.spawn(
        (function* () {
          let turn = ctx.rng.int(0, 1000);
          while (run === pullerRun && disk.running && disk.logs.length > 0) {
            // One log per tag group this server needs: every log holds every version.
            const sources = pullSources(disk.logs, disk.shards.map((s) => s.tag), turn);
            const results: CallResult[] = yield* ctx.callAll(
              sources.map((to) => ({ to, msg: { type: 'pull', from: disk.durableVersion, limit: PULL_LIMIT, recovery: false, epoch: disk.epoch } })),
              { timeout: ms(PULL_TIMEOUT_MS) },
            );
            if (run !== pullerRun) return;
            const pulled = results.map((r) => (r.ok && r.reply.type === 'pull-ok' ? (r.reply['entries'] as LogEntry[]) : undefined));
            if (sources.length > 0 && pulled.every((p) => p !== undefined)) {
              apply(mergePulled(pulled as LogEntry[][]));
              const upTo = appliedTo;
              if (upTo > disk.durableVersion) {
                yield* ctx.sync(file);
                if (run !== pullerRun) return;
                disk.durableVersion = Math.max(disk.durableVersion, upTo);
                releaseReads();
                report();
                compact();
              }
              continue;
            }
            turn++;
            yield* ctx.sleep(ms(PULL_BACKOFF_MS));
          }
        })(),
        'puller',
      );
    };

    /**
     * Copy each shard's history from one of its teammates, all cut at one version D at least
     * `atLeast` (the recovery's durable version; the logs hold everything above it) and at least
     * every snapshot a teammate sent. Teammates a little apart are asked again until they line up.
     */
    function* backfill(sources: readonly { readonly tag: Tag; readonly from: readonly string[] }[], atLeast: Version) {
      const fetch = function* (source: { readonly tag: Tag; readonly from: readonly string[] }, upTo?: Version) {
        for (const from of source.from) {
          const msg = { type: 'fetch-history', tags: [source.tag], atLeast, ...(upTo !== undefined ? { upTo } : {}) };
          const r = yield* ctx.call(from, msg, { timeout: ms(BACKFILL_TIMEOUT_MS) });
          if (r.ok && r.reply.type === 'history') return { entries: r.reply['entries'] as StoredEntry[], upTo: r.reply['upTo'] as Version };
        }
        return undefined;
      };
      for (let round = 0; round < BACKFILL_ROUNDS; round++) {
        const got: { entries: StoredEntry[]; upTo: Version }[] = [];
        for (const source of sources) {
          const h = yield* fetch(source);
          if (h === undefined) return false;
          got.push(h);
        }
        const cut = got.length === 0 ? atLeast : Math.min(...got.map((h) => h.upTo));
        if (got.every((h) => snapshotVersion(h.entries) <= cut)) {
          file.rewrite(mergeHistories(got.map((h) => h.entries.filter((e) => e.version <= cut))));
          disk.durableVersion = cut;
          appliedTo = cut;
          durableSince = [];
          reload();
          return true;
        }
        yield* ctx.sleep(ms(PULL_BACKOFF_MS));
      }
      return false;
    }

    const onUnlock = (incoming: Incoming, msg: UnlockStorageMsg): void => {
      const admitted = admitRecoveryCall(ctx, config, id, disk, incoming, 'unlock-storage', msg);
      if (admitted === 'stale') return;
      if (admitted === 'not-holder') {
        incoming.reply?.({ type: 'error', reason: 'lock_required' });
        return;
      }
      // A director whose unlock-ok was lost asks again (a new request, not a duplicate): this lock
      // is already unlocked, and acting again would cut off what was applied since (rule 20).
      if (disk.running || backfilling) reached(config, 'repeat-storage-unlock');
      if (!mutated(config, 'repeat-storage-unlock')) {
        if (disk.running) {
          incoming.reply?.({ type: 'unlock-ok' });
          return;
        }
        if (backfilling) {
          incoming.reply?.({ type: 'error', reason: 'backfill_in_progress' });
          return;
        }
      }
      const lockedBy = { epoch: disk.epoch, director: disk.director };
      const finish = (): void => {
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
      disk.shards = [...msg.shards];
      const tags = msg.shards.map((sh) => sh.tag);
      if (msg.backfill === undefined) {
        const point = truncationPoint(msg.durableVersion, msg.recoveryVersion, mutated(config, 'truncate-at-durable-version'));
        // The two rules cut at different versions and this server holds something between them.
        const lower = Math.min(msg.durableVersion, msg.recoveryVersion);
        if (msg.durableVersion > msg.recoveryVersion && (readableFrom > lower || disk.durableVersion > lower || file.records.some((e) => e.version > lower))) {
          reached(config, 'truncate-at-durable-version');
        }
        // A snapshot above the point cannot be cut: what it holds is gone with it (only a
        // protocol bug lets storage make durable a version recovery then discards).
        if (readableFrom > point) file.rewrite([]);
        else if (file.records.some((e) => e.version > point)) file.rewrite(file.records.filter((e) => e.version <= point));
        disk.durableVersion = Math.min(disk.durableVersion, point);
        // Kept in its teams: the director found it holding their shards (or nothing durable yet).
        disk.holds = tags;
        appliedTo = disk.durableVersion;
        durableSince = [];
        reload();
        return finish();
      }
      // New to its teams: whatever it held before belongs to no team of this layout.
      file.rewrite([]);
      disk.durableVersion = 0;
      disk.holds = [];
      appliedTo = 0;
      durableSince = [];
      reload();
      reached(config, 'skip-backfill');
      if (mutated(config, 'skip-backfill')) {
        // F29: start at the durable version with nothing below it.
        disk.durableVersion = msg.durableVersion;
        disk.holds = tags;
        appliedTo = msg.durableVersion;
        return finish();
      }
      const sources = msg.backfill;
      backfilling = true;
      ctx.spawn(
        (function* () {
          const ok = yield* backfill(sources, msg.durableVersion);
          backfilling = false;
          // What it copied it holds, whether or not this unlock still stands.
          if (ok) disk.holds = tags;
          // A newer lock may have come in while copying: that recovery decides now.
          if (disk.epoch !== lockedBy.epoch || disk.director !== lockedBy.director) {
            incoming.reply?.({ type: 'newer-epoch-exists', epoch: disk.epoch ?? 0 });
            return;
          }
          if (!ok) {
            incoming.reply?.({ type: 'error', reason: 'backfill_failed' });
            return;
          }
          finish();
        })(),
        'backfill',
      );
    };

    /** A teammate back-filling: my history of these tags up to `upTo`, or all I hold durably. */
    const onFetchHistory = (incoming: Incoming, msg: FetchHistoryMsg): void => {
      const upTo = msg.upTo ?? disk.durableVersion;
      if (disk.durableVersion < Math.max(upTo, msg.atLeast)) {
        incoming.reply?.({ type: 'error', reason: 'not_there_yet' });
        return;
      }
      if (readableFrom > upTo) {
        incoming.reply?.({ type: 'error', reason: 'too_old' });
        return;
      }
      const shards = disk.shards.filter((s) => msg.tags.includes(s.tag));
      incoming.reply?.({ type: 'history', entries: historyFor(file.records, shards, upTo), upTo });
    };

    handleMessages(ctx, config, (incoming) => {
      const msg = incoming.msg;
      switch (msg.type) {
        case 'lock':
          handleLock(ctx, config, { id, kind: 'storage' }, disk, incoming, msg as LockMsg, () => {
            disk.running = false;
            pullerRun++;
            // What was applied but not yet durable is forgotten: the version reported is the durable one.
            if (file.records.some((e) => e.version > disk.durableVersion)) {
              file.rewrite(file.records.filter((e) => e.version <= disk.durableVersion));
              reload();
            }
            appliedTo = disk.durableVersion;
            return { kind: 'storage', durableVersion: disk.durableVersion, oldestDurableVersion: disk.oldestDurableVersion, holds: [...disk.holds] };
          });
          return;
        case 'unlock-storage':
          return onUnlock(incoming, msg as UnlockStorageMsg);
        case 'fetch-history':
          return onFetchHistory(incoming, msg as FetchHistoryMsg);
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
