/**
 * One sweep in a process of its own, so that it runs with the V8 flags the CLI would start it
 * with (`src/cli/engine-flags.ts`): sweep `count` seeds of a bundled scenario with `jobs` worker
 * threads and print, as JSON, the wall time, the time spent in runs, the events run, and the CPU
 * time used. (`sweep-process.ts` starts it.)
 */
import { sweepSeeds } from '../src/cli/sweep-pool.js';
import { loadScenario } from '../src/scenario/load.js';
import { elapsedMs } from './measure.js';

export interface SweepMeasure {
  readonly wallMs: number;
  readonly inRunsMs: number;
  readonly events: number;
  readonly cpuMs: number;
}

const [name = 'log-crash', countArg = '100', jobsArg = '1'] = process.argv.slice(2);
const { scenario } = loadScenario(name);
let inRunsMs = 0;
let events = 0;
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
await sweepSeeds({ scenario, source: scenario.name, count: Number(countArg), seedAt: (k) => k + 1, jobs: Number(jobsArg), onResult: (r) => {
    inRunsMs += r.wallMs;
    events += r.events;
  },
});
const wallMs = elapsedMs(start);
const used = process.cpuUsage(cpu);
const measure: SweepMeasure = { wallMs, inRunsMs, events, cpuMs: (used.user + used.system) / 1000 };
console.log(JSON.stringify(measure));
