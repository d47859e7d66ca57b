import type { TraceRecord, TraceSink } from '../../sim/index.js';
import { prefixLength, type Rec } from './html/model/records.js';

/**
 * How many message and data-plane records a report holds: a page of about 7 MB that a browser
 * draws smoothly. A run with more keeps the first and the last half of them, so the report's
 * memory stays the same however long the run.
 */
export const REPORT_RECORD_LIMIT = 200_000;

/** Records that come at a steady rate for as long as the run lasts: messages and the workload's data plane. */
const MESSAGE_TYPES: ReadonlySet<string> = new Set(['send', 'deliver', 'drop']);
const BULK_TYPES: ReadonlySet<string> = new Set([...MESSAGE_TYPES, 'log-push', 'commit-acked', 'client-ack', 'client-read-begin', 'client-read', 'client-read-failed']);

/** What a sampled report shows of the run, and what it leaves out. */
export interface TraceSampleSummary {
  /** Trace records in the run. */
  readonly total: number;
  readonly messagesShown: number;
  readonly messagesTotal: number;
  /** Data-plane records (log pushes, commit and read acknowledgements). */
  readonly dataShown: number;
  readonly dataTotal: number;
  /** The stretch of virtual time (µs) whose message and data-plane records are not shown. */
  readonly gapFrom: number;
  readonly gapTo: number;
  /** One sentence for the page and the terminal. */
  readonly note: string;
}

export interface SampledTrace {
  /** In trace order. When sampled, renumbered 0, 1, … (the page addresses events by position). */
  readonly records: readonly Rec[];
  /** The trace index of each record (only when sampled). */
  readonly origin: readonly number[] | null;
  readonly summary: TraceSampleSummary | null;
}

/** A fixed-size window over the latest items, oldest evicted first. */
class Ring<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  size = 0;
  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }
  /** Adds `item`; returns the item it evicted, if full. */
  push(item: T): T | undefined {
    if (this.capacity === 0) return item;
    if (this.size < this.capacity) {
      this.items[(this.start + this.size++) % this.capacity] = item;
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }
  toArray(): T[] {
    return Array.from({ length: this.size }, (_, k) => this.items[(this.start + k) % this.capacity] as T);
  }
}

/**
 * The trace sink of a report: memory stays bounded however long the run. Every protocol record
 * (locks, directors, phases, layouts, faults, processes: a few per recovery) is kept, so the
 * page's lanes, bands, spans and panels stay exact over the whole run. Of the records that grow
 * with the run's length (messages, log pushes, acks), the first and the last `limit / 2` are kept:
 * contiguous windows, where a uniform sample would keep single arrows without their replies.
 * A message is kept or left out as a whole: a kept send keeps its deliveries and drops.
 * `pinned` trace indices (the events violations point at) are kept wherever they fall.
 * A run with at most `limit` such records is kept whole, its records untouched.
 */
export class SamplingSink implements TraceSink {
  private readonly protocol: Rec[] = [];
  private readonly head: Rec[] = [];
  private readonly tail: Ring<Rec>;
  /** Messages whose send is kept outside the tail: their deliveries are kept with them. */
  private readonly followed = new Set<number>();
  private readonly headLimit: number;
  private total = 0;
  private messagesTotal = 0;
  private dataTotal = 0;
  private evicted = 0;
  private gapFrom = Infinity;
  private gapTo = -Infinity;

  constructor(
    readonly limit: number = REPORT_RECORD_LIMIT,
    private readonly pinned: ReadonlySet<number> = new Set(),
  ) {
    if (!Number.isSafeInteger(limit) || limit < 2) throw new Error(`report record limit must be an integer >= 2, got ${limit}`);
    this.headLimit = Math.floor(limit / 2);
    this.tail = new Ring<Rec>(limit - this.headLimit);
  }

