import type { CallResult, WaitOutcome, TaskBody, TaskHandle, Trigger } from './effects.js';

/** Undoes the wait a task is blocked in (its timer, its pending calls) when the task is cancelled. */
export interface Undo {
  undo(): void;
}

/** Runs a task's body on: the process the task belongs to. */
export interface TaskRunner {
  advance(task: Task<unknown>, input: unknown): void;
}

/** A generator running inside a process, and what it is blocked on. */
export class Task<R = unknown> implements TaskHandle {
  done = false;
  cancelled = false;
  result: R | undefined;
  cleanup: Undo | undefined;
  /** Tasks blocked in `join` on this one. */
  readonly joiners: Task<unknown>[] = [];

  constructor(
    readonly name: string,
    readonly body: TaskBody<R>,
    private readonly runner: TaskRunner,
  ) {}

  /** The effect the task waits on completed with `value`: run on. */
  resume(value: unknown): void {
    this.cleanup = undefined;
    this.runner.advance(this as Task<unknown>, value);
  }

  /** A `call` it waits on completed. */
  callDone(_slot: number, result: CallResult): void {
    this.resume(result);
  }

  cancel(): void {
    if (this.done) return;
    this.cancelled = true;
    this.done = true;
    this.cleanup?.undo();
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
