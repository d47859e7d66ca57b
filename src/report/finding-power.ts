import { MUTATIONS, type MutationId, type MutationInfo } from '../cluster/mutations.js';
import type { InvariantId } from '../check/types.js';
import type { RunResult } from '../runner/result.js';

/**
 * Finding power: how often random exploration (the swarm scenarios) catches each mutation, and
 * how soon. Pure tallies; the runs themselves come from the worker pool, in seed order.
 */

/** A mutation as it is measured, and the switches that are on while it is. */
export interface PowerSubject {
  readonly mutation: MutationId;
  readonly runWith: readonly MutationId[];
  /**
   * Switches that only set the stage (a defence in depth is reachable only behind another guard's
   * bug): each seed also runs with these alone, and counts only if the mutation's own invariants
   * fail with it and hold without it.
   */
  readonly stage?: readonly MutationId[];
  /** With a stage: the invariants that judge the mutation (its `caughtBy`). */
  readonly judgedBy?: readonly InvariantId[];
}

/**
 * Each mutation runs alone, so the figure is its own. A disguise changes only what the director
 * reports, so alone it has nothing to catch: it runs with the bug it disguises, and the question
 * becomes whether that bug is still caught.
 */
export function powerSubject(id: MutationId, info: Pick<MutationInfo, 'alongWith' | 'disguise'> = MUTATIONS[id]): PowerSubject {
  return { mutation: id, runWith: info.disguise === true ? [id, ...(info.alongWith ?? []).filter((m) => m !== id)] : [id] };
}

/**
 * A mutation shown with switches that set its stage, measured with them: the swarm never reaches its
 * moment otherwise (the reference protocol's other guard stands in the way). Undefined for a
 * mutation with no stage, and for a disguise (measured with its bug anyway).
 */
export function stagedSubject(id: MutationId, info: Pick<MutationInfo, 'alongWith' | 'disguise' | 'caughtBy'> = MUTATIONS[id]): PowerSubject | undefined {
  const stage = (info.alongWith ?? []).filter((m) => m !== id);
  if (info.disguise === true || stage.length === 0) return undefined;
  return { mutation: id, runWith: [id, ...stage], stage, judgedBy: info.caughtBy as InvariantId[] };
}

/** Every mutation alone, and those with a stage once more with it. */
export function powerSubjects(ids: readonly MutationId[]): PowerSubject[] {
  return ids.flatMap((id) => {
    const staged = stagedSubject(id);
    return staged === undefined ? [powerSubject(id)] : [powerSubject(id), staged];
  });
}

/** What the tally reads of a run. */
export type CatchSample = Pick<RunResult, 'seed' | 'wallMs' | 'violated'>;

/** One (mutation, scenario) pair over a seed range. */
export interface CatchRow {
  readonly mutation: MutationId;
  readonly runWith: readonly MutationId[];
  /** The switches that only set the stage (empty when the mutation ran alone or as a disguise). */
  readonly stage: readonly MutationId[];
  readonly scenario: string;
  readonly tried: number;
  readonly caught: number;
  /** caught / tried, in percent. */
  readonly ratePercent: number;
  readonly firstSeed: number | null;
  /**
   * The wall time of the seeds up to and including the first catching one, divided by the jobs:
   * about how long a sweep on that many cores takes to find the bug. Null when never caught.
   */
  readonly secondsToFirst: number | null;
  /** How many catching runs violated each invariant, most first. */
  readonly invariants: readonly { readonly id: InvariantId; readonly runs: number }[];
}

/** Counts for one (mutation, scenario) pair; runs must be added in seed order. */
export class CatchTally {
  private tried = 0;
  private caught = 0;
  private firstSeed: number | null = null;
  private msToFirst = 0;
  private readonly invariants = new Map<InvariantId, number>();

  constructor(
    readonly subject: PowerSubject,
    readonly scenario: string,
  ) {}

