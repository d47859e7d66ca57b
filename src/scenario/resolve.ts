import { generateFaultPlan, ms, Rng, sortedActions, type FaultAction, type FaultPlan, type NetworkConfig, type SwarmConfig } from '../../sim/index.js';
import type { ClusterSpec } from '../cluster/cluster.js';
import type { MutationId } from '../cluster/mutations.js';
import { DEFAULT_PARAMS, type ProtocolParams } from '../cluster/params.js';
import type { WorkloadSpec } from '../cluster/services/client.js';
import type { Scenario, ScriptedElection } from './types.js';

/** A scenario with every default filled in and its fault plan drawn for one seed. */
export interface ResolvedScenario {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly mutations: readonly MutationId[];
  readonly cluster: ClusterSpec;
  readonly network: Partial<NetworkConfig>;
  readonly plan: FaultPlan;
  /** The swarm settings the seed drew, when faults are random. */
  readonly swarm: SwarmConfig | undefined;
  readonly elections: readonly ScriptedElection[];
  readonly durationMs: number;
  readonly quietAtMs: number;
  /** When liveness is judged (quiet + bound); beyond the run's end it is not judged. */
  readonly livenessAtMs: number;
}

export const DEFAULT_RANDOM_FAULTS_MS = 20_000;
export const DEFAULT_PROCESS_PATTERNS = ['log-*', 'storage-*', 'director-*', 'proxy-*', 'sequencer-*', 'coordinator', 'foreman'];

const DEFAULT_WORKLOAD = { ratePerSec: 20, startMs: 500, keys: 100, readShare: 0.25, readKeys: 3, sessions: 2 };

/** Fill in defaults and draw the seed's fault plan. `mutations` replaces the scenario's list when given. */
export function resolveScenario(scenario: Scenario, seed: number, mutations?: readonly MutationId[]): ResolvedScenario {
  const params: ProtocolParams = { ...DEFAULT_PARAMS, ...scenario.params };
  const nodes = scenario.cluster.nodes;
  const coordinators =
    scenario.cluster.coordinators ?? nodes.filter((n) => n.capabilities.includes('coordination')).slice(0, 3).map((n) => n.id);
  const script: FaultAction[] = [...(scenario.faults?.script ?? [])];
  const random = scenario.faults?.random;
  const lastScripted = script.reduce((max, a) => Math.max(max, a.at), -1);
  const quietAtMs =
    scenario.faults?.quietAtMs ?? (random !== undefined ? DEFAULT_RANDOM_FAULTS_MS : lastScripted >= 0 ? lastScripted + 1 : 0);
  const durationMs = scenario.durationMs ?? quietAtMs + params.livenessBoundMs + 2_000;

  let swarm: SwarmConfig | undefined;
  if (random !== undefined) {
    const generated = generateFaultPlan(Rng.fromSeed(seed).fork('fault-plan'), {
      nodes: random.nodes ?? nodes.map((n) => n.id),
      startMs: random.startMs ?? 2_000,
      quietAtMs,
      processPatterns: random.processPatterns ?? DEFAULT_PROCESS_PATTERNS,
      ...(random.families !== undefined ? { families: random.families } : {}),
      ...(random.maxCrashedNodes !== undefined ? { maxCrashedNodes: random.maxCrashedNodes } : {}),
      ...(random.meanGapMs !== undefined ? { meanGapMs: random.meanGapMs } : {}),
    });
    swarm = generated.swarm;
    script.push(...generated.plan.actions);
  }
  const plan: FaultPlan = { actions: sortedActions({ actions: script, quietAtMs }), quietAtMs };
  const switchedOn = mutations ?? scenario.mutations ?? [];

  const workload: WorkloadSpec = { ...DEFAULT_WORKLOAD, stopMs: durationMs, ...scenario.workload };
  const net = scenario.network ?? {};
  return {
    scenario,
    seed,
    mutations: switchedOn,
    cluster: {
      nodes,
      coordinators,
      params,
      mutations: new Set(switchedOn),
      workers: scenario.cluster.workers ?? [],
      workload,
    },
    network: {
      ...(net.baseLatencyMs !== undefined ? { baseLatency: ms(net.baseLatencyMs) } : {}),
      ...(net.jitterMs !== undefined ? { jitter: ms(net.jitterMs) } : {}),
      ...(net.lossRate !== undefined ? { lossRate: net.lossRate } : {}),
      ...(net.duplicateRate !== undefined ? { duplicateRate: net.duplicateRate } : {}),
    },
    plan,
    swarm,
    elections: scenario.elections ?? [],
    durationMs,
    quietAtMs,
    livenessAtMs: quietAtMs + params.livenessBoundMs,
  };
}
