import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/runner/run.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { kernelLoop } from './kernel.js';
import { bestOf, elapsedMs, format } from './measure.js';
import { sweepAsTheCliRunsIt } from './sweep-process.js';

/**
 * The speed figures, measured in one process so their ratios mean something: the default scenario
 * against the bare kernel loop, and sweep throughput with one and two worker threads. They are
 * compared with `bench/baseline.json`, the same figures measured at an earlier commit on this
 * machine (`npm run bench -- speed --save-baseline` rewrites it).
 */
export interface SpeedFigures {
  readonly commit: string;
  readonly node: string;
  readonly cpus: number;
  /** The kernel scheduler with a trivial handler, 1,000 events pending. */
  readonly kernelEventsPerSec: number;
  readonly defaultRun: {
    readonly scenario: string;
    readonly virtualSeconds: number;
    readonly events: number;
    /** Median over the measured seeds, after a warm-up. */
    readonly msPerRun: number;
    readonly msPerVirtualSecond: number;
    readonly fasterThanRealTime: number;
    readonly eventsPerSec: number;
    /** eventsPerSec / kernelEventsPerSec, both from this process. */
    readonly shareOfKernel: number;
  };
  readonly sweeps: Readonly<
    Record<
      string,
      {
        readonly seeds: number;
        readonly oneJob: number;
        readonly twoJobs: number;
        readonly scaling: number;
        /** Worker time per seed spent outside the runs themselves (set-up, pool, results), with 2 jobs. */
        readonly overheadMsPerSeed?: number;
        /** The mean run's own wall time in the workers, with 2 jobs. */
        readonly runMsPerSeed?: number;
        /**
         * Cores the process kept busy (its CPU time over the wall time), with 1 and 2 jobs: beside
         * each worker, V8's compiler and collector threads run on a spare core if there is one.
         */
        readonly oneJobCores?: number;
        readonly twoJobsCores?: number;
        /** How V8 ran its compiler and collector in the 2-job sweep, as the CLI chose (`src/cli/engine-flags.ts`). */
        readonly twoJobsEngine?: string;
      }
    >
  >;
}

const BASELINE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'baseline.json');

/** Targets of the speed work, checked by eye in the output (never in a test). */
const TARGETS = {
  fasterThanRealTime: 2000,
  shareOfKernel: 0.3,
  sweep: { 'log-crash': 100, 'random-faults': 40 } as Record<string, number>,
  scaling: 1.9,
};

function line(label: string, now: string, base: string, ratio: string, target = ''): void {
  console.log(`  ${label.padEnd(40)} ${now.padStart(14)} ${base.padStart(14)} ${ratio.padStart(8)}   ${target}`);
}

