import { nodeOf, parseTarget, pidOf, processAddress, type Pid, type ProcessAddress } from './address.js';
import type { DownMessage, Message } from './effects.js';
import type { KernelEvent } from './kernel-events.js';
import { NodeDisk, type RecordFile, type RecordFileImpl } from './disk.js';
import { CastIncoming, RequestIncoming } from './incoming.js';
import type { PendingCall } from './pending-call.js';
import { Network, Packet, type DeliveryOutcome, type DropCause, type NetworkConfig, type NodeId } from './network.js';
import { ProcessInstance } from './process-instance.js';
import type { KernelPort, ProcessStart } from './process.js';
import { Rng } from './rng.js';
import { Scheduler, type RunLimits, type ScheduledEvent, type StopReason } from './scheduler.js';
import { NamespacedStore, type DurableStore } from './store.js';
import type { Duration, VirtualTime } from './time.js';
import { Trace, type TraceEventBase, type TraceSink } from './trace.js';

export interface SimulationOptions {
  readonly seed: number | string;
  readonly network?: Partial<NetworkConfig>;
  /** Where trace records go besides the hash (none by default). */
  readonly sink?: TraceSink;
  /** Record every message send/deliver/drop (default true). Changes the trace hash. */
  readonly traceMessages?: boolean;
}

/** What a node's boot routine gets: it (re)starts the node's permanent processes. */
export interface NodeHandle<E extends TraceEventBase> {
  readonly id: NodeId;
  /** Node-wide durable storage (namespace `node/`). */
  readonly store: DurableStore;
  spawn(name: string, start: ProcessStart<E>): Pid;
  /**
   * Like `spawn`, but the node's init restarts the process `restartDelay` after it dies for any
   * reason other than the node crashing (a node restart reboots it anyway).
   */
  spawnPermanent(name: string, start: ProcessStart<E>, restartDelay: Duration): Pid;
}

export type NodeBoot<E extends TraceEventBase> = (node: NodeHandle<E>) => void;

/** A message the kernel handed to a live process. */
export interface Delivery {
  /** The message number of its `send` record. */
  readonly m: number;
  readonly from: Pid;
  readonly to: Pid;
  readonly msg: Message;
  /** It answers a call. */
  readonly reply: boolean;
  /** A reply whose call had already ended: the caller never saw it. */
  readonly late: boolean;
  /** The network's second copy. */
  readonly dup: boolean;
}

/**
 * Told after a process has handled a delivered message (and everything that ran synchronously
 * because of it). Observers read state; they never act on the world.
 */
export type DeliveryObserver = (delivery: Delivery) => void;

class NodeState<E extends TraceEventBase> {
  up = false;
  /** Bumped on every boot, so restarts scheduled before a crash are ignored after it. */
  boots = 0;
  readonly permanent = new Map<string, { start: ProcessStart<TraceEventBase>; delay: Duration }>();
  readonly disk = new NodeDisk();
  readonly running = new Map<string, ProcessInstance<E>>();
  readonly incarnations = new Map<string, number>();
  constructor(
    readonly id: NodeId,
    readonly boot: NodeBoot<E> | undefined,
  ) {}
}

interface MonitorEntry {
  readonly watcher: Pid;
  readonly target: Pid;
}

/**
 * A deterministic world: virtual nodes hosting processes that talk through a simulated
 * network, driven by one scheduler and one seed. Knows nothing of what the processes model.
 */
export class Simulation<E extends TraceEventBase = never> implements KernelPort<E> {
  readonly scheduler = new Scheduler();
  readonly rng: Rng;
  readonly network: Network;
  readonly trace: Trace<KernelEvent | E>;
  private readonly traceMessages: boolean;
  private readonly nodes = new Map<NodeId, NodeState<E>>();
  /** Nodes crashed for good: the quiet time leaves them down. */
  private readonly lostForGood = new Set<NodeId>();
  private readonly monitors = new Map<number, MonitorEntry>();
  private readonly monitorsByTarget = new Map<Pid, number[]>();
  private messageSeq = 0;
  private readonly deliveryObservers: DeliveryObserver[] = [];
  private readonly syncObservers: ((node: NodeId, file: string) => void)[] = [];
  private callSeq = 0;
  private monitorSeq = 0;
  /** The process handling a message right now, and which (for the lineage of what it spawns). */
  private handling: Envelope<E> | undefined;
  private handlingPid: Pid | undefined;

  constructor(options: SimulationOptions) {
    this.rng = Rng.fromSeed(options.seed);
    this.network = new Network(this.scheduler, this.rng.fork('network'), options.network);
    this.trace = new Trace<KernelEvent | E>(options.sink);
    this.traceMessages = options.traceMessages ?? true;
  }

