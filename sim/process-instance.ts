import type { Pid, ProcessAddress } from './address.js';
import type { CallRequest, CallResult, Effect, Incoming, Message, TaskBody, TaskHandle, Trigger, WaitOutcome, CallOptions, CallAllOptions } from './effects.js';
import type { NodeId } from './network.js';
import type { KernelPort, ProcessContext, ProcessStart } from './process.js';
import type { Rng } from './rng.js';
import type { Timer } from './scheduler.js';
import type { RecordFile } from './disk.js';
import type { DurableStore } from './store.js';
import { CallGroup, PendingCall, type CallWaiter } from './pending-call.js';
import { CallbackTimer, SleepTimer, TimerList, type ProcessTimer, type TimerOwner } from './process-timer.js';
import { AutoResetTrigger, Task, type TaskRunner } from './task.js';
import type { Duration, VirtualTime } from './time.js';
import type { TraceEventBase } from './trace.js';

const PENDING: unique symbol = Symbol('pending');
type Immediate = unknown | typeof PENDING;

/** Something that came due while the process was paused; `m` names a held message. */
export interface HeldWork {
  readonly m?: number;
  readonly run: () => void;
}

interface Receiver {
  readonly match: ((incoming: Incoming) => boolean) | undefined;
  readonly resume: (incoming: Incoming | undefined) => void;
}

/** One incarnation of a process. Implements the context its start routine is given. */
export class ProcessInstance<E extends TraceEventBase = TraceEventBase> implements ProcessContext<E>, TimerOwner, TaskRunner {
  private live = true;
  private handler: ((incoming: Incoming) => void) | undefined;
  private readonly mailbox: Incoming[] = [];
  private readonly receivers: Receiver[] = [];
  private readonly timers = new TimerList();
  private readonly tasks = new Set<Task<unknown>>();
  /** Set while paused: what came due meanwhile, in the order it came due. */
  private held: HeldWork[] | undefined;
  /** @internal when the current pause ends (the kernel's bookkeeping; Infinity for a pause that waits for `resume`). */
  pausedUntil = 0;

  constructor(
    private readonly kernel: KernelPort<E>,
    readonly pid: Pid,
    readonly address: ProcessAddress,
    readonly node: NodeId,
    readonly name: string,
    readonly incarnation: number,
    readonly rng: Rng,
    readonly store: DurableStore,
  ) {}

  now(): VirtualTime {
    return this.kernel.scheduler.now;
  }

  alive(): boolean {
    return this.live;
  }

  send(to: Pid | ProcessAddress, msg: Message): void {
    if (!this.live) return;
    this.kernel.sendEnvelope(this, to, msg);
  }

  handle(handler: (incoming: Incoming) => void): void {
    this.handler = handler;
  }

  spawn<R>(body: TaskBody<R>, name = 'task'): TaskHandle {
    const task = new Task<R>(name, body, this);
    if (!this.live) {
      task.done = true;
      return task;
    }
    this.tasks.add(task as Task<unknown>);
    this.advance(task as Task<unknown>, undefined);
    return task;
  }

  timer(delay: Duration, fn: () => void): Timer {
    const timer = new CallbackTimer(this.kernel.scheduler, delay, this, fn);
    this.timers.add(timer);
    return timer;
  }

  /** @internal a timer came due: run it now, or at the resume if the process is paused. */
  timerDue(timer: ProcessTimer): void {
    // Only a paused process needs the timer wrapped as held work.
    if (this.held !== undefined) this.whenRunning({ run: () => this.runTimer(timer) });
    else if (this.live) this.runTimer(timer);
  }

  /** @internal a timer was cancelled. */
  timerCancelled(timer: ProcessTimer): void {
    this.timers.remove(timer);
  }

  private runTimer(timer: ProcessTimer): void {
    this.timers.remove(timer);
    // Cancelled after it came due while the process was paused: it must not run.
    if (!timer.cancelled) timer.fire();
  }

  trigger(): Trigger {
    return new AutoResetTrigger();
  }

  monitor(target: Pid | ProcessAddress): number {
    return this.kernel.monitor(this, target);
  }

  demonitor(ref: number): void {
    this.kernel.demonitor(ref);
  }

  spawnProcess(name: string, start: ProcessStart<E>): Pid {
    return this.kernel.spawnOn(this.node, name, start, this.pid);
  }

