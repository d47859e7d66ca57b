import type { Pid, ProcessAddress } from './address.js';
import type { CallAllOptions, CallOptions, CallRequest, CallResult, Incoming, Message, TaskBody, TaskHandle, Trigger, WaitOutcome } from './effects.js';
import type { NodeId } from './network.js';
import type { Rng } from './rng.js';
import type { Scheduler, Timer } from './scheduler.js';
import type { RecordFile } from './disk.js';
import type { DurableStore } from './store.js';
import type { Duration, VirtualTime } from './time.js';
import type { TraceEventBase } from './trace.js';
import type { ProcessInstance } from './process-instance.js';
import type { PendingCall } from './pending-call.js';

/** How a process starts: called on every (re)start with a fresh context; volatile state lives in its closure. */
export type ProcessStart<E extends TraceEventBase = TraceEventBase> = (ctx: ProcessContext<E>) => void;

/**
 * Everything a simulated process may touch. Time, randomness, messages and storage all come
 * through here, so a run is a pure function of its seed.
 */
export interface ProcessContext<E extends TraceEventBase = TraceEventBase> {
  readonly pid: Pid;
  readonly address: ProcessAddress;
  readonly node: NodeId;
  readonly name: string;
  readonly incarnation: number;
  /** This incarnation's own random stream. */
  readonly rng: Rng;
  /** The node's durable storage, namespaced by process name: survives crashes and restarts. */
  readonly store: DurableStore;
  /**
   * A record file of this process on the node's disk: appends are buffered, and lost in a crash of
   * the node, until `sync` makes them durable.
   */
  file<T>(name: string): RecordFile<T>;
  /** Wait until everything appended to `file` so far is on disk for good. */
  sync(file: RecordFile<unknown>): TaskBody<void>;
  now(): VirtualTime;
  /** False once this incarnation has crashed or exited. */
  alive(): boolean;
  send(to: Pid | ProcessAddress, msg: Message): void;
  /** Receive every incoming message in `handler`; without one, messages wait in the mailbox for `receive`. */
  handle(handler: (incoming: Incoming) => void): void;
  /** Run a task concurrently inside this process; it dies with the process. */
  spawn<R>(body: TaskBody<R>, name?: string): TaskHandle;
  /** A callback after `delay`, cancelled if the process goes down. */
  timer(delay: Duration, fn: () => void): Timer;
  trigger(): Trigger;
  /** Be told (by a `down` message through the network) when `target` goes down. */
  monitor(target: Pid | ProcessAddress): number;
  demonitor(ref: number): void;
  /** Start another process on this node. */
  spawnProcess(name: string, start: ProcessStart<E>): Pid;
  /** The pid of the process running under `name` on this node, if any (Erlang's `whereis`). */
  whereis(name: string): Pid | undefined;
  /** Terminate a process on this node (as a supervisor would); false if it is not running here. */
  killLocal(target: Pid, reason: string): boolean;
  /** Stop this process (its tasks, timers and pending calls go with it). */
  exit(reason: string): void;
  emit(event: E): void;

  call<R extends Message = Message>(to: Pid | ProcessAddress, msg: Message, options: CallOptions): TaskBody<CallResult<R>>;
  callAll(requests: readonly CallRequest[], options: CallAllOptions): TaskBody<CallResult[]>;
  sleep(duration: Duration): TaskBody<void>;
  /** The next mailbox message matching `match`; undefined on timeout. */
  receive<M extends Message = Message>(options?: {
    match?: (incoming: Incoming) => boolean;
    timeout?: Duration;
  }): TaskBody<Incoming<M> | undefined>;
  wait(trigger: Trigger, timeout?: Duration): TaskBody<WaitOutcome>;
  join<R>(task: TaskHandle): TaskBody<R>;
}

/** What a process instance needs from the simulation that hosts it. */
export interface KernelPort<E extends TraceEventBase> {
  readonly scheduler: Scheduler;
  /** Send `msg`; `call`: it is a request, and `call` waits for its reply. */
  sendEnvelope(from: { readonly pid: Pid }, to: Pid | ProcessAddress, msg: Message, call?: PendingCall): void;
  nextCallId(): number;
  monitor(watcher: { readonly pid: Pid }, target: Pid | ProcessAddress): number;
  demonitor(ref: number): void;
  spawnOn(node: NodeId, name: string, start: ProcessStart<E>, by?: Pid): Pid;
  killOn(node: NodeId, target: Pid, reason: string): boolean;
  whereisOn(node: NodeId, name: string): Pid | undefined;
  stop(instance: ProcessInstance<E>, reason: string): void;
  emit(event: E): void;
  /** The record file `name` on the node's disk (created empty the first time). */
  fileOn(node: NodeId, name: string): RecordFile<unknown>;
  /** Start a sync of everything appended to `file` so far; returns when it is durable. */
  syncOn(node: NodeId, file: RecordFile<unknown>): VirtualTime;
}