  get now(): VirtualTime {
    return this.scheduler.now;
  }

  // ---- nodes ----

  addNode(id: NodeId, boot?: NodeBoot<E>): void {
    if (this.nodes.has(id)) throw new Error(`node ${id} already exists`);
    const node = new NodeState<E>(id, boot);
    this.nodes.set(id, node);
    this.bootNode(node);
  }

  nodeIds(): NodeId[] {
    return [...this.nodes.keys()];
  }

  hasNode(id: NodeId): boolean {
    return this.nodes.has(id);
  }

  isNodeUp(id: NodeId): boolean {
    return this.nodes.get(id)?.up ?? false;
  }

  /**
   * Every process on the node dies; its durable store stays, but unsynced appends are lost.
   * `permanent`: the node is lost for good, and only an explicit `restartNode` brings it back
   * (the quiet time does not), even if it was already down.
   */
  crashNode(id: NodeId, permanent = false): void {
    const node = this.requireNode(id);
    if (permanent) this.lostForGood.add(id);
    if (!node.up) return;
    for (const instance of [...node.running.values()]) this.stop(instance, 'node-crash');
    node.up = false;
    this.trace.emit(this.now, { type: 'node-down', node: id });
    for (const torn of node.disk.crash()) this.trace.emit(this.now, { type: 'torn', node: id, file: torn.file, lost: torn.lost });
  }

  /** A replaced machine: the node goes down (if up) and its disk is emptied; it restarts empty. */
  wipeDisk(id: NodeId): void {
    const node = this.requireNode(id);
    this.crashNode(id);
    node.disk.wipe();
  }

  /** Every sync on the node's disk takes `factor` times as long (1 restores it). */
  slowDisk(id: NodeId, factor: number): void {
    this.requireNode(id).disk.slowdown = factor;
  }

  isDiskSlow(id: NodeId): boolean {
    return this.requireNode(id).disk.slowdown !== 1;
  }

  /** The record files of a node's disk, for checkers and tests (read them, do not change them). */
  files(id: NodeId): ReadonlyMap<string, RecordFile<unknown>> {
    return this.requireNode(id).disk.files;
  }

  /** Whether the node was crashed for good and not restarted since. */
  isLostForGood(id: NodeId): boolean {
    return this.lostForGood.has(id);
  }

  /** Bring a crashed node back; its boot routine runs again. */
  restartNode(id: NodeId): void {
    const node = this.requireNode(id);
    this.lostForGood.delete(id);
    if (node.up) return;
    this.bootNode(node);
  }

  /** The node's whole durable store, for checkers and tests (read it, do not change it). */
  disk(id: NodeId): ReadonlyMap<string, unknown> {
    return this.requireNode(id).disk.kv;
  }

  // ---- processes ----

  spawn(node: NodeId, name: string, start: ProcessStart<E>): Pid {
    return this.spawnOn(node, name, start);
  }

  /** The live instance at this pid or address, if any. */
  lookup(target: Pid | ProcessAddress): ProcessInstance<E> | undefined {
    const parsed = parseTarget(target);
    const node = this.nodes.get(parsed.node);
    if (node === undefined || !node.up) return undefined;
    const instance = node.running.get(parsed.name);
    if (instance === undefined) return undefined;
    if (parsed.pid && instance.pid !== target) return undefined;
    return instance;
  }

  isAlive(target: Pid | ProcessAddress): boolean {
    return this.lookup(target) !== undefined;
  }

  /** Names of the live processes on a node, sorted. */
  processesOn(id: NodeId): string[] {
    const node = this.nodes.get(id);
    if (node === undefined || !node.up) return [];
    return [...node.running.keys()].sort();
  }

  kill(target: Pid | ProcessAddress, reason = 'killed'): boolean {
    const instance = this.lookup(target);
    if (instance === undefined) return false;
    this.stop(instance, reason);
    return true;
  }

