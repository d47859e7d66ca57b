import { PctOrdering } from './pct.js';
import { matchesProcess } from './process-pattern.js';
import type { Rng } from './rng.js';
import type { ScheduledEvent, Scheduler } from './scheduler.js';
import { ms, type Duration, type VirtualTime } from './time.js';

export type NodeId = string;

export interface NetworkConfig {
  /** Fixed part of every cross-node delay. */
  readonly baseLatency: Duration;
  /** Uniform extra delay in [0, jitter] drawn per message. */
  readonly jitter: Duration;
  /** Delay between processes on the same node (never lost, never partitioned). */
  readonly localLatency: Duration;
  /** Probability that a cross-node message is lost. */
  readonly lossRate: number;
  /** Probability that a delivered cross-node message arrives twice. */
  readonly duplicateRate: number;
  /** Keep per-link order (as TCP and Erlang distribution do); otherwise jitter may reorder. */
  readonly fifo: boolean;
  /** On a reordering link: extra uniform delay in [0, reorderJitter] so messages overtake each other. */
  readonly reorderJitter: Duration;
  /** How a message's jitter is drawn: independently at random, or by its receiver's PCT priority (`pct.ts`). */
  readonly ordering: 'random' | 'pct';
  /** With `pct`: how many times a receiver is demoted below all others during the run. */
  readonly pctChangePoints: number;
}

export const DEFAULT_NETWORK: NetworkConfig = {
  baseLatency: 500,
  jitter: 1_500,
  localLatency: 10,
  lossRate: 0,
  duplicateRate: 0,
  fifo: true,
  reorderJitter: ms(5),
  ordering: 'random',
  pctChangePoints: 3,
};

export type DropCause = 'loss' | 'partition' | 'node-down' | 'no-process';

export interface NetworkCounters {
  sent: number;
  /** Reached a live process (a paused one holds it; the trace records its delivery at the resume). */
  delivered: number;
  duplicated: number;
  dropped: Record<DropCause, number>;
}

/** What the receiving side did with a packet: delivered it, or why not. */
export type DeliveryOutcome = 'delivered' | DropCause;

/** A message in flight. The scheduler runs it, as an event object, when its first copy arrives. */
export abstract class Packet implements ScheduledEvent {
  abstract readonly from: NodeId;
  abstract readonly to: NodeId;
  /** The sending and receiving processes' names: partitions with `only` cut by them. */
  abstract readonly fromProcess: string;
  abstract readonly toProcess: string;
  /** The network carrying it, set when it is sent. */
  private carrier: Network | undefined;
  /** Called at arrival time; the receiver decides whether a process takes it. */
  abstract deliver(duplicate: boolean): DeliveryOutcome;
  /** Called when the network itself drops the packet (loss, partition). */
  abstract dropped(cause: DropCause): void;

  /** @internal sent on `network`: its first copy arrives at `at`. */
  carry(network: Network, scheduler: Scheduler, at: VirtualTime): void {
    this.carrier = network;
    scheduler.enqueue(this, at);
  }

  /** @internal the first copy arrives. */
  run(): void {
    (this.carrier as Network).arrive(this, false);
  }
}

/** The second copy of a duplicated packet, queued on its own. */
class DuplicateArrival implements ScheduledEvent {
  constructor(
    private readonly network: Network,
    private readonly packet: Packet,
  ) {}

  run(): void {
    this.network.arrive(this.packet, true);
  }
}

/** Link keys by sender and receiver, built once: every send looks one up. */
const linkKeys = new Map<NodeId, Map<NodeId, string>>();

function linkKey(from: NodeId, to: NodeId): string {
  let byReceiver = linkKeys.get(from);
  if (byReceiver === undefined) linkKeys.set(from, (byReceiver = new Map()));
  let key = byReceiver.get(to);
  if (key === undefined) byReceiver.set(to, (key = `${from}>${to}`));
  return key;
}

/** How a partition is told apart from others (`heal` by id) and which processes it cuts. */
export interface PartitionOptions {
  /** `healPartition(id)` ends every partition of this id, leaving others in force. */
  readonly id?: string;
  /** Cut only messages whose sender and receiver process names both match (a name, or a prefix ending in `*`). */
  readonly only?: string;
  /** Cut only messages whose receiving process name matches (a name, or a prefix ending in `*`). */
  readonly onlyTo?: string;
}

/** One partition in force: the directed links it blocks. */
interface Cut {
  readonly links: ReadonlySet<string>;
  readonly id: string | undefined;
  /** What the sending process's name must match (a name or prefix); undefined: any. */
  readonly fromProcess: string | undefined;
  /** What the receiving process's name must all match; none: the cut takes every process. */
  readonly toProcess: readonly string[];
}

/**
 * The one authority on who can reach whom, how fast and in what order. Partitions (by node, or
 * by process name with `only`), clogs, loss and reordering live here; nothing else in the
 * simulator decides reachability.
 */
