import type { VirtualTime } from './time.js';

/** One entry of the queue. `seq` breaks ties so events at equal times run in insertion order. */
export interface QueuedEvent {
  readonly time: VirtualTime;
  readonly seq: number;
  readonly run: () => void;
  cancelled: boolean;
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  // Two keys compared separately: packing them into one float loses FIFO order once seq grows.
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** A binary min-heap ordered by `(time, seq)`. Cancellation is lazy: the owner skips cancelled entries. */
export class EventQueue {
  private readonly heap: QueuedEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(event: QueuedEvent): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as QueuedEvent;
      if (!before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  peek(): QueuedEvent | undefined {
    return this.heap[0];
  }

  pop(): QueuedEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
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
      if (!before(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  clear(): void {
    this.heap.length = 0;
  }
}
