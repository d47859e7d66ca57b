import {
  FAULT_FAMILIES,
  generateFaultPlan,
  ms,
  Rng,
  sortedActions,
  type FaultAction,
  type FaultFamily,
  type FaultPlan,
  type NetworkConfig,
  type SwarmConfig,
} from '../../sim/index.js';
import type { ClusterSpec, NodeSpec } from '../cluster/cluster.js';
import type { MutationId } from '../cluster/mutations.js';
import { COORDINATOR } from '../cluster/names.js';
import { DEFAULT_PARAMS, type ProtocolParams } from '../cluster/params.js';
import type { WorkloadSpec } from '../cluster/services/client.js';
import type { NodeId } from '../cluster/types.js';
import { drawAimed, drawTimeouts, type AimedConfig, type AimedMode } from './aimed.js';
import { drawShape } from './shape-draw.js';
import type { DrawnShape, ShapedCluster } from './shapes.js';
import type { MessageOrdering, RandomFaults, Reconfiguration, Scenario, ScriptedElection } from './types.js';

/** A scenario with every default filled in and its fault plan drawn for one seed. */
export interface ResolvedScenario {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly mutations: readonly MutationId[];
  /** Message ordering chosen for this run instead of the scenario's (`--ordering`), if any. */
  readonly orderingOverride: MessageOrdering | undefined;
  readonly cluster: ClusterSpec;
  readonly network: Partial<NetworkConfig>;
  readonly plan: FaultPlan;
  /** The swarm settings the seed drew, when faults are random. */
  readonly swarm: SwarmConfig | undefined;
  /** The aimed triggers the seed enabled, when faults are random and aimed faults are on. */
  readonly aimed: AimedConfig | undefined;
  /** The timeouts the seed drew (only those that differ from the scenario's), when they are seeded. */
  readonly timeouts: Partial<ProtocolParams>;
  /** The cluster shape the seed drew, when the scenario has `shape`. */
  readonly shape: DrawnShape | undefined;
  readonly elections: readonly ScriptedElection[];
  readonly reconfigure: readonly Reconfiguration[];
  readonly durationMs: number;
  readonly quietAtMs: number;
  /** When liveness is judged (quiet + bound); beyond the run's end it is not judged. */
  readonly livenessAtMs: number;
}

export const DEFAULT_RANDOM_FAULTS_MS = 20_000;
export const DEFAULT_PROCESS_PATTERNS = ['log-*', 'storage-*', 'director-*', 'proxy-*', 'sequencer-*', 'coordinator', 'foreman'];

const DEFAULT_WORKLOAD = { ratePerSec: 20, startMs: 500, keys: 100, readShare: 0.25, readKeys: 3, sessions: 2 };

/** The nodes: named in `cluster`, or drawn from the seed (its own stream, so the fault plan's draws do not shift). */
function nodesOf(scenario: Scenario, seed: number): { nodes: readonly NodeSpec[]; coordinators: readonly NodeId[]; drawn: ShapedCluster | undefined } {
  if (scenario.cluster !== undefined) {
    const nodes = scenario.cluster.nodes;
    const coordinators =
      scenario.cluster.coordinators ?? nodes.filter((n) => n.capabilities.includes('coordination')).slice(0, 3).map((n) => n.id);
    return { nodes, coordinators, drawn: undefined };
  }
  // Validation rejects a scenario with neither; only hand-built ones reach this.
  if (scenario.shape === undefined) throw new Error(`scenario "${scenario.name}" has neither "cluster" nor "shape"`);
  const drawn = drawShape(Rng.fromSeed(seed).fork('shape'), scenario.shape);
  return { nodes: drawn.nodes, coordinators: drawn.coordinators, drawn };
}

/** The replication change a seed drew, placed in its fault window (a scenario's own list wins). */
function drawnChange(drawn: ShapedCluster | undefined, startMs: number, quietAtMs: number): { atMs: number; replicationFactor: number }[] {
  const change = drawn?.shape.replicationChange;
  if (change === null || change === undefined) return [];
  const from = Math.min(startMs, quietAtMs);
  return [{ atMs: Math.round(from + change.at * (quietAtMs - from)), replicationFactor: change.replicationFactor }];
}

/** With loss off for the seed, the random plan may not draw `loss` (from the scenario's own list, when it has one). */
function familiesOf(random: RandomFaults, drawn: ShapedCluster | undefined): readonly FaultFamily[] | undefined {
  if (drawn === undefined || drawn.shape.loss) return random.families;
  return (random.families ?? FAULT_FAMILIES).filter((f) => f !== 'loss');
}

/** The triggers a seed enables: drawn from a mode, or the scenario's own list (a shrunk file keeps the seed's). */
function aimedOf(aimed: AimedMode | AimedConfig, seed: number): AimedConfig | undefined {
  if (typeof aimed !== 'string') return aimed.triggers.length > 0 ? aimed : undefined;
  return drawAimed(Rng.fromSeed(seed).fork('aimed'), aimed);
}

