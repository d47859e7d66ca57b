import { FAULT_FAMILIES } from '../../sim/index.js';
import type { ResolvedScenario } from './resolve.js';
import { wanNetwork } from './shapes.js';
import type { FaultSpec, Scenario } from './types.js';

/**
 * The resolved scenario with the cluster its seed drew written out as `cluster` and explicit
 * settings, so a file made from one failing seed (a shrunk scenario) keeps that cluster under
 * any seed. With the same seed it replays the same run. Scenarios without `shape` pass through.
 */
export function pinnedShape(resolved: ResolvedScenario): Scenario {
  const { shape: _shape, ...rest } = resolved.scenario;
  const drawn = resolved.shape;
  if (drawn === undefined) return resolved.scenario;
  const used = resolved.cluster;
  return {
    ...rest,
    cluster: { nodes: used.nodes, coordinators: used.coordinators },
    params: {
      ...rest.params,
      desiredLogs: used.params.desiredLogs,
      replicationFactor: used.params.replicationFactor,
      shards: used.params.shards,
      logGroups: used.params.logGroups,
      storageServers: used.params.storageServers,
      desiredCommitProxies: used.params.desiredCommitProxies,
      strictPlacement: used.params.strictPlacement,
      ...(drawn.wanLatencyMs !== null ? { electionTimeoutMinMs: used.params.electionTimeoutMinMs, electionTimeoutMaxMs: used.params.electionTimeoutMaxMs } : {}),
    },
    ...(resolved.reconfigure.length > 0 ? { reconfigure: resolved.reconfigure } : {}),
    workload: { ...rest.workload, ratePerSec: used.workload.ratePerSec, readShare: used.workload.readShare },
    network: {
      ...rest.network,
      duplicateRate: resolved.network.duplicateRate ?? 0,
      ...(drawn.wanLatencyMs !== null ? wanNetwork(drawn.wanLatencyMs) : {}),
    },
    ...(rest.faults !== undefined ? { faults: pinnedFaults(rest.faults, drawn.loss, resolved.quietAtMs, drawn.wanLatencyMs !== null) } : {}),
  };
}

/**
 * With loss off for the seed, the random plan's families leave `loss` out, as resolution did; on a
 * wide-area network the timeouts stay fixed, as resolution kept them.
 */
function pinnedFaults(faults: FaultSpec, loss: boolean, quietAtMs: number, wide: boolean): FaultSpec {
  const timed: FaultSpec = wide ? { ...faults, timeouts: 'fixed' } : faults;
  const random = timed.random;
  if (random === undefined || loss) return timed;
  const families = (random.families ?? FAULT_FAMILIES).filter((f) => f !== 'loss');
  if (families.length > 0) return { ...timed, random: { ...random, families } };
  // Nothing left to draw: no random plan, and the quiet time it implied is kept.
  const { random: _random, ...scripted } = timed;
  return { ...scripted, quietAtMs };
}
