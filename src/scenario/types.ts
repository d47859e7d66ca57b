import type { FaultAction, FaultFamily } from '../../sim/index.js';
import type { NodeSpec, WorkerSpec } from '../cluster/cluster.js';
import type { MutationId } from '../cluster/mutations.js';
import type { ProtocolParams } from '../cluster/params.js';
import type { WorkloadSpec } from '../cluster/services/client.js';
import type { NodeId } from '../cluster/types.js';
import type { InvariantId } from '../check/types.js';
import type { AimedConfig, AimedMode, TimeoutMode } from './aimed.js';

/** How deliveries racing within the jitter window are ordered (`sim/pct.ts`). */
export type MessageOrdering = 'random' | 'pct';

/** Random faults drawn from the run's seed (swarm testing). */
export interface RandomFaults {
  /** No fault before this (ms); default 2000, after the cluster has bootstrapped. */
  readonly startMs?: number;
  readonly families?: readonly FaultFamily[];
  /** Nodes faults may hit; default every cluster node. */
  readonly nodes?: readonly NodeId[];
  /** Process name patterns `kill` may target. */
  readonly processPatterns?: readonly string[];
  readonly maxCrashedNodes?: number;
  readonly meanGapMs?: number;
}

export interface FaultSpec {
  /** Scripted fault actions. */
  readonly script?: readonly FaultAction[];
  readonly random?: RandomFaults;
  /** Faults aimed at protocol moments: a swarm subset per seed, all, none, or a list (default: swarm with random faults, else off). */
  readonly aimed?: AimedMode | AimedConfig;
  /** The protocol's timeouts: drawn per seed within their valid ranges, or the scenario's (default: seeded with random faults, else fixed). */
  readonly timeouts?: TimeoutMode;
  /** When faults stop and everything heals (ms). Default: after the last scripted action, or 60% of the run with random faults. */
  readonly quietAtMs?: number;
}

/** An operator changes the cluster's configuration at `atMs` (it takes effect through a recovery). */
export interface Reconfiguration {
  readonly atMs: number;
  readonly replicationFactor: number;
}

/** A scripted election: the coordinator on `coordinator` campaigns for a new term at `atMs`. */
export interface ScriptedElection {
  readonly atMs: number;
  readonly coordinator: NodeId;
}

/**
 * A line a teaching demo prints when an event of type `on` happens (the first match only, unless
 * `repeat`; after `skip` matches when given). `when` narrows it: every listed field of the event (a dotted path reaches into
 * nested objects, e.g. `action.kind`) must equal the given value.
 */
export interface NarrationRule {
  readonly on: string;
  readonly when?: Readonly<Record<string, string | number | boolean | null>>;
  readonly say: string;
  /** Let this many matching events pass before speaking (e.g. 1: the second publication). */
  readonly skip?: number;
  readonly repeat?: boolean;
}

/** Makes a scenario a teaching demo (`recovery-sim demo <name>`). */
export interface DemoSpec {
  /** Position in the demo list. */
  readonly order: number;
  /** One line: what the demo shows. */
  readonly title: string;
  readonly narration?: readonly NarrationRule[];
  /** Printed after the run, with what the invariants concluded. */
  readonly conclusion?: string;
}

export interface Expectation {
  readonly verdict: 'pass' | 'violation';
  /** With `violation`: this invariant must be among those violated. */
  readonly invariant?: InvariantId;
}

/** How a drawn cluster places roles: every node does everything, or coordination, logs and storage on separate nodes. */
export type ShapeRole = 'shared' | 'split';

/** An inclusive range `[min, max]`. */
export type Range = readonly [number, number];

/**
 * A cluster drawn from each seed instead of named nodes (swarm testing over cluster shapes).
 * Every field narrows one of `SHAPE_DEFAULTS` (`shapes.ts`); settings given elsewhere in the
 * scenario (`params`, `workload`, `network`, `faults`) win over drawn values.
 */
export interface ShapeSpec {
  /** Node count; ids n1..nN. */
  readonly nodes?: Range;
  /** Coordinator counts a seed may pick (odd); counts above the node count are left out. */
  readonly coordinators?: readonly number[];
  readonly roles?: readonly ShapeRole[];
  /** Capped at the number of log-capable nodes. */
  readonly desiredLogs?: Range;
  /** Capped at the number of storage-capable nodes. */
  readonly replicationFactor?: Range;
  /** User shards of the new cluster. */
  readonly shards?: Range;
  /** Log tag groups (capped at the number of tags). */
  readonly logGroups?: Range;
  /** Storage servers beyond R that teams are drawn from (0: every team has the same R). */
  readonly spareStorage?: Range;
  /** Workload operations per second (integer). */
  readonly ratePerSec?: Range;
  /** Workload share of reads (rounded to 2 decimals). */
  readonly readShare?: Range;
  /** Network duplicate rate when duplication is on. */
  readonly duplicateRate?: Range;
  /** Probability that duplication is on for a seed. */
  readonly duplication?: number;
  /** Probability that the random fault plan may use the `loss` family for a seed. */
  readonly loss?: number;
  /** Commit proxies per generation. */
  readonly commitProxies?: Range;
  /** Probability that a seed places workers strictly (one new worker of a kind per node), when the shape allows it. */
  readonly strictPlacement?: number;
  /** Probability that a seed changes the replication factor during the fault window. */
  readonly replicationChange?: number;
  /** Probability that a seed puts the cluster on a slow, wide-area network (100 to 140 ms one way). */
  readonly wan?: number;
}

/** The nodes of a scenario, by name. */
export interface NamedCluster {
  readonly nodes: readonly NodeSpec[];
  /** Nodes running a coordinator; default the first three coordination-capable nodes. */
  readonly coordinators?: readonly NodeId[];
  readonly workers?: readonly WorkerSpec[];
}

/** A scenario is data: with a seed it is a complete, replayable experiment. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** What to watch for, for people (demos print it). */
  readonly watch?: readonly string[];
  /** The nodes by name; a scenario gives this or `shape`, not both. */
  readonly cluster?: NamedCluster;
  /** A cluster drawn from each seed; a scenario gives this or `cluster`, not both. */
  readonly shape?: ShapeSpec;
  readonly params?: Partial<ProtocolParams>;
  readonly network?: {
    readonly baseLatencyMs?: number;
    readonly jitterMs?: number;
    readonly lossRate?: number;
    readonly duplicateRate?: number;
    /** Extra uniform delay on a reordering link (ms). */
    readonly reorderJitterMs?: number;
    /** How racing deliveries are ordered: at random (default) or by PCT priorities. */
    readonly ordering?: MessageOrdering;
  };
  readonly workload?: Partial<WorkloadSpec>;
  readonly faults?: FaultSpec;
  readonly elections?: readonly ScriptedElection[];
  /** Configuration changes (the replication factor) at given times. */
  readonly reconfigure?: readonly Reconfiguration[];
  readonly mutations?: readonly MutationId[];
  readonly durationMs?: number;
  readonly expect?: Expectation;
  readonly demo?: DemoSpec;
}