  whereis(name: string): Pid | undefined {
    return this.kernel.whereisOn(this.node, name);
  }

  killLocal(target: Pid, reason: string): boolean {
    return this.live && this.kernel.killOn(this.node, target, reason);
  }

  exit(reason: string): void {
    if (this.live) this.kernel.stop(this, reason);
  }

  emit(event: E): void {
    this.kernel.emit(event);
  }

  *call<R extends Message = Message>(to: Pid | ProcessAddress, msg: Message, options: CallOptions): TaskBody<CallResult<R>> {
    return (yield { kind: 'call', to, msg, timeout: options.timeout }) as CallResult<R>;
  }

  *callAll(requests: readonly CallRequest[], options: CallAllOptions): TaskBody<CallResult[]> {
    return (yield { kind: 'call-all', requests, timeout: options.timeout, until: options.until }) as CallResult[];
  }

  *sleep(duration: Duration): TaskBody<void> {
    yield { kind: 'sleep', duration };
  }

  file<T>(name: string): RecordFile<T> {
    return this.kernel.fileOn(this.node, `${this.name}/${name}`) as RecordFile<T>;
  }

  *sync(file: RecordFile<unknown>): TaskBody<void> {
    const done = this.kernel.syncOn(this.node, file);
    const wait = done - this.now();
    if (wait > 0) yield { kind: 'sleep', duration: wait };
  }

  *receive<M extends Message = Message>(
    options: { match?: (incoming: Incoming) => boolean; timeout?: Duration } = {},
  ): TaskBody<Incoming<M> | undefined> {
    return (yield { kind: 'receive', match: options.match, timeout: options.timeout }) as Incoming<M> | undefined;
  }

  *wait(trigger: Trigger, timeout?: Duration): TaskBody<WaitOutcome> {
    return (yield { kind: 'wait', trigger, timeout }) as WaitOutcome;
  }

  *join<R>(task: TaskHandle): TaskBody<R> {
    return (yield { kind: 'join', task }) as R;
  }

  // ---- kernel side ----

  /** @internal whether the process is paused (it runs nothing until `resume`). */
  get paused(): boolean {
    return this.held !== undefined;
  }

  /** @internal how many messages and timers wait for the resume. */
  get heldCount(): number {
    return this.held?.length ?? 0;
  }

  /** @internal stop running: from now on messages, replies and timers are held. */
  pause(): void {
    if (this.live && this.held === undefined) this.held = [];
  }

  /**
   * @internal run again: what was held runs now, in the order it came due (messages in arrival
   * order, timers in time order, interleaved as they would have run), so the process wakes
   * with a stale view and old timers firing.
   */
  resume(): void {
    const queue = this.held;
    if (queue === undefined) return;
    this.held = undefined;
    for (let i = 0; i < queue.length; i++) {
      if (!this.live) return;
      // Paused again by what just ran: the rest waits for the next resume, still in order.
      const again = this.held as HeldWork[] | undefined;
      if (again !== undefined) {
        again.unshift(...queue.slice(i));
        return;
      }
      (queue[i] as HeldWork).run();
    }
  }

  /** @internal run `work` now, or hold it until the resume if the process is paused. */
  whenRunning(work: HeldWork): void {
    if (!this.live) return;
    if (this.held !== undefined) this.held.push(work);
    else work.run();
  }

  /** @internal a message (not a reply) arrived. */
  accept(incoming: Incoming): void {
    if (this.handler !== undefined) {
      this.handler(incoming);
      return;
    }
    const index = this.receivers.findIndex((r) => r.match === undefined || r.match(incoming));
    if (index >= 0) {
      const [receiver] = this.receivers.splice(index, 1);
      receiver?.resume(incoming);
      return;
    }
    this.mailbox.push(incoming);
  }

  /** @internal whether `call` is this process's, and still waits for its reply. */
  awaitsReply(call: PendingCall): boolean {
    return call.awaitedBy(this);
  }

  /** @internal a reply to `call` arrived; late replies (after a timeout) are ignored. */
  acceptReply(call: PendingCall, from: Pid, reply: Message): void {
    if (!call.awaitedBy(this)) return;
    call.cancel();
    call.waiter.callDone(call.slot, { ok: true, reply, from });
  }

