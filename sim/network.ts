import type { Rng } from './rng.js';
import type { Scheduler } from './scheduler.js';
import type { Duration, VirtualTime } from './time.js';

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
}

export const DEFAULT_NETWORK: NetworkConfig = {
  baseLatency: 500,
  jitter: 1_500,
  localLatency: 10,
  lossRate: 0,
  duplicateRate: 0,
  fifo: true,
};

export type DropCause = 'loss' | 'partition' | 'node-down' | 'no-process';

export interface NetworkCounters {
  sent: number;
  delivered: number;
  duplicated: number;
  dropped: Record<DropCause, number>;
}

/** What the receiving side did with a packet: delivered it, or why not. */
export type DeliveryOutcome = 'delivered' | DropCause;

export interface Packet {
  readonly from: NodeId;
  readonly to: NodeId;
  /** Called at arrival time; the receiver decides whether a process takes it. */
  deliver(duplicate: boolean): DeliveryOutcome;
  /** Called when the network itself drops the packet (loss, partition). */
  dropped(cause: DropCause): void;
}

function linkKey(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}

/**
 * The one authority on who can reach whom and how fast. Partitions, clogs and loss live here;
 * nothing else in the simulator decides reachability.
 */
export class Network {
  readonly counters: NetworkCounters = {
    sent: 0,
    delivered: 0,
    duplicated: 0,
    dropped: { loss: 0, partition: 0, 'node-down': 0, 'no-process': 0 },
  };
  private config: NetworkConfig;
  /** Directed blocked links with a count, so overlapping partitions heal independently. */
  private readonly blocked = new Map<string, number>();
  private readonly nodeClog = new Map<NodeId, Duration>();
  private readonly linkClog = new Map<string, Duration>();
  private readonly lastArrival = new Map<string, VirtualTime>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly rng: Rng,
    config: Partial<NetworkConfig> = {},
  ) {
    this.config = { ...DEFAULT_NETWORK, ...config };
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

  /** Block `a → b` for every a in `from` and b in `to`; both directions unless `oneWay`. */
  partition(from: readonly NodeId[], to: readonly NodeId[], oneWay = false): void {
    for (const a of from) {
      for (const b of to) {
        if (a === b) continue;
        this.block(a, b);
        if (!oneWay) this.block(b, a);
      }
    }
  }

  /** Remove every partition. */
  healAll(): void {
    this.blocked.clear();
  }

  /** Undo one `partition(from, to, oneWay)` call. */
  heal(from: readonly NodeId[], to: readonly NodeId[], oneWay = false): void {
    for (const a of from) {
      for (const b of to) {
        if (a === b) continue;
        this.unblock(a, b);
        if (!oneWay) this.unblock(b, a);
      }
    }
  }

  isBlocked(from: NodeId, to: NodeId): boolean {
    return from !== to && this.blocked.has(linkKey(from, to));
  }

  /** Whether any partition is in force (for coverage probes). */
  get partitioned(): boolean {
    return this.blocked.size > 0;
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
    if (this.isBlocked(from, to)) {
      this.drop(packet, 'partition');
      return;
    }
    if (this.rng.chance(this.config.lossRate)) {
      this.drop(packet, 'loss');
      return;
    }
    const delay = this.crossNodeDelay(from, to);
    this.schedule(packet, this.arrivalTime(from, to, delay), false);
    if (this.rng.chance(this.config.duplicateRate)) {
      this.schedule(packet, this.arrivalTime(from, to, this.crossNodeDelay(from, to)), true);
    }
  }

  private crossNodeDelay(from: NodeId, to: NodeId): Duration {
    const { baseLatency, jitter } = this.config;
    const clog =
      (this.nodeClog.get(from) ?? 0) + (this.nodeClog.get(to) ?? 0) + (this.linkClog.get(linkKey(from, to)) ?? 0);
    return baseLatency + this.rng.int(0, jitter + 1) + clog;
  }

  private arrivalTime(from: NodeId, to: NodeId, delay: Duration): VirtualTime {
    const at = this.scheduler.now + delay;
    if (!this.config.fifo) return at;
    const key = linkKey(from, to);
    const last = this.lastArrival.get(key) ?? 0;
    const arrival = at > last ? at : last;
    this.lastArrival.set(key, arrival);
    return arrival;
  }

  private schedule(packet: Packet, at: VirtualTime, duplicate: boolean): void {
    this.scheduler.at(at, () => {
      // A partition that started while the packet was in flight still stops it.
      if (this.isBlocked(packet.from, packet.to)) {
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
    });
  }

  private drop(packet: Packet, cause: DropCause): void {
    this.counters.dropped[cause]++;
    packet.dropped(cause);
  }

  private block(a: NodeId, b: NodeId): void {
    const key = linkKey(a, b);
    this.blocked.set(key, (this.blocked.get(key) ?? 0) + 1);
  }

  private unblock(a: NodeId, b: NodeId): void {
    const key = linkKey(a, b);
    const n = this.blocked.get(key);
    if (n === undefined) return;
    if (n <= 1) this.blocked.delete(key);
    else this.blocked.set(key, n - 1);
  }
}
