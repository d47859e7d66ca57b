import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPingWorld } from '../sim/examples/ping-world.js';
import { JsonLinesSink } from '../sim/trace.js';
import { ms } from '../sim/time.js';
import { elapsedMs, gc, mib } from './measure.js';

export interface NetworkFigures {
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly virtualToWall: number;
  readonly traceRecords: number;
}

/** 10 nodes calling each other with random faults: messages, timers and trace on every step. */
export function networkScenario(virtualMs: number): NetworkFigures {
  const sim = buildPingWorld({ seed: 1, nodes: 10, intervalMs: 2, durationMs: virtualMs, withFaults: true });
  const start = process.hrtime.bigint();
  sim.run({ until: ms(virtualMs) });
  const wall = elapsedMs(start);
  return {
    events: sim.scheduler.eventCount,
    eventsPerSecond: (sim.scheduler.eventCount / wall) * 1000,
    virtualToWall: virtualMs / wall,
    traceRecords: sim.trace.count,
  };
}

export interface MemoryFigures {
  readonly samples: { events: number; heapUsed: number }[];
  readonly peakRss: number;
  readonly traceBytes: number;
  readonly wallMs: number;
}

/** Run until `events` scheduler events with the trace streamed to a JSON-lines file, sampling the heap. */
export function longRunMemory(events: number): MemoryFigures {
  const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-bench-'));
  const file = join(dir, 'trace.jsonl');
  const sim = buildPingWorld({ seed: 2, nodes: 10, durationMs: 1e9, sink: new JsonLinesSink(file) });
  const samples: { events: number; heapUsed: number }[] = [];
  let peakRss = 0;
  const step = events / 5;
  const start = process.hrtime.bigint();
  for (let target = step; target <= events; target += step) {
    sim.run({ maxEvents: target - sim.scheduler.eventCount });
    gc();
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    samples.push({ events: sim.scheduler.eventCount, heapUsed: usage.heapUsed });
  }
  const wallMs = elapsedMs(start);
  sim.trace.close();
  const traceBytes = statSync(file).size;
  rmSync(dir, { recursive: true, force: true });
  return { samples, peakRss, traceBytes, wallMs };
}

export { mib };
