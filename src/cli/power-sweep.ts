import { CatchTally, type CatchRow, type PowerSubject } from '../report/finding-power.js';
import type { RunResult } from '../runner/result.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { MessageOrdering } from '../scenario/types.js';
import type { SeedRange } from './options.js';
import { runTasks } from './sweep-pool.js';

export interface PowerSweepOptions {
  readonly subjects: readonly PowerSubject[];
  readonly scenarios: readonly LoadedScenario[];
  readonly seeds: SeedRange;
  readonly jobs: number;
  /** Message ordering for every run instead of the scenarios' own. */
  readonly ordering?: MessageOrdering;
  /** Each (mutation, scenario) pair once all its seeds are in, in subject then scenario order. */
  readonly onRow?: (row: CatchRow) => void;
  /** Each run as it completes (progress lines). */
  readonly onDone?: (result: RunResult) => void;
}

/** Runs per seed: the subject's, and its stage's alone when it has one. */
function runsPerSeed(subject: PowerSubject): number {
  return subject.stage === undefined ? 1 : 2;
}

/** How many runs a measurement takes. */
export function powerRunCount(o: Pick<PowerSweepOptions, 'subjects' | 'scenarios' | 'seeds'>): number {
  const seeds = o.seeds.last - o.seeds.first + 1;
  return o.subjects.reduce((sum, subject) => sum + runsPerSeed(subject), 0) * o.scenarios.length * seeds;
}

interface Pair {
  readonly subject: PowerSubject;
  readonly loaded: LoadedScenario;
  /** The number of the pair's first task. */
  readonly from: number;
  readonly perSeed: number;
}

/** The pair a task belongs to, for task numbers asked for in increasing order (as the pool does). */
function walker(pairs: readonly Pair[]): (k: number) => Pair {
  let at = 0;
  return (k) => {
    while (at + 1 < pairs.length && k >= (pairs[at + 1] as Pair).from) at++;
    return pairs[at] as Pair;
  };
}

/**
 * Every seed of every scenario with every subject's mutations, through one worker pool. Tasks are
 * numbered subject-major, then scenario, then seed (and a staged subject's seed runs twice: with
 * its stage, then the stage alone), and the pool hands results back in that order: each pair's
 * seeds arrive in seed order, which the time to its first catch relies on.
 */
export async function measureFindingPower(o: PowerSweepOptions): Promise<CatchRow[]> {
  const seeds = o.seeds.last - o.seeds.first + 1;
  const pairs: Pair[] = [];
  let count = 0;
  for (const subject of o.subjects) {
    for (const loaded of o.scenarios) {
      const perSeed = runsPerSeed(subject);
      pairs.push({ subject, loaded, from: count, perSeed });
      count += perSeed * seeds;
    }
  }
  const taskPair = walker(pairs);
  const resultPair = walker(pairs);
  const rows: CatchRow[] = [];
  let tally: CatchTally | undefined;
  let withStage: RunResult | undefined;
  await runTasks({
    count,
    jobs: o.jobs,
    onDone: o.onDone,
    taskAt: (k) => {
      const pair = taskPair(k);
      const offset = k - pair.from;
      const stageAlone = offset % pair.perSeed === 1;
      return {
        scenario: pair.loaded.scenario,
        source: pair.loaded.source,
        seed: o.seeds.first + Math.floor(offset / pair.perSeed),
        mutations: stageAlone ? (pair.subject.stage ?? []) : pair.subject.runWith,
        ...(o.ordering !== undefined ? { ordering: o.ordering } : {}),
      };
    },
    onResult: (result, k) => {
      const pair = resultPair(k);
      const offset = k - pair.from;
      if (offset === 0) tally = new CatchTally(pair.subject, pair.loaded.scenario.name);
      const current = tally as CatchTally;
      if (pair.perSeed === 1) current.add(result);
      else if (offset % pair.perSeed === 0) withStage = result;
      else current.add(withStage as RunResult, result);
      if (offset !== pair.perSeed * seeds - 1) return;
      const row = current.row(o.jobs);
      rows.push(row);
      o.onRow?.(row);
    },
  });
  return rows;
}