  /**
   * Stop a live process from running for `duration` (until `resume` without one): what reaches
   * it meanwhile (messages, replies, its own timers) waits and runs at the resume, in the order
   * it came due. Pausing a paused process extends the pause to the later end. Records `pause`
   * with the pid; returns the pid, or undefined when nothing runs at `target`.
   */
  pause(target: Pid | ProcessAddress, duration?: Duration): Pid | undefined {
    const instance = this.lookup(target);
    if (instance === undefined) return undefined;
    const until = duration === undefined ? Number.POSITIVE_INFINITY : this.now + Math.max(0, duration);
    if (!instance.paused) {
      instance.pause();
      this.trace.emit(this.now, { type: 'pause', pid: instance.pid });
    } else if (until <= instance.pausedUntil) {
      return instance.pid;
    }
    instance.pausedUntil = until;
    if (until !== Number.POSITIVE_INFINITY) {
      this.scheduler.at(until, () => {
        // A later pause may have moved the end; only the latest one resumes.
        if (instance.alive() && instance.paused && this.now >= instance.pausedUntil) this.resumeInstance(instance);
      });
    }
    return instance.pid;
  }

  /** End a pause now. False when `target` is not a live paused process. */
  resume(target: Pid | ProcessAddress): boolean {
    const instance = this.lookup(target);
    if (instance === undefined || !instance.paused) return false;
    this.resumeInstance(instance);
    return true;
  }

  /** End every pause (the quiet time), node by node in the order they were added. */
  resumeAll(): void {
    for (const node of this.nodes.values()) {
      if (!node.up) continue;
      for (const instance of [...node.running.values()]) if (instance.paused) this.resumeInstance(instance);
    }
  }

  isPaused(target: Pid | ProcessAddress): boolean {
    return this.lookup(target)?.paused ?? false;
  }

  // ---- running ----

  run(limits: RunLimits = {}): StopReason {
    return this.scheduler.run(limits);
  }

  step(): boolean {
    return this.scheduler.step();
  }

  emit(event: E): void {
    this.trace.emit(this.now, event);
  }

  /** Watch every delivery after its receiver handled it (checkers reading durable state). */
  /** Call `observer` each time a sync makes a file's records durable (for checkers reading disks). */
  observeSyncs(observer: (node: NodeId, file: string) => void): void {
    this.syncObservers.push(observer);
  }

  observeDeliveries(observer: DeliveryObserver): void {
    this.deliveryObservers.push(observer);
  }

  // ---- KernelPort ----

  nextCallId(): number {
    return ++this.callSeq;
  }

  spawnOn(nodeId: NodeId, name: string, start: ProcessStart<E>, by?: Pid): Pid {
    const node = this.requireNode(nodeId);
    if (!node.up) throw new Error(`cannot spawn ${name} on ${nodeId}: the node is down`);
    if (node.running.has(name)) throw new Error(`a process named ${name} already runs on ${nodeId}`);
    const incarnation = (node.incarnations.get(name) ?? 0) + 1;
    node.incarnations.set(name, incarnation);
    const address = processAddress(nodeId, name);
    const pid = pidOf(address, incarnation);
    const instance = new ProcessInstance<E>(
      this,
      pid,
      address,
      nodeId,
      name,
      incarnation,
      this.rng.fork(`process/${pid}`),
      new NamespacedStore(node.disk.kv, `${name}/`),
    );
    node.running.set(name, instance);
    const during = by !== undefined && this.handlingPid === by && this.handling !== undefined ? { m: this.handling.m, from: this.handling.sender } : undefined;
    this.trace.emit(this.now, {
      type: 'spawn',
      pid,
      ...(by !== undefined ? { by } : {}),
      ...(during !== undefined ? { during: during.m, from: during.from } : {}),
    });
    start(instance);
    return pid;
  }

  fileOn(nodeId: NodeId, name: string): RecordFile<unknown> {
    return this.requireNode(nodeId).disk.file(name);
  }

  syncOn(nodeId: NodeId, file: RecordFile<unknown>): VirtualTime {
    const disk = this.requireNode(nodeId).disk;
    const done = disk.syncDoneAt(this.now);
    this.scheduler.enqueue(new SyncDone(this, nodeId, disk, file as RecordFileImpl<unknown>), done);
    return done;
  }

  /** @internal a sync reached the disk: the records it covered are durable, unless the file changed under it. */
  syncDone(sync: SyncDone): void {
    const { disk, file } = sync;
    // A crash or a rewrite since the sync began means these records are not the ones it wrote.
    if (disk.crashes !== sync.crashes || file.generation !== sync.generation) return;
    file.synced = Math.max(file.synced, Math.min(sync.target, file.records.length));
    for (const observer of this.syncObservers) observer(sync.node, file.name);
  }

  whereisOn(node: NodeId, name: string): Pid | undefined {
    return this.lookup(processAddress(node, name))?.pid;
  }

  killOn(node: NodeId, target: Pid, reason: string): boolean {
    if (nodeOf(target) !== node) return false;
    return this.kill(target, reason);
  }