  write(record: TraceRecord): void {
    const r = record as Rec;
    this.total++;
    if (!BULK_TYPES.has(r.type)) {
      this.protocol.push(r);
      return;
    }
    if (MESSAGE_TYPES.has(r.type)) this.messagesTotal++;
    else this.dataTotal++;
    if (this.pinned.has(r.i)) {
      this.protocol.push(r);
      if (r.type === 'send') this.followed.add(r.m);
      return;
    }
    if ((r.type === 'deliver' || r.type === 'drop') && this.followed.has(r.m)) {
      this.head.push(r);
      return;
    }
    if (this.head.length < this.headLimit) {
      this.head.push(r);
      if (r.type === 'send') this.followed.add(r.m);
      return;
    }
    const out = this.tail.push(r);
    if (out !== undefined) this.leftOut(out);
  }

  close(): void {}

  /** What to draw. Call once the run has ended. */
  finish(): SampledTrace {
    const tail = this.tail.toArray();
    if (this.evicted === 0) return { records: mergeByIndex([this.protocol, this.head, tail]), origin: null, summary: null };
    // A delivery whose send fell out of the window would be an arrow from nowhere.
    const sent = new Set<number>(this.followed);
    const kept: Rec[] = [];
    for (const r of tail) {
      if (r.type === 'send') sent.add(r.m);
      if ((r.type === 'deliver' || r.type === 'drop') && !sent.has(r.m)) this.leftOut(r);
      else kept.push(r);
    }
    const merged = mergeByIndex([this.protocol, this.head, kept]);
    const origin = merged.map((r) => r.i);
    const records = merged.map((r, k) => (r.i === k ? r : ({ ...r, i: k } as Rec)));
    let messagesShown = 0;
    let dataShown = 0;
    for (const r of records) {
      if (MESSAGE_TYPES.has(r.type)) messagesShown++;
      else if (BULK_TYPES.has(r.type)) dataShown++;
    }
    const counts = { total: this.total, messagesShown, messagesTotal: this.messagesTotal, dataShown, dataTotal: this.dataTotal, gapFrom: this.gapFrom, gapTo: this.gapTo };
    return { records, origin, summary: { ...counts, note: sampleNote(counts, this.limit) } };
  }

  private leftOut(r: Rec): void {
    this.evicted++;
    if (r.t < this.gapFrom) this.gapFrom = r.t;
    if (r.t > this.gapTo) this.gapTo = r.t;
  }
}

/** Merge lists each in trace order into one. */
function mergeByIndex(lists: readonly (readonly Rec[])[]): Rec[] {
  const out: Rec[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let l = 0; l < lists.length; l++) {
      const r = lists[l]?.[at[l] ?? 0];
      if (r !== undefined && (best < 0 || r.i < (lists[best]?.[at[best] ?? 0]?.i ?? Infinity))) best = l;
    }
    if (best < 0) return out;
    out.push(lists[best]?.[at[best] ?? 0] as Rec);
    at[best] = (at[best] ?? 0) + 1;
  }
}

/** The position of trace index `i` among `origin` (sorted), or of the nearest kept record before it. */
export function positionOf(origin: readonly number[], i: number): number {
  return Math.max(0, prefixLength(origin.length, (k) => (origin[k] ?? 0) <= i) - 1);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function seconds(us: number): string {
  return `${(us / 1e6).toFixed(1)} s`;
}

export function sampleNote(s: Omit<TraceSampleSummary, 'note'>, limit: number): string {
  const data = s.dataTotal > 0 ? ` and ${count(s.dataShown)} of ${count(s.dataTotal)} data-plane records (log pushes, acknowledgements)` : '';
  return (
    `showing ${count(s.messagesShown)} of ${count(s.messagesTotal)} message records${data}: the run has ${count(s.total)} trace records, ` +
    `more than a report holds (${count(limit)} message and data-plane records), so it shows the first and last stretches of them; ` +
    `those between ${seconds(s.gapFrom)} and ${seconds(s.gapTo)} are left out. Every protocol event (locks, directors, phases, layouts, faults, violations) is shown.`
  );
}