/** The aimed triggers `seed` enables in `scenario` (none: undefined). */
export function aimedDraw(scenario: Scenario, seed: number): AimedConfig | undefined {
  return aimedOf(scenario.faults?.aimed ?? (scenario.faults?.random !== undefined ? 'swarm' : 'off'), seed);
}

/** Fill in defaults, draw the seed's cluster shape (with `shape`) and fault plan. `mutations` replaces the scenario's list when given. */
export function resolveScenario(scenario: Scenario, seed: number, mutations?: readonly MutationId[], ordering?: MessageOrdering): ResolvedScenario {
  const { nodes, coordinators, drawn } = nodesOf(scenario, seed);
  // What the scenario sets explicitly wins over what the seed drew.
  const random = scenario.faults?.random;
  // Seeded timeouts come from their own stream: the shape's and the fault plan's draws do not move.
  const timeoutMode = scenario.faults?.timeouts ?? (random !== undefined ? 'seeded' : 'fixed');
  // A wide-area shape keeps the default timeouts: a round trip there outlasts the shortest ones a
  // seed may draw, which would stall the reference protocol rather than explore it.
  const wide = drawn?.shape.wanLatencyMs != null;
  const timeouts = timeoutMode === 'seeded' && !wide ? drawTimeouts(Rng.fromSeed(seed).fork('timeouts'), scenario.params ?? {}) : {};
  const params: ProtocolParams = { ...DEFAULT_PARAMS, ...drawn?.params, ...timeouts, ...scenario.params };
  const script: FaultAction[] = [...(scenario.faults?.script ?? [])];
  const lastScripted = script.reduce((max, a) => Math.max(max, a.at), -1);
  const quietAtMs =
    scenario.faults?.quietAtMs ?? (random !== undefined ? DEFAULT_RANDOM_FAULTS_MS : lastScripted >= 0 ? lastScripted + 1 : 0);
  const durationMs = scenario.durationMs ?? quietAtMs + params.livenessBoundMs + 2_000;

  let swarm: SwarmConfig | undefined;
  if (random !== undefined) {
    const families = familiesOf(random, drawn);
    const generated = generateFaultPlan(Rng.fromSeed(seed).fork('fault-plan'), {
      nodes: random.nodes ?? nodes.map((n) => n.id),
      startMs: random.startMs ?? 2_000,
      quietAtMs,
      processPatterns: random.processPatterns ?? DEFAULT_PROCESS_PATTERNS,
      // coordinator-partition cuts the model's coordinators off from each other; the kernel only knows the name.
      coordinatorProcess: COORDINATOR,
      coordinatorNodes: coordinators,
      ...(families !== undefined ? { families } : {}),
      ...(random.maxCrashedNodes !== undefined ? { maxCrashedNodes: random.maxCrashedNodes } : {}),
      ...(random.meanGapMs !== undefined ? { meanGapMs: random.meanGapMs } : {}),
    });
    swarm = generated.swarm;
    script.push(...generated.plan.actions);
  }
  const plan: FaultPlan = { actions: sortedActions({ actions: script, quietAtMs }), quietAtMs };
  const switchedOn = mutations ?? scenario.mutations ?? [];

  const workload: WorkloadSpec = { ...DEFAULT_WORKLOAD, stopMs: durationMs, ...drawn?.workload, ...scenario.workload };
  const net = { ...drawn?.network, ...scenario.network };
  return {
    scenario,
    seed,
    mutations: switchedOn,
    orderingOverride: ordering !== undefined && ordering !== (scenario.network?.ordering ?? 'random') ? ordering : undefined,
    cluster: {
      nodes,
      coordinators,
      params,
      mutations: new Set(switchedOn),
      workers: scenario.cluster?.workers ?? [],
      workload,
    },
    network: {
      ...(net.baseLatencyMs !== undefined ? { baseLatency: ms(net.baseLatencyMs) } : {}),
      ...(net.jitterMs !== undefined ? { jitter: ms(net.jitterMs) } : {}),
      ...(net.lossRate !== undefined ? { lossRate: net.lossRate } : {}),
      ...(net.duplicateRate !== undefined ? { duplicateRate: net.duplicateRate } : {}),
      ...(net.reorderJitterMs !== undefined ? { reorderJitter: ms(net.reorderJitterMs) } : {}),
      ...(ordering !== undefined ? { ordering } : net.ordering !== undefined ? { ordering: net.ordering } : {}),
    },
    plan,
    swarm,
    aimed: aimedDraw(scenario, seed),
    timeouts,
    shape: drawn?.shape,
    elections: scenario.elections ?? [],
    reconfigure: [...(scenario.reconfigure ?? drawnChange(drawn, random?.startMs ?? 2_000, quietAtMs))].sort((a, b) => a.atMs - b.atMs),
    durationMs,
    quietAtMs,
    livenessAtMs: quietAtMs + params.livenessBoundMs,
  };
}
