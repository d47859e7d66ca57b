import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterMemoryFigures } from './cluster-memory.js';
import { powerSection } from './finding-power.js';
import { bareHeapLoop, kernelLoop } from './kernel.js';
import { bestOf, format, mib } from './measure.js';
import { longRunMemory, networkScenario } from './network.js';
import { instructionsSection } from './instructions.js';
import { pairedSection } from './paired.js';
import { speedSection } from './speed.js';
import { sweepSection } from './sweep.js';

/**
 * `npm run bench`: speed and memory figures with their targets. Prints, never asserts:
 * timings depend on the machine, so they are for people to read and compare.
 */
function line(label: string, value: string, target = ''): void {
  console.log(`  ${label.padEnd(44)} ${value.padStart(16)}   ${target}`);
}

function kernelSection(): void {
  console.log('Kernel: scheduler vs bare heap (trivial handler)');
  for (const pending of [1_000, 100_000]) {
    const events = 3_000_000;
    const bare = bestOf(3, () => bareHeapLoop(pending, events));
    const kernel = bestOf(3, () => kernelLoop(pending, events));
    const ratio = bare.value / kernel.value;
    line(bare.name, `${format(bare.value)} ev/s`);
    line(kernel.name, `${format(kernel.value)} ev/s`, pending === 1_000 ? 'target >= 3 M ev/s' : '');
    line(`  ratio bare/kernel at ${pending} pending`, `${ratio.toFixed(2)}x`, 'target <= 2x');
  }
}

function networkSection(): void {
  console.log('\nNetwork-heavy micro-scenario (10 nodes, calls with timeouts, random faults, trace hashed)');
  const f = networkScenario(20_000);
  line('events', format(f.events));
  line('events per second', `${format(f.eventsPerSecond)} ev/s`);
  line('virtual time / wall time', `${f.virtualToWall.toFixed(1)}x`);
}

function memorySection(): void {
  const events = Number(process.env.BENCH_LONG_EVENTS ?? 5_000_000);
  console.log(`\nMemory of a ${format(events)}-event run, trace streamed to a JSON-lines file`);
  const m = longRunMemory(events);
  for (const s of m.samples) line(`heap after ${format(s.events)} events`, mib(s.heapUsed));
  const first = m.samples[0]?.heapUsed ?? 0;
  const last = m.samples[m.samples.length - 1]?.heapUsed ?? 0;
  line('heap growth first -> last sample', `${(last / first).toFixed(2)}x`, 'target: flat (~1x)');
  line('peak RSS', mib(m.peakRss));
  line('trace file size', mib(m.traceBytes));
  line('wall time', `${(m.wallMs / 1000).toFixed(1)} s`);
}

/** The heap cap of the long cluster run: it fails (out of memory) if live data outgrows it. */
const CLUSTER_HEAP_CAP_MIB = 192;

function clusterSection(): void {
  const virtualS = Number(process.env.BENCH_CLUSTER_SECONDS ?? 10_000);
  console.log(`\nThe default scenario made long: ${format(virtualS)} s of virtual time, every checker on, trace hashed, heap capped at ${CLUSTER_HEAP_CAP_MIB} MiB`);
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', `--max-old-space-size=${CLUSTER_HEAP_CAP_MIB}`, join(dirname(fileURLToPath(import.meta.url)), 'cluster-child.js'), String(virtualS)],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (child.status !== 0) {
    line('the run failed', `exit ${child.status ?? child.signal}`, 'target: it fits the cap');
    console.log(child.stderr.split('\n').slice(-5).join('\n'));
    return;
  }
  const m = JSON.parse(child.stdout) as ClusterMemoryFigures;
  line('events', format(m.events), 'target >= 10 M');
  line('commits acknowledged', format(m.commits));
  for (const s of m.samples.filter((_, i) => i % 2 === 1)) line(`live heap after ${format(s.events)} events`, mib(s.heapUsed));
  line('peak live heap', mib(m.peakHeap));
  line('peak RSS', mib(m.peakRss), 'target < 300 MiB');
  line('events per second', `${format((m.events / m.wallMs) * 1000)} ev/s`);
  line('wall time', `${(m.wallMs / 1000).toFixed(1)} s`);
  line('verdict', m.verdict);
}

const sections: Record<string, () => void | Promise<void>> = {
  speed: speedSection,
  kernel: kernelSection,
  network: networkSection,
  memory: memorySection,
  cluster: clusterSection,
  sweep: sweepSection,
  power: powerSection,
};
// Only when asked for by name: they need another build to compare with.
const onRequest: Record<string, () => void | Promise<void>> = { paired: pairedSection, instructions: instructionsSection };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
// One section at a time: the sweep sections run worker threads, and overlapping would skew both.
for (const [name, run] of Object.entries(sections)) if (wanted.length === 0 || wanted.includes(name)) await run();
for (const [name, run] of Object.entries(onRequest)) if (wanted.includes(name)) await run();