  stop(instance: ProcessInstance<E>, reason: string): void {
    if (!instance.alive()) return;
    const discarded = instance.teardown();
    const node = this.nodes.get(instance.node);
    if (node !== undefined && node.running.get(instance.name) === instance) node.running.delete(instance.name);
    this.trace.emit(this.now, { type: 'process-down', pid: instance.pid, reason });
    // Messages a paused process held but never handled were never delivered: say so, by cause.
    if (this.traceMessages) {
      const cause = reason === 'node-crash' ? 'node-down' : 'no-process';
      for (const m of discarded) this.trace.drop(this.now, m, cause);
    }
    const permanent = node?.permanent.get(instance.name);
    if (node !== undefined && permanent !== undefined && reason !== 'node-crash') {
      const boot = node.boots;
      this.scheduler.after(permanent.delay, () => {
        if (node.up && node.boots === boot && !node.running.has(instance.name)) {
          this.spawnOn(node.id, instance.name, permanent.start as ProcessStart<E>);
        }
      });
    }
    const refs = this.monitorsByTarget.get(instance.pid);
    if (refs === undefined) return;
    this.monitorsByTarget.delete(instance.pid);
    for (const ref of refs) {
      const entry = this.monitors.get(ref);
      if (entry === undefined) continue;
      this.monitors.delete(ref);
      this.sendDown(instance.pid, entry.watcher, reason, ref);
    }
  }

  monitor(watcher: ProcessInstance<E>, target: Pid | ProcessAddress): number {
    const ref = ++this.monitorSeq;
    const instance = this.lookup(target);
    if (instance === undefined) {
      this.sendDown(target, watcher.pid, 'noproc', ref);
      return ref;
    }
    this.monitors.set(ref, { watcher: watcher.pid, target: instance.pid });
    const refs = this.monitorsByTarget.get(instance.pid);
    if (refs === undefined) this.monitorsByTarget.set(instance.pid, [ref]);
    else refs.push(ref);
    return ref;
  }

  demonitor(ref: number): void {
    const entry = this.monitors.get(ref);
    if (entry === undefined) return;
    this.monitors.delete(ref);
    const refs = this.monitorsByTarget.get(entry.target);
    if (refs === undefined) return;
    const at = refs.indexOf(ref);
    if (at >= 0) refs.splice(at, 1);
    if (refs.length === 0) this.monitorsByTarget.delete(entry.target);
  }

  sendEnvelope(from: ProcessInstance<E>, to: Pid | ProcessAddress, msg: Message, call?: PendingCall): void {
    this.transmit(from.pid, from.node, from.name, to, msg, call, false);
  }

  // ---- internals ----

  private bootNode(node: NodeState<E>): void {
    node.up = true;
    node.boots++;
    node.permanent.clear();
    this.trace.emit(this.now, { type: 'node-up', node: node.id });
    node.boot?.({
      id: node.id,
      store: new NamespacedStore(node.disk.kv, 'node/'),
      spawn: (name, start) => this.spawnOn(node.id, name, start),
      spawnPermanent: (name, start, delay) => {
        node.permanent.set(name, { start: start as ProcessStart<TraceEventBase>, delay });
        return this.spawnOn(node.id, name, start);
      },
    });
  }

  /** Record the resume (with how much waited), then run what was held. */
  private resumeInstance(instance: ProcessInstance<E>): void {
    this.trace.emit(this.now, { type: 'resume', pid: instance.pid, held: instance.heldCount });
    instance.resume();
  }

  private requireNode(id: NodeId): NodeState<E> {
    const node = this.nodes.get(id);
    if (node === undefined) throw new Error(`unknown node ${id}`);
    return node;
  }

  /** Down notifications travel like messages: a partition can stop them. */
  private sendDown(target: Pid | ProcessAddress, watcher: Pid, reason: string, ref: number): void {
    const msg: DownMessage = { type: 'down', pid: target, reason, ref };
    const sender = parseTarget(target);
    this.transmit(target, sender.node, sender.name, watcher, msg);
  }

  /**
   * Send `msg` from pid `from`, which runs as `fromName` on `fromNode` (its sender knows; no
   * parsing per message). `call`: the call a request is, or, if `isReply`, the call a reply answers.
   */
  private transmit(from: Pid, fromNode: NodeId, fromName: string, to: Pid | ProcessAddress, msg: Message, call?: PendingCall, isReply = false): void {
    const m = this.messageSeq++;
    if (this.traceMessages) {
      const id = call?.callId;
      this.trace.send(this.now, m, from, to, msg, isReply ? undefined : id, isReply ? id : undefined);
    }
    this.network.send(new Envelope(this, m, from, fromNode, fromName, to, msg, call, isReply));
  }

