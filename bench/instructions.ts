import { spawn, spawnSync } from 'node:child_process';
import { CHILD, HERE, otherBuild } from './other-build.js';

interface Count {
  readonly instructions: number;
  readonly hashes: string;
}

/** Instructions of one process running `warm` seeds of `scenario` and then `seeds` seeds with the build at `root`. */
function count(root: string, scenario: string, seeds: number, warm: number): Promise<Count> {
  return new Promise((done, fail) => {
    const child = spawn(
      'valgrind',
      ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', CHILD, root, scenario, String(seeds), String(warm)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(err);
      if (code !== 0 || refs === null) {
        fail(new Error(`valgrind exited with ${code}: ${err.split('\n').slice(-4).join(' ')}`));
        return;
      }
      const { hashes } = JSON.parse(out) as { hashes: string[] };
      done({ instructions: Number((refs[1] as string).replaceAll(',', '')), hashes: hashes.join() });
    });
  });
}

/**
 * `npm run bench -- instructions --against=<checkout>`: this build against another one, in
 * instructions executed rather than wall time. Valgrind counts them, with V8 on one thread
 * (`--single-threaded`: no concurrent compiler or collector), so the same build gives the same
 * count to within about one percent, where wall time on a shared machine drifts by ten times
 * that. The count includes the garbage collector's work; it does not see cache misses, so a
 * change that only moves memory about should be confirmed with `paired`.
 */
export async function instructionsSection(): Promise<void> {
  console.log('\nInstructions: this build against another, counted by valgrind with V8 on one thread');
  const other = otherBuild();
  if (other === undefined) return;
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('  valgrind is not installed here (apt-get install valgrind); the paired section measures the same in wall time');
    return;
  }
  const seeds = Number(process.env['BENCH_INSTRUCTION_SEEDS'] ?? 8);
  const warm = Number(process.env['BENCH_INSTRUCTION_WARMUP'] ?? 8);
  // A process that only starts and warms up is taken off, so what is counted is the runs of a
  // long sweep: in the first few runs of a process, V8's optimising compiler executes about a
  // third of all instructions, and compiling is not what a sweep of many seeds spends its time on.
  console.log(`  ${seeds} seeds per process after ${warm} to warm up, less a process that only warms up; both builds at once, one core each`);
  console.log(`  ${'scenario'.padEnd(16)} ${'other'.padStart(12)} ${'this'.padStart(12)} ${'ratio'.padStart(7)}   same trace hashes`);
  for (const scenario of ['log-crash', 'random-faults']) {
    const [theirStart, myStart] = await Promise.all([count(other, scenario, 0, warm), count(HERE, scenario, 0, warm)]);
    const [theirs, mine] = await Promise.all([count(other, scenario, seeds, warm), count(HERE, scenario, seeds, warm)]);
    const perRun = (c: Count, start: Count): number => (c.instructions - start.instructions) / seeds;
    const a = perRun(theirs, theirStart);
    const b = perRun(mine, myStart);
    const cell = (n: number): string => `${(n / 1e9).toFixed(3)} G`;
    console.log(`  ${scenario.padEnd(16)} ${cell(a).padStart(12)} ${cell(b).padStart(12)} ${`${(a / b).toFixed(3)}x`.padStart(7)}   ${theirs.hashes === mine.hashes ? 'yes' : 'no'}`);
  }
}
