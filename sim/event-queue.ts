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

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  // Two keys compared separately: packing them into one float loses FIFO order once seq grows.
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/**
 * A binary min-heap ordered by `(time, seq)`. Each entry knows its place, so one can be taken out
 * when it is cancelled: most calls' timeouts are, and leaving them in made the heap ten times
 * larger than what is really pending.
 */
export class EventQueue {
  private readonly heap: QueuedEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(event: QueuedEvent): void {
    this.heap.push(event);
    this.up(event, this.heap.length - 1);
  }

  peek(): QueuedEvent | undefined {
    return this.heap[0];
  }

  pop(): QueuedEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    top.index = OUT_OF_QUEUE;
    const last = heap.pop() as QueuedEvent;
    if (last !== top) this.down(last, 0);
    return top;
  }

  /** Take `event` out, wherever it is; false if it is not queued. */
  remove(event: QueuedEvent): boolean {
    const heap = this.heap;
    const i = event.index;
    if (i < 0 || heap[i] !== event) return false;
    event.index = OUT_OF_QUEUE;
    const last = heap.pop() as QueuedEvent;
    if (last === event) return true;
    // The last entry fills the hole: it may belong above it or below it.
    if (i > 0 && before(last, heap[(i - 1) >> 1] as QueuedEvent)) this.up(last, i);
    else this.down(last, i);
    return true;
  }

  clear(): void {
    for (const e of this.heap) e.index = OUT_OF_QUEUE;
    this.heap.length = 0;
  }

  /** Place `event` at hole `i` or above it. */
  private up(event: QueuedEvent, i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as QueuedEvent;
      if (!before(event, p)) break;
      heap[i] = p;
      p.index = i;
      i = parent;
    }
    heap[i] = event;
    event.index = i;
  }

  /** Place `event` at hole `i` or below it. */
  private down(event: QueuedEvent, i: number): void {
    const heap = this.heap;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let child = heap[l] as QueuedEvent;
      if (r < n) {
        const right = heap[r] as QueuedEvent;
        if (before(right, child)) {
          c = r;
          child = right;
        }
      }
      if (!before(child, event)) break;
      heap[i] = child;
      child.index = i;
      i = c;
    }
    heap[i] = event;
    event.index = i;
  }
}
