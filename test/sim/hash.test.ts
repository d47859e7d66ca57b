import { describe, expect, it } from 'vitest';
import { RunningHash } from '../../sim/hash.js';
import { deliverRecord, sendRecord, Trace } from '../../sim/index.js';

function hashOf(...records: [number, number, object][]): string {
  const h = new RunningHash();
  for (const [i, t, fields] of records) h.record(i, t, fields);
  return h.digest();
}

describe('RunningHash', () => {
  const base = { type: 'send', m: 3, from: 'a@n1#1', to: 'b@n2', msg: { type: 'push', version: 7, entries: [{ v: 1.5, k: 'x' }], ok: true, none: null } };

  it('is a function of the content alone', () => {
    expect(hashOf([0, 10, base])).toBe(hashOf([0, 10, structuredClone(base)]));
    expect(hashOf([0, 10, base])).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells apart any change of a value, a key, a kind, an order, a time or a position', () => {
    const variants: object[] = [
      { ...base, m: 4 },
      { ...base, from: 'a@n1#2' },
      { ...base, msg: { ...base.msg, version: 8 } },
      { ...base, msg: { ...base.msg, version: '7' } },
      { ...base, msg: { ...base.msg, entries: [{ v: 1.25, k: 'x' }] } },
      { ...base, msg: { ...base.msg, entries: [{ k: 'x', v: 1.5 }] } },
      { ...base, msg: { ...base.msg, entries: [] } },
      { ...base, msg: { ...base.msg, ok: false } },
      { ...base, msg: { ...base.msg, none: 0 } },
      { ...base, msg: { ...base.msg, extra: 1 } },
      { ...base, message: base.msg, msg: undefined },
    ];
    const hashes = new Set([hashOf([0, 10, base]), ...variants.map((v) => hashOf([0, 10, v]))]);
    expect(hashes.size).toBe(variants.length + 1);
    expect(hashOf([0, 11, base])).not.toBe(hashOf([0, 10, base]));
    expect(hashOf([1, 10, base])).not.toBe(hashOf([0, 10, base]));
    expect(hashOf([0, 10, base])).toBe(((): string => { const h = new RunningHash(); h.value({ i: 0, t: 10, ...base }); return h.digest(); })());
  });

  it("hashes the kernel's message records from their fields exactly as the records themselves", () => {
    const generic = (record: object): string => {
      const h = new RunningHash();
      h.value(record);
      return h.digest();
    };
    const direct = (mix: (h: RunningHash) => void): string => {
      const h = new RunningHash();
      mix(h);
      return h.digest();
    };
    const msg = base.msg;
    expect(direct((h) => h.send(4, 1.5, 9, 'a@n1#1', 'b@n2', msg, undefined, undefined))).toBe(generic({ i: 4, t: 1.5, type: 'send', m: 9, from: 'a@n1#1', to: 'b@n2', msg }));
    expect(direct((h) => h.send(4, 10, 9, 'a@n1#1', 'b@n2', msg, 3, undefined))).toBe(generic({ i: 4, t: 10, type: 'send', m: 9, from: 'a@n1#1', to: 'b@n2', msg, call: 3 }));
    expect(direct((h) => h.send(4, 10, 9, 'a@n1#1', 'b@n2', msg, undefined, 3))).toBe(generic({ i: 4, t: 10, type: 'send', m: 9, from: 'a@n1#1', to: 'b@n2', msg, reply: 3 }));
    for (const dup of [false, true]) {
      for (const late of [false, true]) {
        const record = { i: 7, t: 20, type: 'deliver', m: 9, to: 'b@n2#1', ...(dup ? { dup } : {}), ...(late ? { late } : {}) };
        expect(direct((h) => h.deliver(7, 20, 9, 'b@n2#1', dup, late))).toBe(generic(record));
      }
    }
    expect(direct((h) => h.drop(8, 30, 9, 'partition'))).toBe(generic({ i: 8, t: 30, type: 'drop', m: 9, cause: 'partition' }));
    expect(direct((h) => h.deliver(7, 20, 9, 'b@n2#1', false, false))).not.toBe(direct((h) => h.deliver(7, 20, 9, 'b@n2#2', false, false)));
  });

  it('leaves undefined fields out, as the JSON encoding does', () => {
    expect(hashOf([0, 1, { type: 'x', a: 1, b: undefined }])).toBe(hashOf([0, 1, { type: 'x', a: 1 }]));
  });

  it('keeps records apart: two records are not one record with their fields merged', () => {
    expect(hashOf([0, 1, { type: 'x' }], [1, 1, { type: 'y' }])).not.toBe(hashOf([0, 1, { type: 'x', y: 'y' }]));
  });
});

