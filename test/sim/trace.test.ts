import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPingWorld } from '../../sim/examples/ping-world.js';
import { JsonLinesSink, MemorySink, ms, Trace } from '../../sim/index.js';

describe('Trace', () => {
  it('numbers records, stamps time, and hashes their content', () => {
    const a = new Trace();
    const b = new Trace();
    a.emit(5, { type: 'x' });
    b.emit(5, { type: 'x' });
    expect(a.hash).toBe(b.hash);
    a.emit(6, { type: 'y' });
    b.emit(6, { type: 'z' });
    expect(a.hash).not.toBe(b.hash);
    expect(a.count).toBe(2);
  });

  it('the hash does not depend on the sink', () => {
    const memory = new MemorySink();
    const dir = mkdtempSync(join(tmpdir(), 'trace-'));
    const file = join(dir, 't.jsonl');
    const withMemory = buildPingWorld({ seed: 4, nodes: 3, durationMs: 100, sink: memory });
    const withFile = buildPingWorld({ seed: 4, nodes: 3, durationMs: 100, sink: new JsonLinesSink(file, 256) });
    const bare = buildPingWorld({ seed: 4, nodes: 3, durationMs: 100 });
    for (const sim of [withMemory, withFile, bare]) {
      sim.run({ until: ms(100) });
      sim.trace.close();
    }
    expect(withFile.trace.hash).toBe(bare.trace.hash);
    expect(withMemory.trace.hash).toBe(bare.trace.hash);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(bare.trace.count);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(memory.records);
    expect(memory.records[0]).toMatchObject({ i: 0, t: 0, type: 'node-up' });
  });

  it('observers see every record in order', () => {
    const sim = buildPingWorld({ seed: 2, nodes: 3, durationMs: 50 });
    const seen: number[] = [];
    sim.trace.subscribe((r) => seen.push(r.i));
    sim.run({ until: ms(50) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((i, k) => k === 0 || i === (seen[k - 1] as number) + 1)).toBe(true);
  });
});
