import { ms, processAddress, scheduleFaultPlan, Simulation, type TraceSink } from '../../sim/index.js';
import { buildCluster } from '../cluster/cluster.js';
import { newClusterSize } from '../cluster/decisions/layout-plan.js';
import type { ClusterEvent } from '../cluster/events.js';
import { DiskGroundTruth } from '../cluster/ground-truth.js';
import type { MutationId } from '../cluster/mutations.js';
import { CLIENT_NODE, COORDINATOR } from '../cluster/names.js';
import { CheckSuite } from '../check/suite.js';
import type { InvariantId, Rec } from '../check/types.js';
import { resolveScenario, type ResolvedScenario } from '../scenario/resolve.js';
import type { MessageOrdering, Scenario } from '../scenario/types.js';
import { RunBudgetError, runWithinBudget, type RunBudget } from './budget.js';
import { withoutGlobalRandom } from './random-guard.js';
import { installTriggers } from './triggers.js';
import { RunStats, summarize, type RunResult } from './result.js';

/** How often the operator repeats a configuration change until faults have stopped. */
const CONFIGURE_RETRY_MS = 1000;

export interface RunOptions {
  readonly seed: number;
  /** Replaces the scenario's own mutation list. */
  readonly mutations?: readonly MutationId[];
  /** Replaces the scenario's message ordering (`--ordering`). */
  readonly ordering?: MessageOrdering;
  readonly sink?: TraceSink;
  /** Called for every trace event, after the checkers (timelines, reports). */
  readonly onEvent?: (record: Rec) => void;
  /** How a person replays this run (`npx recovery-sim run <this> --seed N`). */
  readonly source?: string;
  /** Leave these checkers out (to show the suite notices). */
  readonly disabledCheckers?: readonly InvariantId[];
  /** The event and memory limits the run keeps to (tests make them small). */
  readonly budget?: RunBudget;
  /** Read the services' durable state once the run has ended (tests, reports). */
  readonly inspect?: (truth: DiskGroundTruth) => void;
}

/** One complete experiment: build the cluster, inject the faults, run, check. */
export function runScenario(scenario: Scenario, options: RunOptions): RunResult {
  const resolved = resolveScenario(scenario, options.seed, options.mutations, options.ordering);
  return runResolved(resolved, options);
}

export function runResolved(resolved: ResolvedScenario, options: RunOptions): RunResult {
  const sim = new Simulation<ClusterEvent>({
    seed: resolved.seed,
    network: resolved.network,
    ...(options.sink !== undefined ? { sink: options.sink } : {}),
  });
  const truth = new DiskGroundTruth(sim);
  const params = resolved.cluster.params;
  const capableNodes = {
    log: resolved.cluster.nodes.filter((n) => n.capabilities.includes('log')).map((n) => n.id),
    storage: resolved.cluster.nodes.filter((n) => n.capabilities.includes('storage')).map((n) => n.id),
  };
  const suite = new CheckSuite({
    settings: {
      coordinators: resolved.cluster.coordinators.map((node) => processAddress(node, COORDINATOR)),
      desiredLogs: params.desiredLogs,
      replicationFactor: params.replicationFactor,
      shards: params.shards,
      logGroups: params.logGroups,
      storageServers: params.storageServers,
      replicationFactorAt: (time) => resolved.reconfigure.filter((c) => ms(c.atMs) <= time).at(-1)?.replicationFactor ?? params.replicationFactor,
      capableNodes,
      ...(params.strictPlacement
        ? {
            strictNeeds: newClusterSize({ ...params, replicationFactor: Math.max(params.replicationFactor, ...resolved.reconfigure.map((c) => c.replicationFactor)) }),
          }
        : {}),
      quietAtMs: resolved.quietAtMs,
      livenessBoundMs: params.livenessBoundMs,
      registerIntervalMs: params.registerIntervalMs,
      workloadStopMs: resolved.cluster.workload.stopMs,
      expectedCommitsPerSec: resolved.cluster.workload.ratePerSec * (1 - resolved.cluster.workload.readShare),
      durationMs: resolved.durationMs,
    },
    truth,
    alive: (address) => sim.isAlive(address),
    disabled: options.disabledCheckers ?? [],
  });
  const stats = new RunStats();
  const onEvent = options.onEvent;
  sim.trace.watch(suite);
  sim.trace.subscribe((record) => stats.observe(record as Rec), RunStats.TYPES);
  if (onEvent !== undefined) sim.trace.subscribe((record) => onEvent(record as Rec));
  sim.observeDeliveries((delivery) => suite.delivered(delivery));
  sim.observeSyncs((node, file) => suite.synced(node, file));

  const wallStart = process.hrtime.bigint();
  const cluster = buildCluster(sim, resolved.cluster);
  scheduleFaultPlan(sim, resolved.plan, sim.rng.fork('nemesis'));
  if (resolved.aimed !== undefined) {
    const space = {
      quietAtMs: resolved.quietAtMs,
      coordinatorNodes: resolved.cluster.coordinators,
      logNodes: capableNodes.log,
      lockTimeoutMs: params.lockTimeoutMs,
      storageUnlockTimeoutMs: params.storageUnlockTimeoutMs,
      createWorkerTimeoutMs: params.createWorkerTimeoutMs,
      coordinatorCallTimeoutMs: params.coordinatorCallTimeoutMs,
      truth,
    };
    installTriggers(sim, resolved.aimed, space, sim.rng.fork('aimed-faults'));
  }
  for (const election of resolved.elections) {
    sim.scheduler.at(ms(election.atMs), () => {
      const operator = sim.lookup(`client@${CLIENT_NODE}`);
      operator?.send(`${COORDINATOR}@${election.coordinator}`, { type: 'campaign' });
    });
  }
  // The operator repeats a configuration change every second until a second after faults stop
  // (as `fdbcli configure` retries): sent once, it may reach no coordinator at all. A coordinator
  // ignores a version it already holds.
  resolved.reconfigure.forEach((change, i) => {
    const settings = { version: i + 1, replicationFactor: change.replicationFactor };
    const lastMs = Math.max(change.atMs, resolved.quietAtMs) + CONFIGURE_RETRY_MS;
    for (let atMs = change.atMs; atMs <= lastMs; atMs += CONFIGURE_RETRY_MS) {
      sim.scheduler.at(ms(atMs), () => {
        const operator = sim.lookup(`client@${CLIENT_NODE}`);
        for (const node of resolved.cluster.coordinators) operator?.send(`${COORDINATOR}@${node}`, { type: 'configure', settings });
      });
    }
  });
  if (resolved.livenessAtMs <= resolved.durationMs) {
    sim.scheduler.at(ms(resolved.livenessAtMs), () => suite.checkpoint(sim.now));
  }
  // Simulated code draws from the kernel's streams; a stray Math.random fails the run loudly.
  try {
    withoutGlobalRandom(() => runWithinBudget(sim, resolved.durationMs, options.budget));
  } catch (error) {
    // A storm on a valid scenario is the protocol churning (a recovery loop with no pause): the
    // run fails with it, as recovery never settles; the other limits are the run's size.
    if (!(error instanceof RunBudgetError) || error.kind !== 'storm') throw error;
    suite.stopped(sim.now, sim.trace.count, error.message);
  }
  suite.finish(sim.now);
  sim.trace.close();
  options.inspect?.(truth);
  const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
  const run = { traceHash: sim.trace.hash, events: sim.trace.count, virtualMs: resolved.durationMs, wallMs };
  return summarize(resolved, run, suite, stats, options.source, cluster.config.points);
}
