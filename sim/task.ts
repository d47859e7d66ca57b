import type { WaitOutcome, TaskBody, TaskHandle, Trigger } from './effects.js';

/** A generator running inside a process, and what it is blocked on. */
export class Task<R = unknown> implements TaskHandle {
  done = false;
  cancelled = false;
  result: R | undefined;
  /** Undoes the wait the task is blocked in (timers, pending calls). */
  cleanup: (() => void) | undefined;
  readonly joiners: ((value: unknown) => void)[] = [];

  constructor(
    readonly name: string,
    readonly body: TaskBody<R>,
  ) {}

  cancel(): void {
    if (this.done) return;
    this.cancelled = true;
    this.done = true;
    this.cleanup?.();
    this.cleanup = undefined;
  }
}

export class AutoResetTrigger implements Trigger {
  pending = false;
  waiter: ((outcome: WaitOutcome) => void) | undefined;

  notify(): void {
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter('notified');
    } else {
      this.pending = true;
    }
  }
}

