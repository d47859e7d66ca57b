import { Piscina } from 'piscina';
import type { MutationId } from '../cluster/mutations.js';
import type { RunResult } from '../runner/result.js';
import type { MessageOrdering, Scenario } from '../scenario/types.js';
import type { SeedTask } from './sweep-worker.js';

export interface SweepOptions {
  readonly scenario: Scenario;
  /** How the replay command names the scenario. */
  readonly source: string;
  /** How many seeds, and the k-th of them: seeds are produced lazily, so a range can be huge. */
  readonly count: number;
  readonly seedAt: (k: number) => number;
  readonly jobs: number;
  readonly mutations?: readonly MutationId[];
  readonly ordering?: MessageOrdering;
  /** Called once per seed, in seed order (k = 0, 1, …), whatever order the runs complete in. */
  readonly onResult: (result: RunResult, k: number) => void;
  /** Called as each run completes, in completion order (progress lines). */
  readonly onDone?: (result: RunResult) => void;
  /** Asked before each new seed is handed out: true ends the sweep early (a time budget). */
  readonly stopWhen?: () => boolean;
}

/** Any sequence of runs, each its own scenario, seed and mutations. */
export interface TaskPoolOptions {
  readonly count: number;
  readonly taskAt: (k: number) => SeedTask;
  readonly jobs: number;
  /** Called once per task, in task order (k = 0, 1, …), whatever order the runs complete in. */
  readonly onResult: (result: RunResult, k: number) => void;
  /** Called as each run completes, in completion order (progress lines). */
  readonly onDone?: (result: RunResult) => void;
  /**
   * Asked before each new task is handed out: true ends the run early. Tasks already handed out
   * finish, and they are always the first ones, so what was run is a prefix of the tasks.
   */
  readonly stopWhen?: () => boolean;
}

/** The worker module, next to this one in the compiled `dist/` tree. */
const WORKER = new URL('./sweep-worker.js', import.meta.url).href;

/** Every seed of one scenario with one set of mutations; resolves to how many seeds ran. */
export function sweepSeeds(o: SweepOptions): Promise<number> {
  return runTasks({
    count: o.count,
    jobs: o.jobs,
    onResult: o.onResult,
    onDone: o.onDone,
    ...(o.stopWhen !== undefined ? { stopWhen: o.stopWhen } : {}),
    taskAt: (k) => ({
      scenario: o.scenario,
      seed: o.seedAt(k),
      source: o.source,
      ...(o.mutations !== undefined ? { mutations: o.mutations } : {}),
      ...(o.ordering !== undefined ? { ordering: o.ordering } : {}),
    }),
  });
}

/**
 * Run every task in worker threads. A few tasks per thread are in flight at once (enough to keep
 * every thread busy, few enough that memory does not grow with the range), and results are
 * handed on in task order: a sweep's output must not depend on thread scheduling. One pool serves
 * all the tasks, so its threads stay warm across scenarios and mutations.
 */
export async function runTasks(o: TaskPoolOptions): Promise<number> {
  const threads = Math.max(1, Math.min(o.jobs, o.count));
  const pool = new Piscina<SeedTask, RunResult>({ filename: WORKER, minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  const ordered = new InOrder<RunResult>(o.onResult);
  let next = 0;
  let stopped = false;
  const take = (): number => {
    if (!stopped && o.stopWhen?.() === true) stopped = true;
    return stopped ? o.count : next++;
  };
  const lane = async (): Promise<void> => {
    for (let k = take(); k < o.count; k = take()) {
      const result = await pool.run(o.taskAt(k));
      o.onDone?.(result);
      ordered.add(k, result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(o.count, threads * 2) }, lane));
  } finally {
    await pool.destroy();
  }
  return Math.min(next, o.count);
}

/** Hands items on in index order as soon as every earlier index has arrived. */
export class InOrder<T> {
  private readonly held = new Map<number, T>();
  private next = 0;

  constructor(private readonly emit: (item: T, index: number) => void) {}

  add(index: number, item: T): void {
    this.held.set(index, item);
    while (this.held.has(this.next)) {
      const ready = this.held.get(this.next) as T;
      this.held.delete(this.next);
      this.emit(ready, this.next++);
    }
  }
}
