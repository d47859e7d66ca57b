import { describe, expect, it } from 'vitest';
import { disksWipedBeforeQuiet, MemorySink, ms, NodeDisk, RecordFileImpl, Simulation, us, type RecordFile, type TraceRecord } from '../../sim/index.js';

describe('a record file', () => {
  it('keeps synced records through a crash and loses the unsynced tail', () => {
    const f = new RecordFileImpl<number>();
    f.append(1);
    f.append(2);
    f.synced = 2;
    f.append(3);
    expect(f.tear()).toBe(1);
    expect(f.records).toEqual([1, 2]);
    expect(f.tear()).toBe(0);
  });

  it('rewrite and dropFront are durable at once', () => {
    const f = new RecordFileImpl<number>();
    f.append(1);
    f.append(2);
    f.rewrite([7, 8, 9]);
    expect(f.synced).toBe(3);
    f.append(10);
    f.dropFront(2);
    expect(f.records).toEqual([9, 10]);
    expect(f.synced).toBe(1);
    expect(f.tear()).toBe(1);
    expect(f.records).toEqual([9]);
  });
});

describe('a node disk', () => {
  it('queues syncs one after another, each taking the latency times the slowdown', () => {
    const disk = new NodeDisk(us(200));
    expect(disk.syncDoneAt(1_000)).toBe(1_200);
    expect(disk.syncDoneAt(1_000)).toBe(1_400);
    disk.slowdown = 10;
    expect(disk.syncDoneAt(5_000)).toBe(7_000);
  });

  it('a wipe leaves nothing', () => {
    const disk = new NodeDisk();
    disk.kv.set('k', 1);
    disk.file<number>('f').append(1);
    disk.wipe();
    expect(disk.kv.size).toBe(0);
    expect(disk.files.size).toBe(0);
  });
});

/** A writer on node `n` that appends 1..3, syncs, then appends 4 and syncs again. */
function world(slowdown = 1): { sim: Simulation; records: TraceRecord[]; done: string[] } {
  const sink = new MemorySink();
  const sim = new Simulation({ seed: 1, sink });
  const done: string[] = [];
  sim.addNode('n');
  sim.slowDisk('n', slowdown);
  sim.spawn('n', 'writer', (ctx) => {
    const file: RecordFile<number> = ctx.file<number>('data');
    if (file.records.length > 0) return;
    ctx.spawn(
      (function* () {
        for (const r of [1, 2, 3]) file.append(r);
        yield* ctx.sync(file);
        done.push(`synced 3 at ${ctx.now()}`);
        file.append(4);
        yield* ctx.sync(file);
        done.push(`synced 4 at ${ctx.now()}`);
      })(),
    );
  });
  return { sim, records: sink.records, done };
}

describe('disks in the simulation', () => {
  it('a sync completes after the disk latency, and what it covered survives a crash', () => {
    const { sim, done } = world();
    sim.run({ until: ms(10) });
    expect(done).toEqual(['synced 3 at 200', 'synced 4 at 400']);
    sim.crashNode('n');
    expect(sim.files('n').get('writer/data')?.records).toEqual([1, 2, 3, 4]);
  });

  it('a crash before the sync completes tears the tail off, says so in the trace, and the sync never completes', () => {
    const { sim, records, done } = world(100);
    sim.run({ until: us(30_000) });
    expect(done).toEqual(['synced 3 at 20000']);
    sim.crashNode('n');
    expect(sim.files('n').get('writer/data')?.records).toEqual([1, 2, 3]);
    expect(records.filter((r) => r.type === 'torn')).toEqual([expect.objectContaining({ node: 'n', file: 'writer/data', lost: 1 })]);
    sim.run({ until: ms(100) });
    expect(done).toEqual(['synced 3 at 20000']);
  });

  it('a wiped node is down, with an empty disk', () => {
    const { sim } = world();
    sim.run({ until: ms(10) });
    sim.wipeDisk('n');
    expect(sim.isNodeUp('n')).toBe(false);
    expect(sim.files('n').size).toBe(0);
  });

  it('disksWipedBeforeQuiet lists each node once, at its last wipe before the quiet time', () => {
    const plan = {
      quietAtMs: 100,
      actions: [
        { at: 50, kind: 'wipe-disk', node: 'n2' },
        { at: 10, kind: 'wipe-disk', node: 'n2' },
        { at: 20, kind: 'wipe-disk', node: 'n1' },
        { at: 100, kind: 'wipe-disk', node: 'n3' },
      ],
    } as const;
    expect(disksWipedBeforeQuiet({ ...plan, actions: [...plan.actions] })).toEqual([
      { node: 'n1', at: 20 },
      { node: 'n2', at: 50 },
    ]);
  });
});
