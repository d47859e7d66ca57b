import { execFileSync } from 'node:child_process';
import { CHILD, HERE, otherBuild } from './other-build.js';

/** Seeds each process runs before it measures (the JIT settles). */
const WARM = 8;

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

function measure(root: string, scenario: string, runs: number): { median: number; hashes: string[] } {
  const out = execFileSync(process.execPath, [CHILD, root, scenario, String(runs), String(WARM)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const { ms, hashes } = JSON.parse(out) as { ms: number[]; hashes: string[] };
  return { median: median(ms), hashes };
}

/**
 * `npm run bench -- paired --against=<checkout>`: this build against another one (a checkout
 * of another commit, built with `npm run build`), in alternating processes a few seconds apart,
 * so the machine's drift from one minute to the next touches both alike. The figure to quote
 * when a change is meant to make runs faster; it also says whether both builds give the same
 * trace hashes.
 */
export function pairedSection(): void {
  console.log('\nPaired: this build against another, in alternating processes');
  const other = otherBuild();
  if (other === undefined) return;
  const rounds = Number(process.env['BENCH_PAIRED_ROUNDS'] ?? 6);
  const runs = Number(process.env['BENCH_PAIRED_RUNS'] ?? 20);
  console.log(`  ${rounds} rounds; each process runs ${runs} seeds after ${WARM} to warm up; per process the median run`);
  console.log(`  ${'scenario'.padEnd(16)} ${'other'.padStart(10)} ${'this'.padStart(10)} ${'speed-up'.padStart(9)}   same trace hashes`);
  for (const scenario of ['log-crash', 'random-faults']) {
    const mine: number[] = [];
    const theirs: number[] = [];
    const ratios: number[] = [];
    let same = true;
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always runs on the warmer machine.
      let theirsNow: ReturnType<typeof measure>;
      let b: ReturnType<typeof measure>;
      if (round % 2 === 0) {
        theirsNow = measure(other, scenario, runs);
        b = measure(HERE, scenario, runs);
      } else {
        b = measure(HERE, scenario, runs);
        theirsNow = measure(other, scenario, runs);
      }
      theirs.push(theirsNow.median);
      mine.push(b.median);
      ratios.push(theirsNow.median / b.median);
      same &&= theirsNow.hashes.join() === b.hashes.join();
    }
    const cell = (ms: number): string => `${ms.toFixed(1)} ms`;
    console.log(`  ${scenario.padEnd(16)} ${cell(median(theirs)).padStart(10)} ${cell(median(mine)).padStart(10)} ${`${median(ratios).toFixed(2)}x`.padStart(9)}   ${same ? 'yes' : 'no'}`);
  }
}
