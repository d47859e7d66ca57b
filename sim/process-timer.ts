import type { ScheduledEvent, Scheduler, Timer } from './scheduler.js';
import type { Task, Undo } from './task.js';
import type { Duration, VirtualTime } from './time.js';

/**
 * A timer owned by a process. It goes through the process when it comes due (`timerDue`), which
 * holds it while the process is paused; so, unlike a bare scheduler timer, it can come due and
 * still be cancelled before it fires, and a cancelled one never fires. The scheduler runs it as
 * an event object; what firing does is its subclass's (a callback, a task's sleep, a call's
 * timeout), so none needs a closure.
 */
export abstract class ProcessTimer implements ScheduledEvent, Timer, Undo {
  private due = false;
  private stopped = false;
  /** Its entry in the scheduler's queue. */
  private readonly entry: Timer;
  /** @internal its place in its owner's `TimerList`. */
  listed = false;
  /** @internal */
  listPrev: ProcessTimer | undefined = undefined;
  /** @internal */
  listNext: ProcessTimer | undefined = undefined;

  constructor(
    scheduler: Scheduler,
    delay: Duration,
    protected readonly owner: TimerOwner,
  ) {
    this.entry = scheduler.enqueue(this, scheduler.now + (delay > 0 ? delay : 0));
  }

  get time(): VirtualTime {
    return this.entry.time;
  }

  get cancelled(): boolean {
    return this.stopped;
  }

  /** @internal the scheduler reached the timer's time. */
  run(): void {
    this.due = true;
    this.owner.timerDue(this);
  }

  cancel(): void {
    if (this.stopped) return;
    this.stopped = true;
    // A due timer is no longer queued.
    if (!this.due) this.entry.cancel();
    this.owner.timerCancelled(this);
  }

  /** The task waiting on it was cancelled (a sleep's timer, a call's timeout): cancel it. */
  undo(): void {
    this.cancel();
  }

  /** What the timer does (run by its owner when it is due, never once cancelled). */
  abstract fire(): void;
}

/**
 * The timers a process has running, linked through the timers themselves: adding and removing
 * one allocates nothing (a set of them grew and shrank its table all run long).
 */
export class TimerList {
  private head: ProcessTimer | undefined;

  add(timer: ProcessTimer): void {
    if (timer.listed) return;
    timer.listed = true;
    timer.listPrev = undefined;
    timer.listNext = this.head;
    if (this.head !== undefined) this.head.listPrev = timer;
    this.head = timer;
  }

  remove(timer: ProcessTimer): void {
    if (!timer.listed) return;
    timer.listed = false;
    const { listPrev: prev, listNext: next } = timer;
    if (prev !== undefined) prev.listNext = next;
    else this.head = next;
    if (next !== undefined) next.listPrev = prev;
    timer.listPrev = undefined;
    timer.listNext = undefined;
  }

  /** Cancel every timer (each takes itself out as it is cancelled). */
  cancelAll(): void {
    while (this.head !== undefined) {
      const timer = this.head;
      timer.cancel();
      this.remove(timer);
    }
  }
}

/** The process a timer belongs to: it fires the timer, or holds it while paused. */
export interface TimerOwner {
  timerDue(timer: ProcessTimer): void;
  /** The timer was cancelled: forget it. */
  timerCancelled(timer: ProcessTimer): void;
}

/** `ctx.timer(delay, fn)`: runs `fn`. */
export class CallbackTimer extends ProcessTimer {
  constructor(
    scheduler: Scheduler,
    delay: Duration,
    owner: TimerOwner,
    private readonly callback: () => void,
  ) {
    super(scheduler, delay, owner);
  }

  fire(): void {
    this.callback();
  }
}

/** A task's `sleep`: resumes the task. Cancelling the task cancels the timer. */
export class SleepTimer extends ProcessTimer {
  constructor(
    scheduler: Scheduler,
    delay: Duration,
    owner: TimerOwner,
    private readonly task: Task<unknown>,
  ) {
    super(scheduler, delay, owner);
  }

  fire(): void {
    this.task.resume(undefined);
  }
}
