import { MemorySink, type TraceRecord } from '../../sim/index.js';
import type { RunEvent } from '../../src/cluster/events.js';
import type { DiskGroundTruth } from '../../src/cluster/ground-truth.js';
import type { MutationId } from '../../src/cluster/mutations.js';
import type { LogEntry } from '../../src/cluster/types.js';
import { runScenario } from '../../src/runner/run.js';
import type { RunResult } from '../../src/runner/result.js';
import { loadScenario as loadBundled } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';

/** A bundled scenario, loaded and validated as the CLI loads it. */
export function loadScenario(name: string): Scenario {
  return loadBundled(name).scenario;
}

export interface RecordedRun {
  readonly result: RunResult;
  readonly records: readonly TraceRecord<RunEvent>[];
  /** Each log's entries as the run left them. */
  logEntries(id: string): readonly LogEntry[] | undefined;
  /** Each service's disk as the run left it. */
  readonly truth: DiskGroundTruth;
}

/** Run a scenario keeping every trace record and the final disks. */
export function record(scenario: Scenario, seed: number, mutations?: readonly MutationId[]): RecordedRun {
  const sink = new MemorySink();
  let truth: DiskGroundTruth | undefined;
  const result = runScenario(scenario, {
    seed,
    sink,
    inspect: (t) => (truth = t),
    ...(mutations !== undefined ? { mutations } : {}),
  });
  return {
    result,
    records: sink.records as unknown as TraceRecord<RunEvent>[],
    logEntries: (id) => truth?.log(id)?.entries,
    truth: truth as DiskGroundTruth,
  };
}

export function ofType<T extends RunEvent['type']>(records: readonly TraceRecord<RunEvent>[], type: T) {
  return records.filter((r): r is TraceRecord<Extract<RunEvent, { type: T }>> => r.type === type);
}

/** The default cluster: a log node crashes and, while the new director recovers, its leader is cut off from the other coordinators. */
export function raceScenario(): Scenario {
  const base = loadScenario('log-crash');
  return {
    ...base,
    name: 'race',
    faults: {
      script: [
        { at: 8000, kind: 'crash-node', node: 'n5' },
        { at: 8500, kind: 'partition', from: ['n1'], to: ['n2', 'n3'] },
        { at: 16000, kind: 'heal' },
        { at: 16000, kind: 'restart-node', node: 'n5' },
      ],
    },
  };
}
