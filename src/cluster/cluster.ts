import { ms, processAddress, type Simulation } from '../../sim/index.js';
import type { ClusterConfig } from './config.js';
import { MutationPoints } from './mutation-points.js';
import type { ClusterEvent } from './events.js';
import type { MutationSet } from './mutations.js';
import { CLIENT, CLIENT_NODE, COORDINATOR, FOREMAN } from './names.js';
import type { ProtocolParams } from './params.js';
import { client, type WorkloadSpec } from './services/client.js';
import { coordinator } from './services/coordinator.js';
import { foreman, type WorkerRecord } from './services/foreman.js';
import type { Capability, NodeId, ServiceKind } from './types.js';

export interface NodeSpec {
  readonly id: NodeId;
  readonly capabilities: readonly Capability[];
  /** When the node joins (ms); absent = from the start. */
  readonly joinAtMs?: number;
}

/** Workers that exist before the first director runs (spares a recovery may recruit). */
export interface WorkerSpec {
  readonly node: NodeId;
  readonly kind: ServiceKind;
  readonly count: number;
}

export interface ClusterSpec {
  readonly nodes: readonly NodeSpec[];
  /** Nodes that run a coordinator, in index order. */
  readonly coordinators: readonly NodeId[];
  readonly params: ProtocolParams;
  readonly mutations: MutationSet;
  readonly workers: readonly WorkerSpec[];
  readonly workload: WorkloadSpec;
}

/** The handle a runner keeps on a built cluster. */
export interface Cluster {
  readonly spec: ClusterSpec;
  readonly config: ClusterConfig;
}

/**
 * Put the modelled system on a simulation: every node runs a foreman (and its workers), the
 * coordinator nodes a coordinator, and a separate client node the workload. Nodes with a join
 * time are added then, as a new machine would be.
 */
export function buildCluster(sim: Simulation<ClusterEvent>, spec: ClusterSpec): Cluster {
  const config: ClusterConfig = {
    params: spec.params,
    mutations: spec.mutations,
    coordinators: spec.coordinators.map((node) => processAddress(node, COORDINATOR)),
    keySpace: spec.workload.keys,
    points: new MutationPoints(),
  };
  const idRng = sim.rng.fork('initial-workers');
  const initial = new Map<NodeId, WorkerRecord[]>();
  for (const w of spec.workers) {
    const list = initial.get(w.node) ?? [];
    for (let i = 0; i < w.count; i++) list.push({ id: idRng.id(8), kind: w.kind });
    initial.set(w.node, list);
  }
  const addNode = (node: NodeSpec): void => {
    const runsCoordinator = spec.coordinators.includes(node.id);
    // The node's init keeps its foreman and coordinator running, as an OS service manager would.
    const restartDelay = ms(spec.params.workerRestartDelayMs);
    sim.addNode(node.id, (handle) => {
      handle.spawnPermanent(FOREMAN, foreman(node.id, node.capabilities, config, initial.get(node.id) ?? []), restartDelay);
      if (runsCoordinator) handle.spawnPermanent(COORDINATOR, coordinator(config), restartDelay);
    });
  };
  for (const node of spec.nodes) {
    if (node.joinAtMs === undefined || node.joinAtMs <= 0) addNode(node);
    else sim.scheduler.at(ms(node.joinAtMs), () => addNode(node));
  }
  sim.addNode(CLIENT_NODE, (handle) => handle.spawn(CLIENT, client(config, spec.workload)));
  return { spec, config };
}
