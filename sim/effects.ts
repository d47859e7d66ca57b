import type { Pid, ProcessAddress } from './address.js';
import type { Duration } from './time.js';

/** Every message is JSON-plain data with a `type`; the model narrows it by that type. */
export interface Message {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** A message as a process receives it. `reply` is set when the sender waits for an answer. */
export interface Incoming<M extends Message = Message> {
  /**
   * The message's identity on the network. A duplicate the network delivers again carries the
   * same id, as a request id chosen by the sender would: it is how a receiver recognises a retry.
   */
  readonly id: number;
  readonly from: Pid;
  readonly msg: M;
  readonly reply: ((answer: Message) => void) | undefined;
}

/** Sent by the kernel to a watcher when a monitored process goes down. */
export interface DownMessage extends Message {
  readonly type: 'down';
  readonly pid: Pid;
  readonly reason: string;
  readonly ref: number;
}

export type CallResult<R extends Message = Message> =
  | { readonly ok: true; readonly reply: R; readonly from: Pid }
  | { readonly ok: false; readonly reason: 'timeout' | 'cancelled' };

export interface CallRequest {
  readonly to: Pid | ProcessAddress;
  readonly msg: Message;
}

export interface CallOptions {
  readonly timeout: Duration;
}

export interface CallAllOptions extends CallOptions {
  /** Resume early once this returns true for a result (the rest count as `cancelled`). */
  readonly until?: (result: CallResult, index: number) => boolean;
}

/** An auto-reset event: `notify` wakes one waiter, or is remembered until someone waits. */
export interface Trigger {
  notify(): void;
  readonly pending: boolean;
}

export type WaitOutcome = 'notified' | 'timeout';

/** What a process task yields to the kernel. Tasks use the context's helpers, never these directly. */
export type Effect =
  | { readonly kind: 'call'; readonly to: Pid | ProcessAddress; readonly msg: Message; readonly timeout: Duration }
  | {
      readonly kind: 'call-all';
      readonly requests: readonly CallRequest[];
      readonly timeout: Duration;
      readonly until: ((result: CallResult, index: number) => boolean) | undefined;
    }
  | { readonly kind: 'sleep'; readonly duration: Duration }
  | {
      readonly kind: 'receive';
      readonly match: ((incoming: Incoming) => boolean) | undefined;
      readonly timeout: Duration | undefined;
    }
  | { readonly kind: 'wait'; readonly trigger: Trigger; readonly timeout: Duration | undefined }
  | { readonly kind: 'join'; readonly task: TaskHandle };

/** A task's body: a generator that yields effects and may return a value. */
export type TaskBody<R = void> = Generator<Effect, R, unknown>;

export interface TaskHandle {
  readonly name: string;
  readonly done: boolean;
  /** Stop the task at its current effect; a later result for it is ignored. */
  cancel(): void;
}
