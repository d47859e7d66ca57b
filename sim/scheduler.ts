import { EventQueue, OUT_OF_QUEUE, type QueuedEvent } from './event-queue.js';
import type { Duration, VirtualTime } from './time.js';

/** A handle on a scheduled callback; `cancel()` is idempotent. */
export interface Timer {
  readonly time: VirtualTime;
  cancel(): void;
  readonly cancelled: boolean;
}

/** What a cancelled timer runs: nothing (and it holds on to nothing). */
const NOTHING = (): void => {};

/**
 * An object the scheduler runs at its time (`Scheduler.enqueue`): the kernel's timers, messages
 * in flight and syncs, so scheduling one needs no closure.
 */
export interface ScheduledEvent {
  run(): void;
}

/** What an entry made by `enqueue` runs: its event's `run`, called as a method of the entry. */
function runEvent(this: TimerEvent): void {
  (this.event as ScheduledEvent).run();
}

/**
 * One entry of the queue, whatever it runs: a callback, or an event object. All entries are of
 * this one class, so the heap's reads and writes of them stay monomorphic (entries of six classes
 * made them V8's slowest kind).
 */
class TimerEvent implements QueuedEvent, Timer {
  cancelled = false;
  index = OUT_OF_QUEUE;
  constructor(
    readonly time: VirtualTime,
    readonly seq: number,
    public run: () => void,
    private readonly queue: EventQueue,
    public event: ScheduledEvent | undefined,
  ) {}

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    // Out of the queue at once, and what its callback holds (a call's pending state, a process's
    // closures) with it.
    this.run = NOTHING;
    this.event = undefined;
    this.queue.remove(this);
  }
}

export interface RunLimits {
  /** Run events whose time is at most this, then advance the clock to it. */
  readonly until?: VirtualTime;
  /** Stop as soon as this returns true (checked after each event). */
  readonly stopWhen?: () => boolean;
  /** Stop after this many events (a guard against runaway runs). */
  readonly maxEvents?: number;
}

export type StopReason = 'until' | 'predicate' | 'max-events' | 'idle';

/**
 * The discrete-event scheduler: a clock and a queue of callbacks ordered by `(time, seq)`.
 * Everything that happens in a simulation happens inside one of these callbacks.
 */
export class Scheduler {
  private readonly queue = new EventQueue();
  private clock: VirtualTime = 0;
  private nextSeq = 0;
  private executed = 0;

  get now(): VirtualTime {
    return this.clock;
  }

  /** Events run so far. */
  get eventCount(): number {
    return this.executed;
  }

  /** Events still waiting to run (a cancelled one leaves the queue at once). */
  get pending(): number {
    return this.queue.size;
  }

  /** Schedule `run` at absolute time `time` (clamped to now: the past cannot be scheduled). */
  at(time: VirtualTime, run: () => void): Timer {
    const event = new TimerEvent(time < this.clock ? this.clock : time, this.nextSeq++, run, this.queue, undefined);
    this.queue.push(event);
    return event;
  }

  after(delay: Duration, run: () => void): Timer {
    return this.at(this.clock + (delay > 0 ? delay : 0), run);
  }

  /** Run `event` at `time` (clamped to now), as `at` runs a callback: no closure is made for it. */
  enqueue(event: ScheduledEvent, time: VirtualTime): Timer {
    const entry = new TimerEvent(time < this.clock ? this.clock : time, this.nextSeq++, runEvent, this.queue, event);
    this.queue.push(entry);
    return entry;
  }

  /** Time of the next event, if any. */
  nextTime(): VirtualTime | undefined {
    return this.queue.peek()?.time;
  }

  /** Run exactly one event; false when nothing is left. */
  step(): boolean {
    const event = this.queue.pop();
    if (event === undefined) return false;
    this.clock = event.time;
    this.executed++;
    event.run();
    return true;
  }

  run(limits: RunLimits = {}): StopReason {
    const { until, stopWhen, maxEvents } = limits;
    const budget = maxEvents ?? Number.POSITIVE_INFINITY;
    let ran = 0;
    for (;;) {
      if (ran >= budget) return 'max-events';
      const head = this.queue.peek();
      if (head === undefined) {
        if (until !== undefined && until > this.clock) this.clock = until;
        return until !== undefined ? 'until' : 'idle';
      }
      if (until !== undefined && head.time > until) {
        this.clock = until;
        return 'until';
      }
      this.queue.pop();
      this.clock = head.time;
      this.executed++;
      ran++;
      head.run();
      if (stopWhen !== undefined && stopWhen()) return 'predicate';
    }
  }
}
