import { bareHeapLoop, kernelLoop } from './kernel.js';
import { bestOf, format, mib } from './measure.js';
import { longRunMemory, networkScenario } from './network.js';
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

const sections: Record<string, () => void> = { kernel: kernelSection, network: networkSection, memory: memorySection, sweep: sweepSection };
const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(sections)) if (wanted.length === 0 || wanted.includes(name)) run();
