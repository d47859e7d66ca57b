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
 * Something the scheduler runs at its time that is its own queue entry: the kernel's timers and
 * messages in flight, so scheduling one allocates nothing beside it. `Scheduler.enqueue` sets its
 * time and place in the order; it starts as `time = 0; seq = 0; index = OUT_OF_QUEUE`.
 *
 * Each class declares these fields itself instead of inheriting them from one base class: a base
 * class's field initializer adds the fields to the objects of every subclass, and once more than
 * four classes passed through it V8 added them by its slowest path (a sixth class made a whole
 * run 35 % slower).
 */
export interface ScheduledEvent extends QueuedEvent {
  time: VirtualTime;
  seq: number;
  index: number;
  run(): void;
}

class TimerEvent implements QueuedEvent, Timer {
  cancelled = false;
  index = OUT_OF_QUEUE;
  constructor(
    readonly time: VirtualTime,
    readonly seq: number,
    public run: () => void,
    private readonly queue: EventQueue,
  ) {}

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    // Out of the queue at once, and what its callback holds (a call's pending state, a process's
    // closures) with it.
    this.run = NOTHING;
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
    const event = new TimerEvent(time < this.clock ? this.clock : time, this.nextSeq++, run, this.queue);
    this.queue.push(event);
    return event;
  }

  after(delay: Duration, run: () => void): Timer {
    return this.at(this.clock + (delay > 0 ? delay : 0), run);
  }

  /** Queue `event` to run at `time` (clamped to now), after every event already queued for that time. */
  enqueue(event: ScheduledEvent, time: VirtualTime): void {
    event.time = time < this.clock ? this.clock : time;
    event.seq = this.nextSeq++;
    this.queue.push(event);
  }

  /** Take a queued `event` out (it will not run); nothing if it is not queued. */
  dequeue(event: ScheduledEvent): void {
    this.queue.remove(event);
  }

  /** Time of the next event, if any. */
  nextTime(): VirtualTime | undefined {
    return this.queue.peekTime();
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
      const time = this.queue.peekTime();
      if (time === undefined) {
        if (until !== undefined && until > this.clock) this.clock = until;
        return until !== undefined ? 'until' : 'idle';
      }
      if (until !== undefined && time > until) {
        this.clock = until;
        return 'until';
      }
      const head = this.queue.pop() as QueuedEvent;
      this.clock = time;
      this.executed++;
      ran++;
      head.run();
      if (stopWhen !== undefined && stopWhen()) return 'predicate';
    }
  }
}
