import { describe, expect, it } from 'vitest';
import type { RecordFile } from '../../sim/index.js';
import type { LogDisk } from '../../src/cluster/services/log.js';
import type { StorageDisk } from '../../src/cluster/services/storage.js';
import type { LogEntry } from '../../src/cluster/types.js';
import { call, reply, serviceWorld } from './harness.js';

/** The records of a file on node a's disk. */
const records = (w: ReturnType<typeof serviceWorld>, name: string): readonly LogEntry[] =>
  (w.sim.files('a').get(name) as RecordFile<LogEntry> | undefined)?.records ?? [];

const D5 = 'director-e5@x#1';
const D3 = 'director-e3@x#1';

describe('lock rule on a service', () => {
  it('a lock with a lower epoch is refused and changes nothing', () => {
    const w = serviceWorld();
    w.log('l1');
    const [first, second] = w.drive(function* (ctx) {
      const a = reply(yield* call(ctx, 'log-l1@a', { type: 'lock', epoch: 5, director: D5 }));
      const b = reply(yield* call(ctx, 'log-l1@a', { type: 'lock', epoch: 3, director: D3 }));
      return [a, b];
    });
    expect(first.type).toBe('lock-ok');
    expect(second).toEqual({ type: 'newer-epoch-exists', epoch: 5 });
    const disk = w.sim.disk('a').get('log-l1/state') as LogDisk;
    expect(disk.epoch).toBe(5);
    expect(disk.director).toBe(D5);
    expect(w.events.filter((e) => e.type === 'lock-refused')).toHaveLength(1);
  });

  it('the same epoch is accepted again only from the same director', () => {
    const w = serviceWorld();
    w.storage('s1');
    const replies = w.drive(function* (ctx) {
      return [
        reply(yield* call(ctx, 'storage-s1@a', { type: 'lock', epoch: 5, director: D5 })).type,
        reply(yield* call(ctx, 'storage-s1@a', { type: 'lock', epoch: 5, director: D5 })).type,
        reply(yield* call(ctx, 'storage-s1@a', { type: 'lock', epoch: 5, director: 'director-e5@y#2' })).type,
      ];
    });
    expect(replies).toEqual(['lock-ok', 'lock-ok', 'newer-epoch-exists']);
  });

  it('mutation accept-stale-lock lets the epoch fall', () => {
    const w = serviceWorld(['accept-stale-lock']);
    w.log('l1');
    w.drive(function* (ctx) {
      yield* call(ctx, 'log-l1@a', { type: 'lock', epoch: 5, director: D5 });
      yield* call(ctx, 'log-l1@a', { type: 'lock', epoch: 3, director: D3 });
    });
    expect((w.sim.disk('a').get('log-l1/state') as LogDisk).epoch).toBe(3);
  });
});