describe('Trace subscriptions', () => {
  it('hands an observer only the types it asked for, and hashes every record whoever watches', () => {
    const watched = new Trace<{ type: 'a' | 'b'; n: number }>();
    const unwatched = new Trace<{ type: 'a' | 'b'; n: number }>();
    const seen: string[] = [];
    watched.subscribe((r) => seen.push(`${r.type}${r.n}@${r.i}`), ['b']);
    expect(watched.observes('b')).toBe(true);
    expect(watched.observes('a')).toBe(false);
    for (const trace of [watched, unwatched]) {
      trace.emit(1, { type: 'a', n: 1 });
      trace.emit(2, { type: 'b', n: 2 });
      trace.emit(3, { type: 'a', n: 3 });
    }
    expect(seen).toEqual(['b2@1']);
    expect(watched.hash).toBe(unwatched.hash);
    expect(watched.count).toBe(3);
  });
});

describe('Trace records built by the caller', () => {
  it('hash as the same event emitted', () => {
    const emitted = new Trace<{ type: 'a'; n: number }>();
    const appended = new Trace<{ type: 'a'; n: number }>();
    emitted.emit(7, { type: 'a', n: 1 });
    appended.append({ i: appended.next, t: 7, type: 'a', n: 1 });
    expect(appended.hash).toBe(emitted.hash);
    expect(() => appended.append({ i: 0, t: 8, type: 'a', n: 2 })).toThrow(/position 1/);
  });
});

describe("The kernel's message records", () => {
  it('are built only for those who take them, and hash the same either way', () => {
    const watched = new Trace<{ type: 'send' | 'deliver' | 'drop' }>();
    const unwatched = new Trace<{ type: 'send' | 'deliver' | 'drop' }>();
    const seen: unknown[] = [];
    watched.subscribe((r) => seen.push(r), ['deliver']);
    for (const trace of [watched, unwatched]) {
      trace.send(5, 0, 'a@n1#1', 'b@n2', { type: 'ping' }, 4, undefined);
      trace.deliver(9, 0, 'b@n2#1', false, true);
      trace.drop(9, 1, 'loss');
    }
    expect(seen).toEqual([{ i: 1, t: 9, type: 'deliver', m: 0, to: 'b@n2#1', late: true }]);
    expect(watched.hash).toBe(unwatched.hash);
    expect(watched.count).toBe(3);
    const emitted = new Trace<{ type: 'send' | 'deliver' | 'drop' }>();
    emitted.emit(5, { type: 'send', m: 0, from: 'a@n1#1', to: 'b@n2', msg: { type: 'ping' }, call: 4 } as { type: 'send' });
    emitted.emit(9, { type: 'deliver', m: 0, to: 'b@n2#1', late: true } as { type: 'deliver' });
    emitted.emit(9, { type: 'drop', m: 1, cause: 'loss' } as { type: 'drop' });
    expect(emitted.hash).toBe(unwatched.hash);
  });
});

describe('A trace watcher', () => {
  it('takes sends and deliveries as their fields, every other record as itself, before any observer, and leaves the hash as it was', () => {
    type Ev = { type: 'send' | 'deliver' | 'drop' | 'a' };
    const watched = new Trace<Ev>();
    const unwatched = new Trace<Ev>();
    const calls: string[] = [];
    watched.watch({
      observe: (r) => calls.push(`watcher ${r.type} ${r.i}`),
      send: (i, t, m, from, to, msg, call, reply) => calls.push(`watcher send ${JSON.stringify(sendRecord(i, t, m, from, to, msg, call, reply))}`),
      deliver: (i, t, m, to, dup, late) => calls.push(`watcher deliver ${JSON.stringify(deliverRecord(i, t, m, to, dup, late))}`),
    });
    watched.subscribe((r) => calls.push(`observer ${r.type} ${r.i}`), ['a', 'send']);
    for (const trace of [watched, unwatched]) {
      trace.emit(1, { type: 'a' });
      trace.send(5, 0, 'a@n1#1', 'b@n2', { type: 'ping' }, 4, undefined);
      trace.deliver(9, 0, 'b@n2#1', true, false);
      trace.drop(9, 1, 'loss');
    }
    expect(calls).toEqual([
      'watcher a 0',
      'observer a 0',
      'watcher send {"i":1,"t":5,"type":"send","m":0,"from":"a@n1#1","to":"b@n2","msg":{"type":"ping"},"call":4}',
      'observer send 1',
      'watcher deliver {"i":2,"t":9,"type":"deliver","m":0,"to":"b@n2#1","dup":true}',
      'watcher drop 3',
    ]);
    expect(watched.hash).toBe(unwatched.hash);
    expect(() => watched.watch({ observe: () => undefined, send: () => undefined, deliver: () => undefined })).toThrow(/one watcher/);
  });
});