  /** @internal the network hands a packet over at its arrival time. */
  deliver(e: Envelope<E>, duplicate: boolean): DeliveryOutcome {
    const node = this.nodes.get(e.to);
    if (node === undefined || !node.up) return this.undeliverable(e.m, 'node-down');
    const instance = this.lookup(e.target);
    if (instance === undefined) return this.undeliverable(e.m, 'no-process');
    // A paused process holds it; it is delivered (recorded, handled, observed) at the resume.
    if (instance.paused) instance.whenRunning({ m: e.m, run: () => this.handOver(instance, e, duplicate) });
    else if (instance.alive()) this.handOver(instance, e, duplicate);
    return 'delivered';
  }

  /** @internal the network dropped a packet (loss, partition). */
  dropped(m: number, cause: DropCause): void {
    if (this.traceMessages) this.trace.drop(this.now, m, cause);
  }

  /** The process takes the message now: record the delivery, hand it over, tell the observers. */
  private handOver(instance: ProcessInstance<E>, e: Envelope<E>, duplicate: boolean): void {
    const { m, sender: from, msg, call, isReply } = e;
    const late = isReply && !instance.awaitsReply(call as PendingCall);
    if (this.traceMessages) this.trace.deliver(this.now, m, instance.pid, duplicate, late);
    if (isReply) instance.acceptReply(call as PendingCall, from, msg);
    else {
      const outer = this.handling;
      const outerPid = this.handlingPid;
      this.handling = e;
      this.handlingPid = instance.pid;
      try {
        instance.accept(call === undefined ? new CastIncoming(m, from, msg) : new KernelRequest(this, instance, m, from, msg, call));
      } finally {
        this.handling = outer;
        this.handlingPid = outerPid;
      }
    }
    if (this.deliveryObservers.length > 0) {
      const delivery: Delivery = { m, from, to: instance.pid, msg, reply: isReply, late, dup: duplicate };
      for (const observer of this.deliveryObservers) observer(delivery);
    }
  }

  /** @internal `request`'s receiver answers it. */
  answer(request: KernelRequest<E>, answer: Message): void {
    const receiver = request.receiver;
    if (request.replied || !receiver.alive()) return;
    request.replied = true;
    this.transmit(receiver.pid, receiver.node, receiver.name, request.from, answer, request.call, true);
  }

  private undeliverable(m: number, cause: 'node-down' | 'no-process'): DeliveryOutcome {
    this.dropped(m, cause);
    return cause;
  }
}

/** A sync on its way to the disk: what it covers, and what must not have changed meanwhile. */
class SyncDone implements ScheduledEvent {
  readonly target: number;
  readonly generation: number;
  readonly crashes: number;

  constructor(
    private readonly sim: { syncDone(sync: SyncDone): void },
    readonly node: NodeId,
    readonly disk: NodeDisk,
    readonly file: RecordFileImpl<unknown>,
  ) {
    this.target = file.records.length;
    this.generation = file.generation;
    this.crashes = disk.crashes;
  }

  run(): void {
    this.sim.syncDone(this);
  }
}

/** A request handed to its receiver: its answer goes back through the simulation. */
class KernelRequest<E extends TraceEventBase> extends RequestIncoming {
  replied = false;

  constructor(
    private readonly sim: Simulation<E>,
    readonly receiver: ProcessInstance<E>,
    id: number,
    from: Pid,
    msg: Message,
    /** The call it is: the answer goes back to it. */
    readonly call: PendingCall,
  ) {
    super(id, from, msg);
  }

  protected answer(answer: Message): void {
    this.sim.answer(this, answer);
  }
}

/** A message in flight: what the network carries, and who takes it when it arrives. */
class Envelope<E extends TraceEventBase> extends Packet {
  readonly to: NodeId;
  readonly toProcess: string;

  constructor(
    private readonly sim: Simulation<E>,
    readonly m: number,
    readonly sender: Pid,
    readonly from: NodeId,
    readonly fromProcess: string,
    readonly target: Pid | ProcessAddress,
    readonly msg: Message,
    /** The call this request is, or, if `isReply`, the call this reply answers. */
    readonly call: PendingCall | undefined,
    readonly isReply: boolean,
  ) {
    super();
    const b = parseTarget(target);
    this.to = b.node;
    this.toProcess = b.name;
  }

  deliver(duplicate: boolean): DeliveryOutcome {
    return this.sim.deliver(this, duplicate);
  }

  dropped(cause: DropCause): void {
    this.sim.dropped(this.m, cause);
  }
}
