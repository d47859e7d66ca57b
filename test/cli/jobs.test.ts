import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseJobs } from '../../src/cli/options.js';
import { cli, fixture } from './helpers.js';

const CORES = availableParallelism();
const TINY = fixture('tiny.yaml');

function warning(jobs: number): string {
  return `recovery-sim: warning: --jobs ${jobs} is more than the ${CORES} core${CORES === 1 ? '' : 's'} this machine offers; running ${CORES} worker thread${CORES === 1 ? '' : 's'} (more would only hold more simulations in memory).`;
}

describe('--jobs is capped at the machine', () => {
  it('a value above the cores warns once and uses the cores', () => {
    const warned: string[] = [];
    expect(parseJobs('64', 4, (w) => warned.push(w))).toBe(4);
    expect(warned).toEqual(['recovery-sim: warning: --jobs 64 is more than the 4 cores this machine offers; running 4 worker threads (more would only hold more simulations in memory).']);
    expect(parseJobs('3', 4, (w) => warned.push(w))).toBe(3);
    expect(parseJobs(undefined, 4, (w) => warned.push(w))).toBe(4);
    expect(warned).toHaveLength(1);
  });

  it('absurd values are still refused', () => {
    for (const bad of ['0', '-1', '2.5', 'many', '99999999999999999999']) expect(() => parseJobs(bad, 4, () => undefined), bad).toThrow(/--jobs must be a positive integer \(worker threads\)/);
  });

  it('sweep --jobs above the cores warns on stderr and still runs', async () => {
    const jobs = CORES + 3;
    const r = await cli(['sweep', TINY, '--seeds', '1..2', '--jobs', String(jobs)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n')).toContain(warning(jobs));
    expect(r.stdout).toMatch(new RegExp(`^runs +2 · ${Math.min(CORES, 2)} jobs`, 'm'));
  });

  it('power --jobs above the cores warns on stderr and still measures', async () => {
    const jobs = CORES * 100;
    const r = await cli(['power', TINY, '--seeds', '1..1', '--mutate', 'no-fencing', '--jobs', String(jobs), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n')).toContain(warning(jobs));
    expect(JSON.parse(r.stdout)).toMatchObject({ mutation: 'no-fencing', scenario: 'tiny', tried: 1, jobs: CORES });
  });
});
