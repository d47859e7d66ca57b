import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineFlagsFor } from '../src/cli/engine-flags.js';
import type { SweepMeasure } from './sweep-child.js';

const SWEEP_CHILD = join(dirname(fileURLToPath(import.meta.url)), 'sweep-child.js');

export interface SweepThroughput {
  readonly rate: number;
  readonly eventsPerSec: number;
  /** The mean run's own wall time in the workers. */
  readonly runMs: number;
  /** Worker time per seed spent outside the runs themselves (set-up, pool, results). */
  readonly overheadMs: number;
  /** Cores the process kept busy: its CPU time over the wall time. */
  readonly cores: number;
  /** How V8 ran its compiler and collector. */
  readonly engine: string;
}

/**
 * Seeds per second of a bundled scenario, swept as the CLI sweeps it: in a process of its own,
 * with the V8 flags the CLI starts a sweep of that many seeds and jobs with (`src/cli/engine-flags.ts`).
 */
export function sweepAsTheCliRunsIt(scenario: string, count: number, jobs: number): SweepThroughput {
  const choice = engineFlagsFor(['sweep', '--seeds', `1..${count}`, '--jobs', String(jobs)], availableParallelism(), process.env);
  if ('error' in choice) throw new Error(choice.error);
  const out = execFileSync(process.execPath, [...choice.flags, SWEEP_CHILD, scenario, String(count), String(jobs)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const m = JSON.parse(out.trim().split('\n').pop() as string) as SweepMeasure;
  return {
    rate: count / (m.wallMs / 1000),
    eventsPerSec: m.events / (m.wallMs / 1000),
    runMs: m.inRunsMs / count,
    overheadMs: Math.max(0, m.wallMs * jobs - m.inRunsMs) / count,
    cores: m.cpuMs / m.wallMs,
    engine: choice.flags.includes('--single-threaded') ? 'V8 single-threaded' : 'V8 threads',
  };
}
