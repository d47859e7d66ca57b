import { ms, type TaskBody, type VirtualTime } from '../../../sim/index.js';
import { mutated, reached, type ClusterConfig, type Ctx } from '../config.js';
import type { PlannedLayout } from '../decisions/layout-plan.js';
import type { RecoveryPath } from '../decisions/path.js';
import type { NodeCapabilities } from '../messages.js';
import { COORDINATOR } from '../names.js';
import type {
  Capability,
  Epoch,
  LogRecoveryInfo,
  NodeId,
  Pid,
  ServiceEntry,
  ServiceId,
  ServiceKind,
  StorageRecoveryInfo,
  TransactionSystemLayout,
  Version,
  VersionVector,
} from '../types.js';
import { compareNodeIds, isVacancy } from '../types.js';

/** What a coordinator hands a director it starts (§1.2 "Director start rule" 4). */
export interface DirectorArgs {
  readonly epoch: Epoch;
  readonly oldTsl: TransactionSystemLayout | null;
  /** The newest epoch the promising coordinators knew to be published (rule 18). */
  readonly knownPublished: Epoch | null;
  /** The replication factor the cluster is configured for now (it may change between generations). */
  readonly replicationFactor: number;
  readonly directory: readonly ServiceEntry[];
  readonly nodes: readonly NodeCapabilities[];
  /**
   * The nodes the coordinator has not heard from for a while (their foremen stopped announcing),
   * as of the call: the director runs on its coordinator's node and reads the coordinator's
   * registration table (as a cluster controller reads its workers' registrations).
   */
  readonly silentNow: () => readonly NodeId[];
  readonly coordinator: Pid;
  readonly config: ClusterConfig;
  /**
   * The how-manyth director of this epoch on this node while an earlier one still runs (only a
   * protocol bug gives one epoch twice): its components get names of their own (`e5r2`).
   */
  readonly generation?: number;
}

/** A service locked by this director in the current attempt. */
export interface LockedService {
  readonly id: ServiceId;
  readonly kind: ServiceKind;
  readonly pid: Pid;
  readonly address: string;
}

/**
 * How long a service or node that failed us is first left out of recruitment (F18): longer than a
 * few attempts, since leaving out a live one costs little (a worker is created instead, and a
 * suspected node is still used when too few are trusted). Each further failure doubles it, up to
 * `SUSPECT_MAX_MS`: with a fixed, short window, two dead spares that are each forgiven before the
 * other's turn comes round are picked in alternation for ever.
 */
const SUSPECT_MS = 15_000;
const SUSPECT_MAX_MS = 120_000;
/** Bedrock's window (`keep-dead-spares`): fixed, and shorter than two recovery attempts. */
const FIXED_SUSPECT_MS = 5_000;

/** The director's long-lived state: everything that survives from one attempt to the next. */
export class DirectorState {
  readonly epoch: Epoch;
  readonly oldTsl: TransactionSystemLayout | null;
  readonly knownPublished: Epoch | null;
  readonly replicationFactor: number;
  readonly config: ClusterConfig;
  readonly coordinator: Pid;
  readonly directory = new Map<ServiceId, ServiceEntry>();
  /** Logs found to hold history a layout not known to be dead may rely on: never spares (rule 18). */
  readonly holdsHistory = new Set<ServiceId>();
  nodes: readonly NodeCapabilities[];
  private readonly silentNow: () => readonly NodeId[];
  state: 'starting' | 'recovery' | 'running' | 'stopped' = 'starting';
  attempts = 0;
  /** Names this director's components: its incarnation, or its rank among directors of its epoch here. */
  readonly generation: number;
  readonly lockToken: string;
  /** The attempt before the current one, if it stalled (what F24 would carry over). */
  previousAttempt: Attempt | null = null;
  /** Monitors of the sequencer, proxies and logs, from the monitoring phase on. */
  readonly monitors = new Set<number>();
  private readonly suspects = new Map<string, { until: VirtualTime; strikes: number; failedAt: VirtualTime }>();

  constructor(
    readonly ctx: Ctx,
    args: DirectorArgs,
  ) {
    this.epoch = args.epoch;
    this.oldTsl = args.oldTsl;
    this.knownPublished = args.knownPublished;
    this.replicationFactor = args.replicationFactor;
    this.config = args.config;
    this.coordinator = args.coordinator;
    this.generation = Math.max(ctx.incarnation, args.generation ?? 1);
    for (const entry of args.directory) this.directory.set(entry.id, entry);
    this.nodes = args.nodes;
    this.silentNow = args.silentNow;
    this.lockToken = ctx.rng.id(32);
    // A node whose foreman fell silent before this director started failed it as surely as one
    // that timed out: it is suspected from the start (`trust-silent-nodes` takes it for up, and
    // hands it workers whose creation then times out).
    const silent = args.silentNow();
    if (silent.length > 0) reached(this.config, 'trust-silent-nodes');
    if (!mutated(this.config, 'trust-silent-nodes')) for (const node of silent) this.suspect(node);
  }