  /** @internal the process is going down: drop everything volatile. Returns the held messages it never handled. */
  teardown(): number[] {
    const discarded = (this.held ?? []).flatMap((w) => (w.m !== undefined ? [w.m] : []));
    this.held = undefined;
    this.live = false;
    this.handler = undefined;
    this.timers.cancelAll();
    for (const task of this.tasks) task.cancel();
    this.tasks.clear();
    this.mailbox.length = 0;
    this.receivers.length = 0;
    return discarded;
  }

  /** @internal run `task` until it blocks on an effect that does not complete at once. */
  advance(task: Task<unknown>, input: unknown): void {
    let value = input;
    for (;;) {
      if (!this.live || task.done) return;
      const step = task.body.next(value);
      if (step.done === true) {
        task.done = true;
        task.result = step.value;
        this.tasks.delete(task);
        for (const joiner of task.joiners.splice(0)) joiner.resume(step.value);
        return;
      }
      const immediate = this.perform(task, step.value);
      if (immediate === PENDING) return;
      value = immediate;
    }
  }

  private perform(task: Task<unknown>, effect: Effect): Immediate {
    switch (effect.kind) {
      case 'call':
        task.cleanup = this.issueCall(effect.to, effect.msg, effect.timeout, task, 0);
        return PENDING;
      case 'call-all':
        return this.performCallAll(task, effect.requests, effect.timeout, effect.until);
      case 'sleep': {
        const timer = new SleepTimer(this.kernel.scheduler, effect.duration, this, task);
        this.timers.add(timer);
        task.cleanup = timer;
        return PENDING;
      }
      case 'receive':
        return this.performReceive(task, effect.match, effect.timeout);
      case 'wait':
        return this.performWait(task, effect.trigger, effect.timeout);
      case 'join': {
        const target = effect.task as Task<unknown>;
        if (target.done) return target.result;
        target.joiners.push(task);
        return PENDING;
      }
    }
  }

  private issueCall(to: Pid | ProcessAddress, msg: Message, timeout: Duration, waiter: CallWaiter, slot: number): PendingCall {
    const callId = this.kernel.nextCallId();
    // A process timer, so a pause holds the timeout like any other timer.
    const call = new PendingCall(this.kernel.scheduler, timeout, this, callId, waiter, slot);
    this.timers.add(call);
    this.kernel.sendEnvelope(this, to, msg, call);
    return call;
  }

  private performCallAll(
    task: Task<unknown>,
    requests: readonly CallRequest[],
    timeout: Duration,
    until: ((result: CallResult, index: number) => boolean) | undefined,
  ): Immediate {
    if (requests.length === 0) return [];
    const group = new CallGroup(task, requests.length, until);
    for (let i = 0; i < requests.length; i++) {
      const request = requests[i] as CallRequest;
      group.calls.push(this.issueCall(request.to, request.msg, timeout, group, i));
    }
    task.cleanup = group;
    return PENDING;
  }

  private performReceive(
    task: Task<unknown>,
    match: ((incoming: Incoming) => boolean) | undefined,
    timeout: Duration | undefined,
  ): Immediate {
    const index = this.mailbox.findIndex((m) => match === undefined || match(m));
    if (index >= 0) return this.mailbox.splice(index, 1)[0];
    let timer: Timer | undefined;
    const receiver: Receiver = {
      match,
      resume: (incoming) => {
        timer?.cancel();
        task.resume(incoming);
      },
    };
    this.receivers.push(receiver);
    const stopReceiving = (): void => {
      const at = this.receivers.indexOf(receiver);
      if (at >= 0) this.receivers.splice(at, 1);
    };
    if (timeout !== undefined) {
      timer = this.timer(timeout, () => {
        stopReceiving();
        task.resume(undefined);
      });
    }
    task.cleanup = {
      undo: () => {
        stopReceiving();
        timer?.cancel();
      },
    };
    return PENDING;
  }

  private performWait(task: Task<unknown>, trigger: Trigger, timeout: Duration | undefined): Immediate {
    const t = trigger as AutoResetTrigger;
    if (t.pending) {
      t.pending = false;
      return 'notified';
    }
    let timer: Timer | undefined;
    t.waiter = (outcome) => {
      timer?.cancel();
      task.resume(outcome);
    };
    if (timeout !== undefined) {
      timer = this.timer(timeout, () => {
        t.waiter = undefined;
        task.resume('timeout');
      });
    }
    task.cleanup = {
      undo: () => {
        t.waiter = undefined;
        timer?.cancel();
      },
    };
    return PENDING;
  }
}
