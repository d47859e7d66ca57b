import type { CallResult } from './effects.js';
import { ProcessTimer, type TimerOwner } from './process-timer.js';
import type { Scheduler } from './scheduler.js';
import type { Task, Undo } from './task.js';
import type { Duration } from './time.js';

export const TIMED_OUT: CallResult = { ok: false, reason: 'timeout' };
export const CANCELLED: CallResult = { ok: false, reason: 'cancelled' };

/** Who waits for a call's result: a task's `call`, or one slot of a `callAll`. */
export interface CallWaiter {
  callDone(slot: number, result: CallResult): void;
}

/**
 * A call waiting for its reply. It is its own timeout's timer, so a call allocates this and
 * nothing else in the kernel beside its message.
 */
export class PendingCall extends ProcessTimer {
  /** Neither answered, nor timed out, nor forgotten. */
  waiting = true;

  constructor(
    scheduler: Scheduler,
    timeout: Duration,
    /** The calling process (the timer's owner). */
    caller: TimerOwner,
    readonly callId: number,
    readonly waiter: CallWaiter,
    readonly slot: number,
  ) {
    super(scheduler, timeout, caller);
  }

  /** Whether `caller` still waits for this call's reply. */
  awaitedBy(caller: TimerOwner): boolean {
    return this.waiting && this.owner === caller;
  }

  /** The timeout: unless the reply came first, the call failed. */
  fire(): void {
    if (!this.waiting) return;
    this.waiting = false;
    this.waiter.callDone(this.slot, TIMED_OUT);
  }

  /** Stop waiting, and stop the timeout (also when the task waiting for it is cancelled: a reply, if one comes, is late). */
  override cancel(): void {
    this.waiting = false;
    super.cancel();
  }
}

/** A task's `callAll`: the results so far, and when it has enough of them. */
export class CallGroup implements CallWaiter, Undo {
  readonly calls: PendingCall[] = [];
  private readonly results: (CallResult | undefined)[];
  private remaining: number;
  private finished = false;

  constructor(
    private readonly task: Task<unknown>,
    count: number,
    private readonly until: ((result: CallResult, index: number) => boolean) | undefined,
  ) {
    this.results = new Array<CallResult | undefined>(count).fill(undefined);
    this.remaining = count;
  }

  callDone(slot: number, result: CallResult): void {
    if (this.finished) return;
    this.results[slot] = result;
    this.remaining--;
    // `until` sees every result, the last one too: callers count replies in it.
    const enough = this.until !== undefined && this.until(result, slot);
    if (this.remaining === 0 || enough) {
      this.undo();
      this.task.resume(this.results.map((r) => r ?? CANCELLED));
    }
  }

  /** Stop waiting: the calls not yet answered are forgotten. */
  undo(): void {
    this.finished = true;
    for (const call of this.calls) call.cancel();
  }
}
