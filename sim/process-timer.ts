import type { Scheduler, Timer } from './scheduler.js';
import type { Duration, VirtualTime } from './time.js';

/**
 * A timer owned by a process. Its callback goes through the process (`fire`), which holds it
 * while the process is paused; so, unlike a bare scheduler timer, it can come due and still be
 * cancelled before its callback runs, and a cancelled one never runs.
 */
export class ProcessTimer implements Timer {
  private due = false;
  private stopped = false;
  private readonly inner: Timer;

  constructor(
    scheduler: Scheduler,
    delay: Duration,
    private readonly owner: TimerOwner,
    /** What the timer does when it fires (run by the owner, never once cancelled). */
    readonly callback: () => void,
  ) {
    this.inner = scheduler.after(delay, () => {
      this.due = true;
      owner.timerDue(this);
    });
  }

  get time(): VirtualTime {
    return this.inner.time;
  }

  get cancelled(): boolean {
    return this.stopped;
  }

  cancel(): void {
    if (this.stopped) return;
    this.stopped = true;
    // A due timer is no longer queued; cancelling it there would miscount the scheduler's queue.
    if (!this.due) this.inner.cancel();
    this.owner.timerCancelled(this);
  }
}

/** The process a timer belongs to: it runs the timer's callback, or holds it while paused. */
export interface TimerOwner {
  timerDue(timer: ProcessTimer): void;
  /** The timer was cancelled: forget it. */
  timerCancelled(timer: ProcessTimer): void;
}
