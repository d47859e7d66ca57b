import type { MutationId } from '../cluster/mutations.js';
import type { RunResult } from '../runner/result.js';
import { runScenario } from '../runner/run.js';
import type { MessageOrdering, Scenario } from '../scenario/types.js';

/** One seed of a sweep, as sent to a worker thread (plain data: it is structured-cloned). */
export interface SeedTask {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly mutations?: readonly MutationId[];
  readonly ordering?: MessageOrdering;
  readonly source: string;
}

/** The worker thread's entry point (piscina calls the default export): one complete run. */
export default function runSeed(task: SeedTask): RunResult {
  return runScenario(task.scenario, {
    seed: task.seed,
    source: task.source,
    ...(task.mutations !== undefined ? { mutations: task.mutations } : {}),
    ...(task.ordering !== undefined ? { ordering: task.ordering } : {}),
  });
}
