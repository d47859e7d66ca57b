import type { SwarmConfig } from '../../sim/index.js';
import { COUNTED_POINTS, type MutationPoints } from '../cluster/mutation-points.js';
import type { MutationId } from '../cluster/mutations.js';

/** Per counted switch, how often its moment came. */
export type MutationPointCounts = Record<(typeof COUNTED_POINTS)[number], number>;
import type { Epoch, ServiceId, Tag } from '../cluster/types.js';
import type { ProbeCounts } from '../check/probes.js';
import type { CheckSuite } from '../check/suite.js';
import type { InvariantId, Rec, Violation } from '../check/types.js';
import { logPlacement, type LogPlacement } from '../report/placement.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { DrawnShape } from '../scenario/shapes.js';

export type Verdict = 'pass' | 'violation';

export interface PublishedSummary {
  readonly epoch: Epoch;
  readonly director: string;
  readonly atMs: number;
  readonly recoveryVersion: number;
  readonly logs: readonly ServiceId[];
  readonly storageTeams: readonly { readonly tag: Tag; readonly storageIds: readonly ServiceId[] }[];
  /** How the logs were placed: nodes that hold several of them lose them together. */
  readonly placement: LogPlacement;
}

/** The machine-readable outcome of one run (`run --json`, one line of `sweep --json`). */
export interface RunResult {
  readonly scenario: string;
  readonly seed: number;
  readonly mutations: readonly MutationId[];
  readonly verdict: Verdict;
  /** Whether the scenario's `expect` was met (true when it has none). */
  readonly expectationMet: boolean;
  readonly expectation: string | null;
  readonly traceHash: string;
  readonly events: number;
  readonly virtualMs: number;
  readonly wallMs: number;
  readonly violations: readonly Violation[];
  readonly violated: readonly InvariantId[];
  readonly livenessJudged: boolean;
  /** Why liveness was not judged though the run reached quiet + bound (too little survived), if so. */
  readonly livenessSkipped: string | null;
  readonly published: readonly PublishedSummary[];
  readonly locks: { readonly firstPhase: Record<string, ServiceId[]>; readonly recruitment: Record<string, ServiceId[]> };
  readonly commits: { readonly acknowledged: number; readonly lost: number; readonly attempted: number; readonly failed: number };
  /** Client reads: served, and failed (no read version, or no replica could serve it). */
  readonly reads: { readonly completed: number; readonly failed: number };
  readonly probes: ProbeCounts;
  /** How often the run reached the moment each counted switch would act on (src/cluster/mutation-points.ts). */
  readonly mutationPoints: MutationPointCounts;
  readonly swarm: SwarmConfig | null;
  /** The cluster shape the seed drew, when the scenario has `shape`. */
  readonly shape: DrawnShape | null;
  readonly faults: number;
  readonly replay: string;
}

/** Collects per-run counts from the events (locks by phase and epoch, commits). */
export class RunStats {
  /** The record types `observe` reads (it is subscribed to these alone). */
  static readonly TYPES = ['lock-result', 'client-ack', 'client-read', 'client-read-failed', 'client-summary'] as const;
  readonly firstPhase: Record<string, ServiceId[]> = {};
  readonly recruitment: Record<string, ServiceId[]> = {};
  acknowledged = 0;
  attempted = 0;
  failed = 0;
  reads = 0;
  readsFailed = 0;

  observe(r: Rec): void {
    switch (r.type) {
      case 'lock-result':
        if (r.result === 'ok') {
          const table = r.phase === 'first' ? this.firstPhase : this.recruitment;
          const list = (table[String(r.epoch)] ??= []);
          if (!list.includes(r.service)) list.push(r.service);
        }
        return;
      case 'client-ack':
        this.acknowledged++;
        return;
      case 'client-read':
        this.reads++;
        return;
      case 'client-read-failed':
        this.readsFailed++;
        return;
      case 'client-summary':
        this.attempted = r.attempted;
        this.failed = r.failed;
        return;
    }
  }
}

export function replayCommand(
  source: string | undefined,
  name: string,
  seed: number,
  mutations: readonly MutationId[],
  scenarioMutations: readonly MutationId[],
  ordering?: string,
): string {
  const target = source ?? name;
  const sameMutations = mutations.length === scenarioMutations.length && mutations.every((m) => scenarioMutations.includes(m));
  const mutate = sameMutations ? '' : mutations.length === 0 ? ' --no-mutations' : ` --mutate ${mutations.join(' ')}`;
  return `npx recovery-sim run ${target} --seed ${seed}${mutate}${ordering !== undefined ? ` --ordering ${ordering}` : ''}`;
}

export function summarize(
  resolved: ResolvedScenario,
  run: { traceHash: string; events: number; virtualMs: number; wallMs: number },
  suite: CheckSuite,
  stats: RunStats,
  source: string | undefined,
  points?: MutationPoints,
): RunResult {
  const violations = suite.violations;
  const violated = [...new Set(violations.map((v) => v.invariant))];
  const verdict: Verdict = violations.length === 0 ? 'pass' : 'violation';
  const expect = resolved.scenario.expect;
  let expectationMet = true;
  let expectation: string | null = null;
  if (expect !== undefined) {
    expectation = expect.invariant !== undefined ? `${expect.verdict} (${expect.invariant})` : expect.verdict;
    expectationMet = expect.verdict === verdict && (expect.invariant === undefined || violated.includes(expect.invariant));
  }
  return {
    scenario: resolved.scenario.name,
    seed: resolved.seed,
    mutations: resolved.mutations,
    verdict,
    expectationMet,
    expectation,
    traceHash: run.traceHash,
    events: run.events,
    virtualMs: run.virtualMs,
    wallMs: Math.round(run.wallMs),
    violations,
    violated,
    livenessJudged: suite.livenessJudged,
    livenessSkipped: suite.livenessSkipped ?? null,
    published: suite.facts.publications.all.map((p) => ({
      epoch: p.epoch,
      director: p.tsl.director,
      atMs: Math.round(p.time / 1000),
      recoveryVersion: p.tsl.versionVector.last,
      logs: p.tsl.logs.map((l) => l.id),
      storageTeams: p.tsl.storageTeams.map((t) => ({ tag: t.tag, storageIds: t.storageIds })),
      placement: logPlacement(p.tsl),
    })),
    locks: { firstPhase: stats.firstPhase, recruitment: stats.recruitment },
    commits: {
      acknowledged: stats.acknowledged,
      lost: violations.filter((v) => v.invariant === 'no-acked-commit-lost').length,
      attempted: stats.attempted,
      failed: stats.failed,
    },
    reads: { completed: stats.reads, failed: stats.readsFailed },
    probes: { ...suite.probes.counts },
    mutationPoints: Object.fromEntries(COUNTED_POINTS.map((id) => [id, points?.count(id) ?? 0])) as MutationPointCounts,
    swarm: resolved.swarm ?? null,
    shape: resolved.shape ?? null,
    faults: resolved.plan.actions.length,
    replay: replayCommand(source, resolved.scenario.name, resolved.seed, resolved.mutations, resolved.scenario.mutations ?? [], resolved.orderingOverride),
  };
}
