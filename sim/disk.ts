import { us, type Duration, type VirtualTime } from './time.js';

/**
 * An append-only file of records on a node's disk. Appends are buffered until a sync makes them
 * durable; a crash of the node loses whatever was not synced (a torn tail). Rewriting the file or
 * dropping its head is durable at once (written aside, synced, renamed into place).
 */
export interface RecordFile<T> {
  /** Every record written, synced or not: what the process sees. */
  readonly records: readonly T[];
  /** How many of them (from the start) are on disk for good. */
  readonly synced: number;
  append(record: T): void;
  /** Replace the whole content; durable at once. */
  rewrite(records: T[]): void;
  /** Drop the first `n` records (a log popping what it no longer needs); durable at once. */
  dropFront(n: number): void;
}

export class RecordFileImpl<T> implements RecordFile<T> {
  records: T[] = [];

  constructor(readonly name = '') {}

  synced = 0;
  /** Bumped by `rewrite`, so a sync started before it does not mark the new content synced. */
  generation = 0;

  append(record: T): void {
    this.records.push(record);
  }

  rewrite(records: T[]): void {
    this.records = records;
    this.synced = records.length;
    this.generation++;
  }

  dropFront(n: number): void {
    if (n <= 0) return;
    this.records.splice(0, n);
    this.synced = Math.max(0, this.synced - n);
  }

  /** The node crashed: the unsynced tail is gone. Returns how many records were lost. */
  tear(): number {
    const lost = this.records.length - this.synced;
    if (lost > 0) this.records.length = this.synced;
    return lost;
  }
}

/** How long one sync takes on a healthy disk. */
export const DEFAULT_SYNC_LATENCY: Duration = us(200);

/**
 * A node's disk: a key-value store written through at once (small state a process keeps up to
 * date synchronously) and record files with buffered appends. Syncs queue one after another, each
 * taking the disk's latency (times a slowdown a fault may set).
 */
export class NodeDisk {
  readonly kv = new Map<string, unknown>();
  readonly files = new Map<string, RecordFileImpl<unknown>>();
  slowdown = 1;
  /** Bumped by every crash, so a sync queued before one does not complete after it. */
  crashes = 0;
  private busyUntil: VirtualTime = 0;

  constructor(private readonly latency: Duration = DEFAULT_SYNC_LATENCY) {}

  file<T>(name: string): RecordFileImpl<T> {
    let f = this.files.get(name);
    if (f === undefined) {
      f = new RecordFileImpl<unknown>(name);
      this.files.set(name, f);
    }
    return f as RecordFileImpl<T>;
  }

  /** When a sync asked for now completes (after the syncs queued before it). */
  syncDoneAt(now: VirtualTime): VirtualTime {
    const start = Math.max(now, this.busyUntil);
    this.busyUntil = start + Math.max(1, Math.round(this.latency * this.slowdown));
    return this.busyUntil;
  }

  /** The node crashed: every file loses its unsynced tail; queued syncs die with their processes. */
  crash(): { file: string; lost: number }[] {
    this.busyUntil = 0;
    this.crashes++;
    const torn: { file: string; lost: number }[] = [];
    for (const [name, f] of this.files) {
      const lost = f.tear();
      if (lost > 0) torn.push({ file: name, lost });
    }
    return torn;
  }

  /** A replaced machine: nothing is left. */
  wipe(): void {
    this.kv.clear();
    this.files.clear();
    this.busyUntil = 0;
    this.crashes++;
  }
}