  /** A run in seed order; with a stage, `stageRun` is the same seed with the stage alone. */
  add(run: CatchSample, stageRun?: Pick<CatchSample, 'violated'>): void {
    this.tried++;
    if (this.firstSeed === null) this.msToFirst += run.wallMs;
    const violated = this.judged(run, stageRun);
    if (violated.length === 0) return;
    this.caught++;
    this.firstSeed ??= run.seed;
    for (const id of violated) this.invariants.set(id, (this.invariants.get(id) ?? 0) + 1);
  }

  /** What the run counts for: every violation alone; with a stage, the mutation's own invariants if the stage alone kept them. */
  private judged(run: CatchSample, stageRun: Pick<CatchSample, 'violated'> | undefined): readonly InvariantId[] {
    const by = this.subject.judgedBy;
    if (this.subject.stage === undefined || by === undefined) return run.violated;
    if (stageRun === undefined) throw new Error(`${this.subject.mutation} is measured with a stage: every seed needs the stage's own run`);
    if (stageRun.violated.some((id) => by.includes(id))) return [];
    return run.violated.filter((id) => by.includes(id));
  }

  row(jobs: number): CatchRow {
    return {
      mutation: this.subject.mutation,
      runWith: this.subject.runWith,
      stage: this.subject.stage ?? [],
      scenario: this.scenario,
      tried: this.tried,
      caught: this.caught,
      ratePercent: this.tried === 0 ? 0 : (100 * this.caught) / this.tried,
      firstSeed: this.firstSeed,
      secondsToFirst: this.firstSeed === null ? null : this.msToFirst / 1000 / Math.max(1, jobs),
      invariants: byCount(this.invariants),
    };
  }
}

function byCount(counts: ReadonlyMap<InvariantId, number>): { id: InvariantId; runs: number }[] {
  return [...counts].map(([id, runs]) => ({ id, runs })).sort((a, b) => b.runs - a.runs || a.id.localeCompare(b.id));
}

/** The invariants a mutation's catching runs violated, over every scenario. */
export function invariantsOverScenarios(rows: readonly CatchRow[]): { id: InvariantId; runs: number }[] {
  const counts = new Map<InvariantId, number>();
  for (const row of rows) for (const { id, runs } of row.invariants) counts.set(id, (counts.get(id) ?? 0) + runs);
  return byCount(counts);
}

/** A catch rate at or above this, in some scenario, counts as caught often. */
export const OFTEN_PERCENT = 10;

export interface PowerSummary {
  readonly mutations: number;
  /** Caught by at least one seed of at least one scenario (alone, or with its stage). */
  readonly caught: readonly MutationId[];
  /** Caught in at least OFTEN_PERCENT of the seeds of at least one scenario. */
  readonly caughtOften: readonly MutationId[];
  readonly neverCaught: readonly MutationId[];
  /** Of the caught ones, those caught only with the switches that set their stage. */
  readonly onlyWithStage: readonly MutationId[];
}

/** Group rows by mutation, in the order the mutations first appear. */
function rowsByMutation(rows: readonly CatchRow[]): Map<MutationId, CatchRow[]> {
  return groupRows(rows, (row) => row.mutation);
}

/** Group rows by what ran (a mutation alone, and again with its stage, are two subjects). */
export function rowsBySubject(rows: readonly CatchRow[]): Map<string, CatchRow[]> {
  return groupRows(rows, (row) => row.runWith.join(' +'));
}

function groupRows<K>(rows: readonly CatchRow[], key: (row: CatchRow) => K): Map<K, CatchRow[]> {
  const groups = new Map<K, CatchRow[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return groups;
}

export function summarizePower(rows: readonly CatchRow[]): PowerSummary {
  const groups = [...rowsByMutation(rows)];
  const where = (test: (r: CatchRow) => boolean): MutationId[] => groups.filter(([, g]) => g.some(test)).map(([id]) => id);
  return {
    mutations: groups.length,
    caught: where((r) => r.caught > 0),
    caughtOften: where((r) => r.ratePercent >= OFTEN_PERCENT),
    neverCaught: groups.filter(([, g]) => g.every((r) => r.caught === 0)).map(([id]) => id),
    onlyWithStage: groups.filter(([, g]) => g.some((r) => r.caught > 0) && g.every((r) => r.caught === 0 || r.stage.length > 0)).map(([id]) => id),
  };
}