describe('log fencing and recovery', () => {
  /** Bring a fresh log to running at epoch 1 (as a bootstrap director would). */
  function* runningLog(ctx: Parameters<Parameters<ReturnType<typeof serviceWorld>['drive']>[0]>[0], id: string) {
    yield* call(ctx, `log-${id}@a`, { type: 'lock', epoch: 1, director: 'd1' });
    return reply(yield* call(ctx, `log-${id}@a`, { type: 'recover-from', epoch: 1, director: 'd1', source: null, first: 0, last: 0, teams: [] }));
  }

  it('a locked log refuses a push; a running one chains it', () => {
    const w = serviceWorld();
    w.log('l1');
    const out = w.drive(function* (ctx) {
      const locked = reply(yield* call(ctx, 'log-l1@a', { type: 'push', epoch: 1, prev: 0, version: 1, writes: [] }));
      const recovered = yield* runningLog(ctx, 'l1');
      const pushed = reply(yield* call(ctx, 'log-l1@a', { type: 'push', epoch: 1, prev: 0, version: 1, writes: [{ key: 'k', value: 'v' }] }));
      yield* call(ctx, 'log-l1@a', { type: 'lock', epoch: 2, director: 'd2' });
      const fenced = reply(yield* call(ctx, 'log-l1@a', { type: 'push', epoch: 1, prev: 1, version: 2, writes: [] }));
      return { locked, recovered, pushed, fenced };
    });
    expect(out.locked).toEqual({ type: 'push-error', reason: 'locked' });
    expect(out.recovered.type).toBe('recover-ok');
    expect(out.pushed).toEqual({ type: 'push-ok', version: 1 });
    expect(out.fenced).toEqual({ type: 'push-error', reason: 'locked' });
    expect(records(w, 'log-l1/entries').map((e) => e.version)).toEqual([0, 1]);
  });

  it('mutation no-fencing: a locked log still accepts the old generation\'s push', () => {
    const w = serviceWorld(['no-fencing']);
    w.log('l1');
    const fenced = w.drive(function* (ctx) {
      yield* runningLog(ctx, 'l1');
      yield* call(ctx, 'log-l1@a', { type: 'lock', epoch: 2, director: 'd2' });
      return reply(yield* call(ctx, 'log-l1@a', { type: 'push', epoch: 1, prev: 0, version: 1, writes: [] }));
    });
    expect(fenced.type).toBe('push-ok');
  });

  it('recover-from copies (first, last] from the source and refuses an older epoch', () => {
    const w = serviceWorld();
    w.log('old');
    w.log('new');
    const out = w.drive(function* (ctx) {
      yield* runningLog(ctx, 'old');
      for (let v = 1; v <= 5; v++) {
        yield* call(ctx, 'log-old@a', { type: 'push', epoch: 1, prev: v - 1, version: v, writes: [{ key: `k${v}`, value: 'x' }] });
      }
      yield* call(ctx, 'log-old@a', { type: 'lock', epoch: 2, director: 'd2' });
      yield* call(ctx, 'log-new@a', { type: 'lock', epoch: 2, director: 'd2' });
      const stale = reply(yield* call(ctx, 'log-new@a', { type: 'recover-from', epoch: 1, director: 'd1', source: 'log-old@a', first: 0, last: 3, teams: [] }));
      const ok = reply(yield* call(ctx, 'log-new@a', { type: 'recover-from', epoch: 2, director: 'd2', source: 'log-old@a#1', first: 0, last: 3, teams: [] }));
      return { stale, ok };
    });
    expect(out.stale.type).toBe('newer-epoch-exists');
    expect(out.ok.type).toBe('recover-ok');
    expect(records(w, 'log-new/entries').map((e) => e.version)).toEqual([0, 1, 2, 3]);
  });
});

describe('storage unlock', () => {
  it('truncates above min(durable version, recovery version) and refuses an older epoch', () => {
    const w = serviceWorld();
    w.storage('s1');
    const disk = w.sim.disk('a').get('storage-s1/state') as StorageDisk;
    const applied = w.sim.files('a').get('storage-s1/applied') as RecordFile<LogEntry>;
    for (let v = 1; v <= 6; v++) applied.append({ version: v, writes: [{ key: `k${v}`, value: 'x' }] });
    disk.durableVersion = 6;
    const out = w.drive(function* (ctx) {
      yield* call(ctx, 'storage-s1@a', { type: 'lock', epoch: 4, director: 'd4' });
      const stale = reply(
        yield* call(ctx, 'storage-s1@a', { type: 'unlock-storage', epoch: 3, director: 'd3', durableVersion: 6, recoveryVersion: 6, logs: [], shards: [] }),
      );
      const ok = reply(
        yield* call(ctx, 'storage-s1@a', { type: 'unlock-storage', epoch: 4, director: 'd4', durableVersion: 5, recoveryVersion: 4, logs: [], shards: [] }),
      );
      return { stale, ok };
    });
    expect(out.stale.type).toBe('newer-epoch-exists');
    expect(out.ok.type).toBe('unlock-ok');
    expect(disk.durableVersion).toBe(4);
    expect(records(w, 'storage-s1/applied').map((e) => e.version)).toEqual([1, 2, 3, 4]);
  });
});
