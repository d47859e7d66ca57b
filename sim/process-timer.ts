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
    fire: () => void,
    /** Told once, when the timer is cancelled (the process forgets it). */
    private readonly onCancel: (timer: ProcessTimer) => void,
  ) {
    this.inner = scheduler.after(delay, () => {
      this.due = true;
      fire();
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
    this.onCancel(this);
  }
}
