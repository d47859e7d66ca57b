/**
 * recovery-sim as a library: the protocol's pure decisions, the types they speak, and the
 * runner that plays a scenario for a seed. The simulation kernel is `recovery-sim/sim`.
 */
export * from './cluster/decisions/index.js';
export * from './cluster/types.js';
export { DEFAULT_PARAMS, type ProtocolParams } from './cluster/params.js';
export { MUTATIONS, MUTATION_IDS, isMutationId, type MutationId, type MutationInfo } from './cluster/mutations.js';
export type { ClusterEvent, RunEvent } from './cluster/events.js';
export { INVARIANTS, invariantInfo, type InvariantInfo } from './check/invariants/index.js';
export { INVARIANT_IDS, isInvariantId, type InvariantId, type Violation } from './check/types.js';
export { PROBE_IDS, type ProbeCounts, type ProbeId } from './check/probes.js';
export { runScenario, type RunOptions } from './runner/run.js';
export type { RunResult, Verdict } from './runner/result.js';
export type { Scenario } from './scenario/types.js';
export { loadScenario, validateScenario, ScenarioError, type LoadedScenario } from './scenario/load.js';
export { renderHtmlReport } from './report/html/index.js';
