import type { Pid } from './address.js';
import type { Message } from './effects.js';
import type { FaultAction } from './faults.js';
import type { DropCause, NodeId } from './network.js';

/** What the kernel itself records in the trace. The model adds its own event types. */
export type KernelEvent =
  | { readonly type: 'node-up'; readonly node: NodeId }
  | { readonly type: 'node-down'; readonly node: NodeId }
  /**
   * A process started. `by`: the process that spawned it, if one did; `during` and `from`: the
   * message that process was handling at the time, and its sender, if any (so a request can be
   * traced to what it started).
   */
  | { readonly type: 'spawn'; readonly pid: Pid; readonly by?: Pid; readonly during?: number; readonly from?: Pid }
  | { readonly type: 'process-down'; readonly pid: Pid; readonly reason: string }
  /** The process stopped running: what reaches it waits (a kill or crash meanwhile discards it). */
  | { readonly type: 'pause'; readonly pid: Pid }
  /** It runs again; `held` messages and timers that came due meanwhile run now, in that order. */
  | { readonly type: 'resume'; readonly pid: Pid; readonly held: number }
  | {
      readonly type: 'send';
      /** message number, shared by the matching deliver/drop */
      readonly m: number;
      readonly from: Pid;
      readonly to: string;
      readonly msg: Message;
      readonly call?: number;
      readonly reply?: number;
    }
  /**
   * A live process took a message (a paused one takes it at its resume, when this is recorded;
   * one killed first gets a `drop` instead). `dup`: the network's second copy. `late`: a reply whose call
   * had already ended (timed out or cancelled), so the caller never saw it.
   */
  | { readonly type: 'deliver'; readonly m: number; readonly to: Pid; readonly dup?: true; readonly late?: true }
  | { readonly type: 'drop'; readonly m: number; readonly cause: DropCause }
  /** `idle`: the action found nothing to act on (no live process matched it), so nothing happened. */
  | { readonly type: 'fault'; readonly action: FaultAction; readonly idle?: true }
  /** A node crashed and a file lost the records it had not synced (a torn tail). */
  | { readonly type: 'torn'; readonly node: NodeId; readonly file: string; readonly lost: number };

export const KERNEL_EVENT_TYPES = ['node-up', 'node-down', 'spawn', 'process-down', 'pause', 'resume', 'send', 'deliver', 'drop', 'fault', 'torn'] as const;
