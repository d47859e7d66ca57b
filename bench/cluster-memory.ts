import type { Rec } from '../src/check/types.js';
import { runScenario } from '../src/runner/run.js';
import { loadScenario } from '../src/scenario/load.js';
import { elapsedMs, gc } from './measure.js';

export interface ClusterMemoryFigures {
  readonly events: number;
  readonly virtualS: number;
  readonly commits: number;
  readonly samples: { events: number; heapUsed: number }[];
  readonly peakRss: number;
  readonly peakHeap: number;
  readonly wallMs: number;
  readonly verdict: string;
}

/**
 * The default scenario (a log node crashes and recovers) made long: the workload keeps committing
 * for `virtualS` seconds with every checker on, the trace only hashed. Logs pop what every storage
 * replica has made durable, so memory follows live data rather than the run's length.
 */
export function clusterMemory(virtualS: number, samplesWanted = 10): ClusterMemoryFigures {
  const base = loadScenario('log-crash').scenario;
  const durationMs = virtualS * 1000;
  const scenario = { ...base, durationMs, workload: { ...base.workload, stopMs: durationMs } };
  const samples: { events: number; heapUsed: number }[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  const every = Math.max(1, Math.floor((virtualS * 1_000_000) / samplesWanted));
  let next = every;
  const start = process.hrtime.bigint();
  const result = runScenario(scenario, {
    seed: 1,
    onEvent: (r: Rec) => {
      if (r.t < next) return;
      next += every;
      gc();
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
      samples.push({ events: r.i, heapUsed: usage.heapUsed });
    },
  });
  return {
    events: result.events,
    virtualS,
    commits: result.commits.acknowledged,
    samples,
    peakRss,
    peakHeap,
    wallMs: elapsedMs(start),
    verdict: result.verdict,
  };
}
