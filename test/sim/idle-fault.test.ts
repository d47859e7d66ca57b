import { describe, expect, it } from 'vitest';
import { buildPingWorld } from '../../sim/examples/ping-world.js';
import { ms, scheduleFaultPlan, type TraceRecord } from '../../sim/index.js';
import { Rng } from '../../sim/rng.js';

describe('a process fault that finds no process', () => {
  it('is recorded as idle (nothing happened), and a kill that strikes is not', () => {
    const sim = buildPingWorld({ seed: 1, nodes: 3, durationMs: 300 });
    const faults: TraceRecord[] = [];
    sim.trace.subscribe((r) => faults.push(r), ['fault']);
    scheduleFaultPlan(
      sim,
      {
        actions: [
          { at: 100, kind: 'kill-process', node: 'n1', process: 'nobody-*' },
          { at: 150, kind: 'kill-process', node: 'n2', process: 'pinger' },
        ],
        quietAtMs: 200,
      },
      Rng.fromSeed(1),
    );
    sim.run({ until: ms(300) });
    expect(faults.map((f) => [(f as unknown as { action: { process?: string } }).action.process, (f as unknown as { idle?: true }).idle])).toEqual([
      ['nobody-*', true],
      ['pinger', undefined],
    ]);
  });

  it('the quiet time unclogs only when something is clogged', () => {
    const sim = buildPingWorld({ seed: 2, nodes: 3, durationMs: 300 });
    const kinds: string[] = [];
    sim.trace.subscribe((r) => kinds.push((r as unknown as { action: { kind: string } }).action.kind), ['fault']);
    scheduleFaultPlan(sim, { actions: [{ at: 50, kind: 'clog', node: 'n1', delayMs: 10 }], quietAtMs: 100 }, Rng.fromSeed(2));
    scheduleFaultPlan(sim, { actions: [], quietAtMs: 200 }, Rng.fromSeed(3));
    sim.run({ until: ms(300) });
    expect(kinds).toEqual(['clog', 'unclog']);
  });
});