export class Network {
  readonly counters: NetworkCounters = {
    sent: 0,
    delivered: 0,
    duplicated: 0,
    dropped: { loss: 0, partition: 0, 'node-down': 0, 'no-process': 0 },
  };
  private config: NetworkConfig;
  /** Partitions in force, in the order they started; each heals on its own (by id) or all at once. */
  private cuts: Cut[] = [];
  /** Links whose messages lose FIFO order; `reorderAll` covers every cross-node link. */
  private readonly reorderLinks = new Set<string>();
  private reorderAll = false;
  /** Its own stream, so reordering never shifts the loss, jitter and duplication draws. */
  private readonly reorderRng: Rng;
  /** PCT priorities of receivers, when messages are ordered that way. */
  private readonly pct: PctOrdering | undefined;
  private readonly nodeClog = new Map<NodeId, Duration>();
  private readonly linkClog = new Map<string, Duration>();
  private readonly lastArrival = new Map<string, VirtualTime>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly rng: Rng,
    config: Partial<NetworkConfig> = {},
  ) {
    this.config = { ...DEFAULT_NETWORK, ...config };
    this.reorderRng = rng.fork('reorder');
    this.pct = this.config.ordering === 'pct' ? new PctOrdering(rng.fork('pct'), this.config.pctChangePoints) : undefined;
  }

  get settings(): NetworkConfig {
    return this.config;
  }

  setLossRate(rate: number): void {
    this.config = { ...this.config, lossRate: rate };
  }

  setDuplicateRate(rate: number): void {
    this.config = { ...this.config, duplicateRate: rate };
  }

  /**
   * Block `a → b` for every a in `from` and b in `to`; both directions unless `oneWay`. With
   * `only`, the partition cuts just the messages between processes of that name (or prefix);
   * with `onlyTo`, just the messages to processes of that name.
   */
  partition(from: readonly NodeId[], to: readonly NodeId[], oneWay = false, options: PartitionOptions = {}): void {
    const links = new Set<string>();
    for (const a of from) {
      for (const b of to) {
        if (a === b) continue;
        links.add(linkKey(a, b));
        if (!oneWay) links.add(linkKey(b, a));
      }
    }
    if (links.size > 0) this.cuts.push({ links, id: options.id, fromProcess: options.only, toProcess: [options.only, options.onlyTo].filter((p) => p !== undefined) });
  }

  /** Remove every partition. */
  healAll(): void {
    this.cuts = [];
  }

  /** Remove the partitions named `id`; the others stay in force. */
  healPartition(id: string): void {
    this.cuts = this.cuts.filter((cut) => cut.id !== id);
  }

  /** Undo one `partition(from, to, oneWay)` call without id or `only` (the oldest such). */
  heal(from: readonly NodeId[], to: readonly NodeId[], oneWay = false): void {
    const links = new Set<string>();
    for (const a of from) {
      for (const b of to) {
        if (a === b) continue;
        links.add(linkKey(a, b));
        if (!oneWay) links.add(linkKey(b, a));
      }
    }
    const at = this.cuts.findIndex(
      (cut) => cut.id === undefined && cut.toProcess.length === 0 && cut.links.size === links.size && [...links].every((l) => cut.links.has(l)),
    );
    if (at >= 0) this.cuts.splice(at, 1);
  }

  /**
   * Whether a message from `from` to `to` is cut. Without the process names, only partitions
   * that cut every process count (what a node-level question means).
   */
  isBlocked(from: NodeId, to: NodeId, processes?: { readonly from: string; readonly to: string }): boolean {
    if (from === to || this.cuts.length === 0) return false;
    const key = linkKey(from, to);
    for (const cut of this.cuts) {
      if (!cut.links.has(key)) continue;
      if (cut.toProcess.length === 0) return true;
      if (processes === undefined) continue;
      if (cut.fromProcess !== undefined && !matchesProcess(processes.from, cut.fromProcess)) continue;
      if (cut.toProcess.every((pattern) => matchesProcess(processes.to, pattern))) return true;
    }
    return false;
  }

  /** Whether any partition is in force (for coverage probes). */
  get partitioned(): boolean {
    return this.cuts.length > 0;
  }

  /** Messages between `a` and `b` (both directions; every cross-node link without them) lose FIFO order. */
  reorder(link?: readonly [NodeId, NodeId]): void {
    if (link === undefined) {
      this.reorderAll = true;
      return;
    }
    this.reorderLinks.add(linkKey(link[0], link[1]));
    this.reorderLinks.add(linkKey(link[1], link[0]));
  }

  /** Stop reordering one link (a network-wide reorder stays); without a link, stop every reorder. */
  unreorder(link?: readonly [NodeId, NodeId]): void {
    if (link === undefined) {
      this.reorderAll = false;
      this.reorderLinks.clear();
      return;
    }
    this.reorderLinks.delete(linkKey(link[0], link[1]));
    this.reorderLinks.delete(linkKey(link[1], link[0]));
  }

  /** Whether any link reorders (the quiet time ends it). */
  get reordering(): boolean {
    return this.reorderAll || this.reorderLinks.size > 0;
  }

  private reorders(from: NodeId, to: NodeId): boolean {
    return from !== to && (this.reorderAll || (this.reorderLinks.size > 0 && this.reorderLinks.has(linkKey(from, to))));
  }

  /** Extra delay on every message to or from `node`. */
  clogNode(node: NodeId, extra: Duration): void {
    this.nodeClog.set(node, extra);
  }

  unclogNode(node: NodeId): void {
    this.nodeClog.delete(node);
  }

  /** Extra delay on messages between `a` and `b` (both directions). */
  clogLink(a: NodeId, b: NodeId, extra: Duration): void {
    this.linkClog.set(linkKey(a, b), extra);
    this.linkClog.set(linkKey(b, a), extra);
  }

  unclogLink(a: NodeId, b: NodeId): void {
    this.linkClog.delete(linkKey(a, b));
    this.linkClog.delete(linkKey(b, a));
  }

  /** Whether any node or link is clogged (the quiet time ends it). */
  get clogged(): boolean {
    return this.nodeClog.size > 0 || this.linkClog.size > 0;
  }

  unclogAll(): void {
    this.nodeClog.clear();
    this.linkClog.clear();
  }

  send(packet: Packet): void {
    this.counters.sent++;
    const { from, to } = packet;
    if (from === to) {
      this.schedule(packet, this.arrivalTime(from, to, this.config.localLatency), false);
      return;
    }
    if (this.cut(packet)) {
      this.drop(packet, 'partition');
      return;
    }
    if (this.rng.chance(this.config.lossRate)) {
      this.drop(packet, 'loss');
      return;
    }
    const delay = this.crossNodeDelay(from, to, packet);
    this.schedule(packet, this.arrivalTime(from, to, delay), false);
    if (this.rng.chance(this.config.duplicateRate)) {
      this.schedule(packet, this.arrivalTime(from, to, this.crossNodeDelay(from, to, packet)), true);
    }
  }

  private crossNodeDelay(from: NodeId, to: NodeId, packet: Packet): Duration {
    const { baseLatency, jitter } = this.config;
    const clog =
      (this.nodeClog.size === 0 ? 0 : (this.nodeClog.get(from) ?? 0) + (this.nodeClog.get(to) ?? 0)) +
      (this.linkClog.size === 0 ? 0 : (this.linkClog.get(linkKey(from, to)) ?? 0));
    // Every send passes here: the receiver's key is built only when PCT needs it.
    const spread = this.pct !== undefined ? this.pct.place(`${packet.toProcess}@${to}`, jitter) : this.rng.int(0, jitter + 1);
    return baseLatency + spread + clog;
  }

  private arrivalTime(from: NodeId, to: NodeId, delay: Duration): VirtualTime {
    const at = this.scheduler.now + delay;
    if (this.reorders(from, to)) {
      // No FIFO clamp, and an extra jitter so messages really overtake each other. The link's
      // last arrival still moves, so messages sent after the reorder ends arrive after these.
      const arrival = at + this.reorderRng.int(0, this.config.reorderJitter + 1);
      if (this.config.fifo) {
        const key = linkKey(from, to);
        if (arrival > (this.lastArrival.get(key) ?? 0)) this.lastArrival.set(key, arrival);
      }
      return arrival;
    }
    if (!this.config.fifo) return at;
    const key = linkKey(from, to);
    const last = this.lastArrival.get(key) ?? 0;
    const arrival = at > last ? at : last;
    this.lastArrival.set(key, arrival);
    return arrival;
  }

  private schedule(packet: Packet, at: VirtualTime, duplicate: boolean): void {
    if (duplicate) this.scheduler.enqueue(new DuplicateArrival(this, packet), at);
    else packet.carry(this, this.scheduler, at);
  }

  /** @internal a copy of `packet` reaches its receiver's node. */
  arrive(packet: Packet, duplicate: boolean): void {
    // A partition that started while the packet was in flight still stops it.
    if (this.cut(packet)) {
      this.drop(packet, 'partition');
      return;
    }
    const outcome = packet.deliver(duplicate);
    if (outcome === 'delivered') {
      this.counters.delivered++;
      if (duplicate) this.counters.duplicated++;
    } else {
      this.counters.dropped[outcome]++;
    }
  }

  private drop(packet: Packet, cause: DropCause): void {
    this.counters.dropped[cause]++;
    packet.dropped(cause);
  }

  private cut(packet: Packet): boolean {
    return this.cuts.length > 0 && this.isBlocked(packet.from, packet.to, { from: packet.fromProcess, to: packet.toProcess });
  }
}
