import type { VirtualTime } from './time.js';

/** One entry of the queue. `seq` breaks ties so events at equal times run in insertion order. */
export interface QueuedEvent {
  readonly time: VirtualTime;
  readonly seq: number;
  readonly run: () => void;
  /** Where the entry sits in the heap (-1 once out of it); kept by the queue alone. */
  index: number;
}

/** Not in a queue. */
export const OUT_OF_QUEUE = -1;

/**
 * A binary min-heap ordered by `(time, seq)`. Each entry knows its place, so one can be taken out
 * when it is cancelled: most calls' timeouts are, and leaving them in made the heap ten times
 * larger than what is really pending. The keys sit in arrays of their own beside the entries, so
 * comparing two never reads the entries, which are objects of several classes.
 */
export class EventQueue {
  private readonly heap: QueuedEvent[] = [];
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(event: QueuedEvent): void {
    this.heap.push(event);
    this.times.push(0);
    this.seqs.push(0);
    this.up(event, event.time, event.seq, this.heap.length - 1);
  }

  peek(): QueuedEvent | undefined {
    return this.heap[0];
  }

  /** The first entry's time (undefined when empty), read without touching the entry. */
  peekTime(): number | undefined {
    return this.times[0];
  }

  pop(): QueuedEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    top.index = OUT_OF_QUEUE;
    const last = heap.pop() as QueuedEvent;
    const time = this.times.pop() as number;
    const seq = this.seqs.pop() as number;
    if (last !== top) this.down(last, time, seq, 0);
    return top;
  }

  /** Take `event` out, wherever it is; false if it is not queued. */
  remove(event: QueuedEvent): boolean {
    const heap = this.heap;
    const i = event.index;
    if (i < 0 || heap[i] !== event) return false;
    event.index = OUT_OF_QUEUE;
    const last = heap.pop() as QueuedEvent;
    const time = this.times.pop() as number;
    const seq = this.seqs.pop() as number;
    if (last === event) return true;
    // The last entry fills the hole: it may belong above it or below it.
    const parent = (i - 1) >> 1;
    if (i > 0 && this.before(time, seq, parent)) this.up(last, time, seq, i);
    else this.down(last, time, seq, i);
    return true;
  }

  clear(): void {
    for (const e of this.heap) e.index = OUT_OF_QUEUE;
    this.heap.length = 0;
    this.times.length = 0;
    this.seqs.length = 0;
  }

  /** Whether `(time, seq)` comes before the entry at `j`. */
  private before(time: number, seq: number, j: number): boolean {
    // Two keys compared separately: packing them into one float loses FIFO order once seq grows.
    const t = this.times[j] as number;
    return time < t || (time === t && seq < (this.seqs[j] as number));
  }

  /** Put the entry at `from` into slot `to`. */
  private move(from: number, to: number): void {
    const e = this.heap[from] as QueuedEvent;
    this.heap[to] = e;
    this.times[to] = this.times[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    e.index = to;
  }

  private place(event: QueuedEvent, time: number, seq: number, i: number): void {
    this.heap[i] = event;
    this.times[i] = time;
    this.seqs[i] = seq;
    event.index = i;
  }

  /** Place `event`, keyed `(time, seq)`, at hole `i` or above it. */
  private up(event: QueuedEvent, time: number, seq: number, i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(time, seq, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.place(event, time, seq, i);
  }

  /** Place `event`, keyed `(time, seq)`, at hole `i` or below it. */
  private down(event: QueuedEvent, time: number, seq: number, i: number): void {
    const n = this.heap.length;
    const times = this.times;
    const seqs = this.seqs;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n) {
        const lt = times[l] as number;
        const rt = times[r] as number;
        if (rt < lt || (rt === lt && (seqs[r] as number) < (seqs[l] as number))) c = r;
      }
      const ct = times[c] as number;
      if (!(ct < time || (ct === time && (seqs[c] as number) < seq))) break;
      this.move(c, i);
      i = c;
    }
    this.place(event, time, seq, i);
  }
}
