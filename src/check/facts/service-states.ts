import type { Delivery } from '../../../sim/index.js';
import { workerOf } from '../../cluster/names.js';
import type { Epoch, LogEntry, Pid, ServiceId, ServiceKind, Version } from '../../cluster/types.js';
import type { GroundTruth, Position } from '../types.js';

/** A lock a service accepted, as its disk recorded it. */
export interface LockFact {
  readonly epoch: Epoch;
  readonly director: Pid | null;
  readonly event: number;
  readonly time: number;
}

/** What a service's disk held, read right after a delivery to it. */
export interface ServiceSnapshot {
  readonly id: ServiceId;
  readonly kind: ServiceKind;
  readonly epoch: Epoch | null;
  readonly director: Pid | null;
  /** Logs: the entry array (a new array means the history was replaced) and its length. */
  readonly entries: readonly LogEntry[] | undefined;
  readonly length: number;
  /** Storage: the logs it pulls from (a new array means an unlock took effect). */
  readonly pullsFrom: readonly unknown[] | undefined;
  readonly durableVersion: Version;
}

/** How one delivery changed the receiving service's disk. */
export interface ServiceStep {
  readonly delivery: Delivery;
  readonly before: ServiceSnapshot | undefined;
  readonly after: ServiceSnapshot;
  /** A lock was accepted (the holder changed). */
  readonly locked: boolean;
  /** A log's history was replaced (recovery wiped it). */
  readonly wiped: boolean;
  /** A storage server was unlocked (it was told where to pull from). */
  readonly unlocked: boolean;
}

/**
 * The lock state and history of every log and storage server, read from their disks after each
 * delivery to them (only a delivery changes them). This, not what services report, is what the
 * checkers judge locks, wipes and unlocks by.
 */
export class ServiceStates {
  private readonly snapshots = new Map<ServiceId, ServiceSnapshot>();
  /** Every lock each service accepted, in order. */
  readonly locks = new Map<ServiceId, LockFact[]>();
  /** The step of the current delivery, when it reached a service. */
  step: ServiceStep | undefined;

  constructor(private readonly truth: GroundTruth) {}

  delivered(delivery: Delivery, at: Position): void {
    this.step = undefined;
    const worker = workerOf(delivery.to);
    if (worker === undefined) return;
    const before = this.snapshots.get(worker.id);
    const after = this.read(worker.kind, worker.id, before);
    if (after === undefined) return;
    if (after !== before) this.snapshots.set(worker.id, after);
    const locked = after.epoch !== (before?.epoch ?? null) || after.director !== (before?.director ?? null);
    if (locked && after.epoch !== null) {
      const list = this.locks.get(worker.id) ?? [];
      list.push({ epoch: after.epoch, director: after.director, event: at.event, time: at.time });
      this.locks.set(worker.id, list);
    }
    const wiped = before !== undefined && after.entries !== undefined && after.entries !== before.entries;
    const unlocked = after.pullsFrom !== undefined && after.pullsFrom !== before?.pullsFrom && after.pullsFrom.length > 0;
    this.step = { delivery, before, after, locked, wiped, unlocked };
  }

  snapshot(id: ServiceId): ServiceSnapshot | undefined {
    return this.snapshots.get(id);
  }

  /** Every service of `kind` the kernel has delivered a message to, in the order first seen. */
  *ids(kind: ServiceKind): IterableIterator<ServiceId> {
    for (const s of this.snapshots.values()) if (s.kind === kind) yield s.id;
  }

  /** The disk now; `before` itself when nothing on it changed (most deliveries change nothing, and then nothing is built). */
  private read(kind: ServiceKind, id: ServiceId, before: ServiceSnapshot | undefined): ServiceSnapshot | undefined {
    if (kind === 'log') {
      const disk = this.truth.logState(id);
      if (disk === undefined) return undefined;
      const entries = this.truth.recordsOf('log', id) as readonly LogEntry[];
      const durableVersion = entries.length === 0 ? disk.oldest : (entries[entries.length - 1] as LogEntry).version;
      if (unchanged(before, disk.epoch, disk.director, entries, entries.length, undefined, durableVersion)) return before;
      return { id, kind, epoch: disk.epoch, director: disk.director, entries, length: entries.length, pullsFrom: undefined, durableVersion };
    }
    const disk = this.truth.storageState(id);
    if (disk === undefined) return undefined;
    const length = this.truth.recordsOf('storage', id).length;
    if (unchanged(before, disk.epoch, disk.director, undefined, length, disk.logs, disk.durableVersion)) return before;
    return { id, kind, epoch: disk.epoch, director: disk.director, entries: undefined, length, pullsFrom: disk.logs, durableVersion: disk.durableVersion };
  }
}

/** Whether `before` says the same of the disk as these fields (so a step can tell "unchanged" by identity). */
function unchanged(
  before: ServiceSnapshot | undefined,
  epoch: Epoch | null,
  director: Pid | null,
  entries: readonly LogEntry[] | undefined,
  length: number,
  pullsFrom: readonly unknown[] | undefined,
  durableVersion: Version,
): before is ServiceSnapshot {
  return (
    before !== undefined &&
    before.epoch === epoch &&
    before.director === director &&
    before.entries === entries &&
    before.length === length &&
    before.pullsFrom === pullsFrom &&
    before.durableVersion === durableVersion
  );
}
