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

/** How many runs a measurement takes. */
export function powerRunCount(o: Pick<PowerSweepOptions, 'subjects' | 'scenarios' | 'seeds'>): number {
  return o.subjects.length * o.scenarios.length * (o.seeds.last - o.seeds.first + 1);
}

/**
 * Every seed of every scenario with every subject's mutations, through one worker pool. Tasks are
 * numbered subject-major, then scenario, then seed, and the pool hands results back in that
 * order: each pair's seeds arrive in seed order, which the time to its first catch relies on.
 */
export async function measureFindingPower(o: PowerSweepOptions): Promise<CatchRow[]> {
  const perPair = o.seeds.last - o.seeds.first + 1;
  const pairs = o.subjects.length * o.scenarios.length;
  const pairAt = (pair: number): { subject: PowerSubject; loaded: LoadedScenario } => ({
    subject: o.subjects[Math.floor(pair / o.scenarios.length)] as PowerSubject,
    loaded: o.scenarios[pair % o.scenarios.length] as LoadedScenario,
  });
  const rows: CatchRow[] = [];
  let tally: CatchTally | undefined;
  await runTasks({
    count: pairs * perPair,
    jobs: o.jobs,
    onDone: o.onDone,
    taskAt: (k) => {
      const { subject, loaded } = pairAt(Math.floor(k / perPair));
      return {
        scenario: loaded.scenario,
        source: loaded.source,
        seed: o.seeds.first + (k % perPair),
        mutations: subject.runWith,
        ...(o.ordering !== undefined ? { ordering: o.ordering } : {}),
      };
    },
    onResult: (result, k) => {
      if (k % perPair === 0) {
        const { subject, loaded } = pairAt(Math.floor(k / perPair));
        tally = new CatchTally(subject, loaded.scenario.name);
      }
      const current = tally as CatchTally;
      current.add(result);
      if (k % perPair !== perPair - 1) return;
      const row = current.row(o.jobs);
      rows.push(row);
      o.onRow?.(row);
    },
  });
  return rows;
}
