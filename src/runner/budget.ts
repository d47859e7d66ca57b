import { ms, type Simulation } from '../../sim/index.js';
import type { ClusterEvent } from '../cluster/events.js';
import type { Rec } from '../check/types.js';

/**
 * Every message of a budget stop starts with this, so the CLI can tell one from a bug even when it
 * crossed a worker thread (errors lose their class there, keeping their message).
 */
export const BUDGET_PREFIX = 'the run was stopped: ';

/** A run that would never finish, or never fit in memory: bad input, named by its parameter. */
export class RunBudgetError extends Error {
  constructor(
    message: string,
    /**
     * `storm`: the system under test did more than any valid scenario asks for (files are
     * bounded beforehand, so a storm is the protocol's doing: a finding, not bad input);
     * `events`, `memory`: the run outgrew what one run may use.
     */
    readonly kind: 'storm' | 'events' | 'memory',
  ) {
    super(`${BUDGET_PREFIX}${message}`);
    this.name = 'RunBudgetError';
  }
}

export function isBudgetStop(error: unknown): error is Error {
  return error instanceof RunBudgetError || (error instanceof Error && error.message.startsWith(BUDGET_PREFIX));
}

/**
 * The limits a run keeps to. The busiest bundled scenario makes about 2,000 trace events per
 * virtual second; a storm is fifty times that, sustained over a whole chunk of events. Only the
 * memory check depends on the machine: it is there so a run that would not fit fails with a
 * message instead of an out-of-memory crash.
 */
export interface RunBudget {
  /** Events run between two checks (the checks cost nothing per event). */
  readonly chunk: number;
  readonly maxEventsPerVirtualSecond: number;
  readonly maxEvents: number;
  /** The heap a run may reach (MiB) before it is stopped. */
  readonly maxHeapMib: number;
}

export const DEFAULT_BUDGET: RunBudget = {
  chunk: 250_000,
  maxEventsPerVirtualSecond: 100_000,
  maxEvents: 200_000_000,
  maxHeapMib: Number(process.env['RECOVERY_SIM_MAX_HEAP_MIB'] ?? 3072),
};

/** Which scenario setting makes each kind of message (or event) frequent. */
const CAUSES: Readonly<Record<string, string>> = {
  heartbeat: 'cluster.params.heartbeatMs',
  'heartbeat-reject': 'cluster.params.heartbeatMs',
  ping: 'cluster.params.monitorPingMs',
  pong: 'cluster.params.monitorPingMs',
  register: 'cluster.params.registerIntervalMs',
  'services-registered': 'cluster.params.registerIntervalMs',
  prepare: 'cluster.params.electionTimeoutMinMs and electionTimeoutMaxMs',
  promise: 'cluster.params.electionTimeoutMinMs and electionTimeoutMaxMs',
  commit: 'workload.ratePerSec',
  'commit-ok': 'workload.ratePerSec',
  'get-read-version': 'workload.ratePerSec',
  read: 'workload.ratePerSec',
  push: 'workload.ratePerSec',
  'push-ok': 'workload.ratePerSec',
  committed: 'workload.ratePerSec',
  'get-version': 'workload.ratePerSec',
  fault: 'faults.random.meanGapMs',
  lock: 'cluster.params.retryIntervalMs',
  'create-worker': 'cluster.params.retryIntervalMs',
};

/** What the next events are made of, and the setting that makes them frequent. */
function diagnose(sim: Simulation<ClusterEvent>, until: number): string {
  const counts = new Map<string, number>();
  let total = 0;
  sim.trace.subscribe((record) => {
    const r = record as Rec;
    const kind = r.type === 'send' ? r.msg.type : r.type === 'deliver' || r.type === 'drop' ? undefined : r.type;
    if (kind === undefined) return;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    total++;
  });
  sim.run({ until, maxEvents: 50_000 });
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (top === undefined || total === 0) return 'the events are timers that fire without time passing: look for a period or timeout that rounds to 0 µs';
  const [kind, n] = top;
  const share = Math.round((n / total) * 100);
  const cause = CAUSES[kind];
  return `${share} % of what happens is \`${kind}\`${cause !== undefined ? `, set by ${cause}` : ''}`;
}

/**
 * Run the simulation to `untilMs`, checking between chunks of events that it neither storms
 * (events without virtual time passing) nor outgrows the event or memory budget. Chunks change
 * nothing: the scheduler runs the same events in the same order whether or not it pauses.
 */
export function runWithinBudget(sim: Simulation<ClusterEvent>, untilMs: number, budget: RunBudget = DEFAULT_BUDGET): void {
  const until = ms(untilMs);
  let ran = 0;
  for (;;) {
    const from = sim.now;
    if (sim.run({ until, maxEvents: budget.chunk }) !== 'max-events') return;
    ran += budget.chunk;
    const virtualS = (sim.now - from) / 1e6;
    if (budget.chunk > budget.maxEventsPerVirtualSecond * virtualS) {
      const rate = virtualS > 0 ? `${Math.round(budget.chunk / virtualS).toLocaleString('en-US')} events per virtual second` : 'events with no virtual time passing';
      throw new RunBudgetError(
        `at ${(sim.now / 1e6).toFixed(3)} virtual s it was running ${rate} (the limit is ${budget.maxEventsPerVirtualSecond.toLocaleString('en-US')}): ${diagnose(sim, until)}. A valid scenario asks for far less, so the system churns (a loop with no pause).`,
        'storm',
      );
    }
    if (ran >= budget.maxEvents) {
      throw new RunBudgetError(
        `it ran ${ran.toLocaleString('en-US')} events by ${(sim.now / 1e6).toFixed(0)} virtual s of ${(untilMs / 1000).toFixed(0)}, the most a run may (${diagnose(sim, until)}). Shorten durationMs, or lower what makes it busy.`,
        'events',
      );
    }
    const heapMib = process.memoryUsage().heapUsed / 1024 / 1024;
    if (heapMib > budget.maxHeapMib) {
      throw new RunBudgetError(
        `its memory reached ${heapMib.toFixed(0)} MiB by ${(sim.now / 1e6).toFixed(0)} virtual s (the limit is ${budget.maxHeapMib} MiB, RECOVERY_SIM_MAX_HEAP_MIB): ${diagnose(sim, until)}. Shorten durationMs or make the cluster smaller.`,
        'memory',
      );
    }
  }
}