  get params() {
    return this.config.params;
  }

  directoryEntries(): ServiceEntry[] {
    return [...this.directory.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  capableNodes(capability: Capability): NodeId[] {
    return this.nodes
      .filter((n) => n.capabilities.includes(capability))
      .map((n) => n.node)
      .sort(compareNodeIds);
  }

  /**
   * Of `nodes`, those that fell silent (their foremen stopped announcing themselves) and are not
   * suspected yet. Read only while the coordinator that started this director runs: a killed
   * coordinator's table hears no one.
   */
  fallenSilent(nodes: readonly NodeId[]): NodeId[] {
    if (this.ctx.whereis(COORDINATOR) !== this.coordinator) return [];
    const silent = new Set(this.silentNow());
    return nodes.filter((n) => silent.has(n) && !this.isSuspect(n));
  }

  /** `key` (a service or a node) failed us: leave it out for a while, longer each time. */
  suspect(key: string): void {
    const strikes = (this.suspects.get(key)?.strikes ?? 0) + 1;
    const window = mutated(this.config, 'keep-dead-spares') ? FIXED_SUSPECT_MS : Math.min(SUSPECT_MS * 2 ** (strikes - 1), SUSPECT_MAX_MS);
    this.suspects.set(key, { until: this.ctx.now() + ms(window), strikes, failedAt: this.ctx.now() });
  }

  /** `key` answered: it is trusted again, and a later failure starts from the first window. */
  trust(key: string): void {
    this.suspects.delete(key);
  }

  /** When the suspicion of `key` ends (0 when it is not suspected). */
  suspectedUntil(key: string): number {
    const until = this.suspects.get(key)?.until;
    return until !== undefined && until > this.ctx.now() ? until : 0;
  }

  /** When `key` last failed us (0 if it never did, or answered since). */
  lastFailedAt(key: string): number {
    return this.suspects.get(key)?.failedAt ?? 0;
  }

  isSuspect(key: string): boolean {
    return this.suspectedUntil(key) > 0;
  }
}

/** One recovery attempt's working record. Every attempt starts from a fresh one (§1.3). */
export class Attempt {
  path: RecoveryPath = 'data';
  readonly locked = new Map<ServiceId, LockedService>();
  readonly logInfo = new Map<ServiceId, LogRecoveryInfo>();
  readonly storageInfo = new Map<ServiceId, StorageRecoveryInfo>();
  oldLogIdsToCopy: readonly ServiceId[] = [];
  versionVector: VersionVector = { first: 0, last: 0 };
  durableVersion: Version = 0;
  layout: PlannedLayout = { logs: [], storageTeams: [] };
  sequencer: Pid | null = null;
  proxies: Pid[] = [];
  /** Sequencers and proxies this attempt started, stopped if the attempt fails. */
  readonly started: Pid[] = [];
  /**
   * Proxies asked for and not yet answered for, as `name@node`: one may check in with the
   * director before the reply that names it arrives (a round trip longer than its first check).
   */
  starting: string[] = [];
  tsl: TransactionSystemLayout | null = null;
  published = false;
  /** Storage servers to unlock once the layout is published (rule 19). */
  storageToUnlock: LockedService[] = [];

  constructor(readonly number: number) {}

  /** F24 (`carry-over-attempt-state`): start from an earlier attempt's lock replies. */
  carryOver(previous: Attempt): void {
    for (const [id, v] of previous.locked) this.locked.set(id, v);
    for (const [id, v] of previous.logInfo) this.logInfo.set(id, v);
    for (const [id, v] of previous.storageInfo) this.storageInfo.set(id, v);
  }

  /** What a running generation depends on (§4.14): its sequencer, its proxies and its logs, never storage. */
  monitoredPids(): Pid[] {
    const pids = [this.sequencer, ...this.proxies];
    for (const log of this.layout.logs) if (!isVacancy(log.id)) pids.push(this.locked.get(log.id)?.pid ?? null);
    return pids.filter((p): p is Pid => p !== null);
  }
}

/** How an attempt (or a phase of it) ends. */
export type Outcome =
  | { readonly kind: 'completed' }
  | { readonly kind: 'stalled'; readonly reason: string; readonly detail: string }
  | { readonly kind: 'fatal'; readonly reason: string; readonly detail: string }
  /** The director exits (a crash in Bedrock's terms); its coordinator starts a fresh epoch. */
  | { readonly kind: 'exit'; readonly reason: string };

export function stalled(reason: string, detail = ''): Outcome {
  return { kind: 'stalled', reason, detail };
}

/** A phase: runs, maybe waits on the network, and ends the attempt (an Outcome) or lets it go on (undefined). */
export type Phase = TaskBody<Outcome | undefined>;

/** The context every phase gets. */
export interface Recovery {
  readonly ctx: Ctx;
  readonly d: DirectorState;
  readonly a: Attempt;
}