function commitOf(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function defaultRun(scenario: Scenario, kernelEventsPerSec: number): SpeedFigures['defaultRun'] {
  for (let seed = 1; seed <= 10; seed++) runScenario(scenario, { seed }); // warm-up: let the JIT settle
  const walls: number[] = [];
  let events = 0;
  let virtualMs = 0;
  const runs = Number(process.env['BENCH_SPEED_RUNS'] ?? 25);
  for (let seed = 1; seed <= runs; seed++) {
    const start = process.hrtime.bigint();
    const r = runScenario(scenario, { seed });
    walls.push(elapsedMs(start));
    events += r.events;
    virtualMs = r.virtualMs;
  }
  const msPerRun = median(walls);
  const eventsPerRun = events / runs;
  const eventsPerSec = (eventsPerRun / msPerRun) * 1000;
  return {
    scenario: scenario.name,
    virtualSeconds: virtualMs / 1000,
    events: Math.round(eventsPerRun),
    msPerRun,
    msPerVirtualSecond: msPerRun / (virtualMs / 1000),
    fasterThanRealTime: virtualMs / msPerRun,
    eventsPerSec,
    shareOfKernel: eventsPerSec / kernelEventsPerSec,
  };
}

function sweeps(): SpeedFigures['sweeps'] {
  const counts: Record<string, number> = {
    'log-crash': Number(process.env['BENCH_SPEED_SWEEP_SEEDS'] ?? 400),
    'random-faults': Number(process.env['BENCH_SPEED_FAULT_SEEDS'] ?? 200),
  };
  const out: Record<string, SpeedFigures['sweeps'][string]> = {};
  for (const [name, seeds] of Object.entries(counts)) {
    const one = sweepAsTheCliRunsIt(name, seeds, 1);
    const two = sweepAsTheCliRunsIt(name, seeds, 2);
    out[name] = {
      seeds,
      oneJob: one.rate,
      twoJobs: two.rate,
      scaling: two.rate / one.rate,
      overheadMsPerSeed: two.overheadMs,
      runMsPerSeed: two.runMs,
      oneJobCores: one.cores,
      twoJobsCores: two.cores,
      twoJobsEngine: two.engine,
    };
  }
  return out;
}

export function measureSpeed(): SpeedFigures {
  const kernel = bestOf(3, () => kernelLoop(1_000, 3_000_000));
  const { scenario } = loadScenario('log-crash');
  return {
    commit: commitOf(),
    node: process.version,
    cpus: availableParallelism(),
    kernelEventsPerSec: kernel.value,
    defaultRun: defaultRun(scenario, kernel.value),
    sweeps: sweeps(),
  };
}

function readBaseline(): SpeedFigures | undefined {
  if (!existsSync(BASELINE)) return undefined;
  return JSON.parse(readFileSync(BASELINE, 'utf8')) as SpeedFigures;
}

export async function speedSection(): Promise<void> {
  const save = process.argv.includes('--save-baseline');
  const base = readBaseline();
  console.log(`\nSpeed, measured in this one process${base === undefined ? '' : `, against the baseline of commit ${base.commit} (bench/baseline.json)`}`);
  const now = measureSpeed();
  const ratio = (a: number, b: number | undefined, higherIsBetter = true): string =>
    b === undefined ? '' : `${(higherIsBetter ? a / b : b / a).toFixed(2)}x`;
  line('figure', 'now', 'baseline', 'speed-up');
  line('bare kernel loop', `${format(now.kernelEventsPerSec)} ev/s`, base ? `${format(base.kernelEventsPerSec)} ev/s` : '', ratio(now.kernelEventsPerSec, base?.kernelEventsPerSec));
  const d = now.defaultRun;
  const b = base?.defaultRun;
  line(`${d.scenario}: one ${d.virtualSeconds} s run (median)`, `${d.msPerRun.toFixed(1)} ms`, b ? `${b.msPerRun.toFixed(1)} ms` : '', ratio(d.msPerRun, b?.msPerRun, false), 'target <= 20 ms');
  line('  wall time per virtual second', `${d.msPerVirtualSecond.toFixed(2)} ms`, b ? `${b.msPerVirtualSecond.toFixed(2)} ms` : '', ratio(d.msPerVirtualSecond, b?.msPerVirtualSecond, false));
  line('  faster than real time', `${format(d.fasterThanRealTime)}x`, b ? `${format(b.fasterThanRealTime)}x` : '', '', `target >= ${TARGETS.fasterThanRealTime}x`);
  line('  events per run', format(d.events), b ? format(b.events) : '', '');
  line('  events per second', `${format(d.eventsPerSec)} ev/s`, b ? `${format(b.eventsPerSec)} ev/s` : '', ratio(d.eventsPerSec, b?.eventsPerSec));
  line('  share of the bare kernel loop', `${(d.shareOfKernel * 100).toFixed(1)} %`, b ? `${(b.shareOfKernel * 100).toFixed(1)} %` : '', '', `target >= ${TARGETS.shareOfKernel * 100} %`);
  // The machine's own speed drifts from one minute to the next; the kernel loop measured beside
  // the run drifts with it, so this ratio compares the two commits' code rather than two moments.
  line('  speed-up relative to the kernel loop', '', '', ratio(d.shareOfKernel, b?.shareOfKernel), 'moves less with the machine than the rest (docs/speed.md)');
  for (const [name, s] of Object.entries(now.sweeps)) {
    const o = base?.sweeps[name];
    line(`sweep ${name} (${s.seeds} seeds), 1 job`, `${s.oneJob.toFixed(1)} seeds/s`, o ? `${o.oneJob.toFixed(1)} seeds/s` : '', ratio(s.oneJob, o?.oneJob));
    const engine = s.twoJobsEngine !== undefined ? `; ${s.twoJobsEngine}, as the CLI runs it` : '';
    line(`sweep ${name}, 2 jobs`, `${s.twoJobs.toFixed(1)} seeds/s`, o ? `${o.twoJobs.toFixed(1)} seeds/s` : '', ratio(s.twoJobs, o?.twoJobs), `target >= ${TARGETS.sweep[name] ?? '?'} seeds/s${engine}`);
    line(`  2 jobs / 1 job`, `${s.scaling.toFixed(2)}x`, o ? `${o.scaling.toFixed(2)}x` : '', '', `target >= ${TARGETS.scaling}x on ${now.cpus} idle cores`);
    if (s.oneJobCores !== undefined && s.twoJobsCores !== undefined) {
      // One job's worker leaves a core free for V8's compiler and collector threads; with two jobs
      // that work falls on the workers' own cores (each does its own when V8 runs single-threaded),
      // so as long as it stays the same, two jobs are about (cores / cores busy with one) times
      // faster than one, not twice.
      const ceiling = now.cpus / s.oneJobCores;
      line(`  cores busy, 1 job / 2 jobs`, `${s.oneJobCores.toFixed(2)} / ${s.twoJobsCores.toFixed(2)}`, '', '', `so 2 jobs / 1 job is about ${ceiling.toFixed(2)}x here, not 2x`);
    }
    if (s.runMsPerSeed !== undefined && s.overheadMsPerSeed !== undefined) {
      const share = (s.overheadMsPerSeed / (s.overheadMsPerSeed + s.runMsPerSeed)) * 100;
      line(`  per seed, 2 jobs: run / around it`, `${s.runMsPerSeed.toFixed(1)} / ${s.overheadMsPerSeed.toFixed(1)} ms`, '', '', `${share.toFixed(1)} % of worker time outside runs`);
    }
  }
  if (save) {
    writeFileSync(BASELINE, JSON.stringify(now, null, 2) + '\n');
    console.log(`  saved as the new baseline: ${BASELINE}`);
  }
}
