import { runScenario } from '../src/runner/run.js';
import { loadScenario } from '../src/scenario/load.js';
import { resolveScenario } from '../src/scenario/resolve.js';
import type { Scenario } from '../src/scenario/types.js';
import type { NodeSpec } from '../src/cluster/cluster.js';
import { elapsedMs, format } from './measure.js';
import { sweepAsTheCliRunsIt } from './sweep-process.js';

/**
 * Sweep throughput (seeds per second with one and two worker threads) and how one run's wall
 * time grows with the cluster. Prints figures, never asserts. BENCH_SWEEP_SEEDS scales the sweep.
 */
function line(label: string, value: string, note = ''): void {
  console.log(`  ${label.padEnd(44)} ${value.padStart(16)}   ${note}`);
}

/** The default scenario's shape, repeated: half coordination+storage nodes, half log nodes. */
export function scaledCluster(base: Scenario, nodes: number): Scenario {
  const shape = resolveScenario(base, 1).cluster.nodes;
  const scaled: NodeSpec[] = Array.from({ length: nodes }, (_, i) => ({
    id: `n${i + 1}`,
    capabilities: (shape[Math.floor((i * shape.length) / nodes)] as NodeSpec).capabilities,
  }));
  // The default's faults name n5 (a log node); keep them aimed at a log node of the bigger cluster.
  const logNode = scaled.find((n) => n.capabilities.includes('log') && n.id !== 'n4')?.id ?? 'n5';
  const script = (base.faults?.script ?? []).map((a) => ('node' in a && a.node === 'n5' ? { ...a, node: logNode } : a));
  return { ...base, name: `${base.name}-${nodes}-nodes`, cluster: { nodes: scaled, coordinators: ['n1', 'n2', 'n3'] }, faults: { ...base.faults, script }, expect: undefined };
}

function bestWallMs(scenario: Scenario, runs = 3): { wallMs: number; events: number; virtualMs: number } {
  runScenario(scenario, { seed: 1 }); // warm-up: let the JIT compile the paths this shape takes
  let best = { wallMs: Infinity, events: 0, virtualMs: 0 };
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = runScenario(scenario, { seed: 1 });
    const wallMs = elapsedMs(start);
    if (wallMs < best.wallMs) best = { wallMs, events: r.events, virtualMs: r.virtualMs };
  }
  return best;
}

export async function sweepSection(): Promise<void> {
  const { scenario } = loadScenario('log-crash');
  const count = Number(process.env['BENCH_SWEEP_SEEDS'] ?? 1000);
  console.log(`\nSweep: ${count} seeds of the default scenario (log-crash) in worker threads, as the CLI runs them`);
  const one = sweepAsTheCliRunsIt(scenario.name, count, 1);
  line('1 job', `${one.rate.toFixed(1)} seeds/s`, `${format(one.eventsPerSec)} events/s; ${one.engine}`);
  const two = sweepAsTheCliRunsIt(scenario.name, count, 2);
  line('2 jobs', `${two.rate.toFixed(1)} seeds/s`, `${format(two.eventsPerSec)} events/s; ${two.engine}`);
  line('speed-up 2 jobs / 1 job', `${(two.rate / one.rate).toFixed(2)}x`, 'ideal 2x on 2 idle cores');

  console.log('\nOne run of the default scenario as the cluster doubles (seed 1, best of 3 after a warm-up)');
  // The sweep ran in worker threads, so this thread's JIT is still cold: warm it on the base shape first.
  for (let i = 0; i < 5; i++) runScenario(scenario, { seed: 1 });
  let baseline = 0;
  for (const nodes of [6, 12, 24, 48]) {
    const r = bestWallMs(nodes === 6 ? scenario : scaledCluster(scenario, nodes));
    if (nodes === 6) baseline = r.wallMs;
    const perVirtualSecond = r.wallMs / (r.virtualMs / 1000);
    line(`${nodes} nodes`, `${r.wallMs.toFixed(0)} ms wall`, `${perVirtualSecond.toFixed(2)} ms per virtual s · ${format(r.events)} events · ${(r.wallMs / baseline).toFixed(2)}x of 6 nodes`);
  }
}
