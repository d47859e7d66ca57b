import type { Delivery, NodeId, TraceRecord, VirtualTime } from '../../sim/index.js';
import type { RunEvent } from '../cluster/events.js';
import type { LogView, StorageView } from '../cluster/ground-truth.js';
import type { CoordinatorDisk } from '../cluster/services/coordinator.js';
import type { LogDisk } from '../cluster/services/log.js';
import type { StorageDisk } from '../cluster/services/storage.js';
import type { ProcessAddress, ServiceId, ServiceKind } from '../cluster/types.js';
import type { Facts } from './facts/index.js';

export const INVARIANT_IDS = [
  'no-split-brain',
  'layout-only-locked',
  'no-old-layout-reuse',
  'selective-locking',
  'epoch-monotonic',
  'fencing',
  'no-acked-commit-lost',
  'storage-consistent',
  'reads-consistent',
  'acts-on-promised-layout',
  'asks-doubtful-nodes',
  'teams-replicated',
  'old-generations-stop',
  'recovery-completes',
] as const;

export type InvariantId = (typeof INVARIANT_IDS)[number];

export function isInvariantId(value: string): value is InvariantId {
  return (INVARIANT_IDS as readonly string[]).includes(value);
}

/** A violated invariant, with the trace events that witness it. */
export interface Violation {
  readonly invariant: InvariantId;
  /** The event at which the violation became certain. */
  readonly event: number;
  readonly time: VirtualTime;
  readonly message: string;
  /** Other events that show it (earlier locks, acks, publishes). */
  readonly witnesses: readonly number[];
}

export type Rec = TraceRecord<RunEvent>;

/**
 * What the simulator owns, whatever the processes say: the durable state of every service and
 * coordinator. Checkers read it; they never change it.
 */
export interface GroundTruth {
  log(id: ServiceId): Readonly<LogView> | undefined;
  /** Just a log's entries and how many are synced (the committed history reads them at every sync). */
  logEntries(id: ServiceId): Readonly<Pick<LogView, 'entries' | 'synced'>> | undefined;
  storage(id: ServiceId): Readonly<StorageView> | undefined;
  /** A worker's state alone, without its records (cheap: read after every delivery). */
  logState(id: ServiceId): Readonly<LogDisk> | undefined;
  storageState(id: ServiceId): Readonly<StorageDisk> | undefined;
  /** The records a worker's file holds (a log's entries, a storage server's applied versions). */
  recordsOf(kind: ServiceKind, id: ServiceId): readonly unknown[];
  coordinator(node: NodeId): Readonly<CoordinatorDisk> | undefined;
}

/** The run's settings a checker may need to judge it. */
export interface RunSettings {
  /** Coordinator addresses, in index order. */
  readonly coordinators: readonly ProcessAddress[];
  readonly desiredLogs: number;
  readonly replicationFactor: number;
  /** How a new cluster is cut: user shards, log tag groups, storage servers (0: exactly R). */
  readonly shards: number;
  readonly logGroups: number;
  readonly storageServers: number;
  /** The replication factor the cluster was configured for at a virtual time (it may change). */
  replicationFactorAt(time: VirtualTime): number;
  /** The nodes able to host new logs and new storage servers (recovery creates its logs there). */
  readonly capableNodes: { readonly log: readonly NodeId[]; readonly storage: readonly NodeId[] };
  /** Under strict placement, the distinct nodes a recovery needs for its logs and storage servers. */
  readonly strictNeeds?: { readonly logs: number; readonly storage: number };
  /** When faults stop (ms) and how long recovery may take after that (ms). */
  readonly quietAtMs: number;
  readonly livenessBoundMs: number;
  /** How often foremen announce themselves (ms): a coordinator counts a node unheard for five intervals as silent. */
  readonly registerIntervalMs: number;
  /** When the workload stops issuing operations (ms), and how many commits a second it issues. */
  readonly workloadStopMs: number;
  readonly expectedCommitsPerSec: number;
  readonly durationMs: number;
}

/**
 * A node whose contents are gone for good before the quiet time, and since when (µs): crashed
 * never to restart, or its disk wiped. Services a layout placed there before that time are lost.
 */
export interface LostNode {
  readonly node: NodeId;
  readonly atUs: VirtualTime;
  readonly how: 'crashed for good' | 'disk wiped';
}

/** Where a checker stands in the run when it reports: the newest trace record. */
export interface Position {
  readonly event: number;
  readonly time: VirtualTime;
}

/** Everything a checker may read besides events. */
export interface CheckContext {
  readonly settings: RunSettings;
  readonly truth: GroundTruth;
  /** The newest trace record (for reports made outside `observe`). */
  position(): Position;
  /** Whether a process lives at this address, or this incarnation (a pid) runs, now (the kernel's word). */
  alive(target: string): boolean;
  report(violation: Omit<Violation, 'invariant'>): void;
}

/** What decides who reads a message's records: its type, and its sender's and receiver's process names (no node, no incarnation). */
export interface MessageKind {
  readonly type: string;
  readonly from: string;
  readonly to: string;
}

/** An online observer for one invariant. It watches; it never changes the run. */
export interface Checker {
  /**
   * The record types `observe` reads itself: it is called on every record of these types. Every
   * checker's `observe` is also called at each record where the facts learned something (a
   * director started, a client was answered, a coordinator's disk changed, a layout was published,
   * the committed history moved), whatever its type.
   */
  readonly observes?: readonly Rec['type'][];
  /**
   * Which messages' `send` and `deliver` records `observe` reads itself (when `observes` lists
   * those types); without it, every message's. Asked once for each kind of message (its type and
   * the names of its sender and receiver) and remembered, so it must depend on the kind alone.
   */
  readonly reads?: (message: MessageKind) => boolean;
  observe?(record: Rec): void;
  /**
   * The message types whose deliveries `delivered` reads itself: it is called on every delivery of
   * these types, whatever the delivery changed.
   */
  readonly delivers?: readonly string[];
  /**
   * A message the kernel delivered, after its receiver handled it (facts already updated); called
   * on the types in `delivers`, and whenever the delivery changed what a log, storage server or
   * coordinator holds on disk, published a layout, or moved the committed history (nothing a
   * checker can see changes otherwise).
   */
  delivered?(delivery: Delivery): void;
  /** The liveness checkpoint (quiet time + bound), if the run reaches it. */
  checkpoint?(time: VirtualTime): void;
  /** The run has ended: judge what can only be judged on the final state. */
  finish?(time: VirtualTime): void;
}

export type CheckerFactory = (ctx: CheckContext, facts: Facts) => Checker;
