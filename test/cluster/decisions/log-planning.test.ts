import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonRange, planLogRecovery, subsetsOfSize, type LogRecoveryPlan } from '../../../src/cluster/decisions/log-planning.js';
import type { LogDescriptor, LogRecoveryInfo, ServiceId, Tag } from '../../../src/cluster/types.js';
import { log, logInfo, logInfos } from './fixtures.js';

type Infos = Record<ServiceId, readonly [number, number]>;

interface PlanCase {
  readonly name: string;
  readonly logs: readonly LogDescriptor[];
  readonly info: Infos;
  readonly expected: LogRecoveryPlan;
}

const ok = (ids: ServiceId[], first: number, last: number): LogRecoveryPlan => ({ ok: true, oldLogIdsToCopy: ids, versionVector: { first, last } });
const stall = (tag: Tag | null): LogRecoveryPlan => ({ ok: false, reason: 'unable_to_meet_log_quorum', tag });
const logsOf = (ids: string, tags: readonly Tag[] = [0, 1]): LogDescriptor[] => ids.split('').map((id) => log(id, tags));

describe('planLogRecovery (§4.3)', () => {
  describe('empty old layout', () => {
    it('no old logs → stall with no tag, whatever info arrived', () => {
      expect(planLogRecovery([], logInfos({ a: [0, 10] }))).toEqual(stall(null));
      expect(planLogRecovery([], new Map())).toEqual(stall(null));
    });
  });

  describe('quorum = floor(n/2)+1 of the OLD shard size', () => {
    const cases: PlanCase[] = [
      { name: '1 of 1: the single log answers', logs: logsOf('a'), info: { a: [0, 10] }, expected: ok(['a'], 0, 10) },
      { name: '1 of 1: the single log is silent → stall', logs: logsOf('a'), info: {}, expected: stall(0) },
      { name: '2 of 3: two answer', logs: logsOf('abc'), info: { a: [0, 10], c: [0, 10] }, expected: ok(['a', 'c'], 0, 10) },
      { name: '2 of 3: one answers → stall', logs: logsOf('abc'), info: { b: [0, 10] }, expected: stall(0) },
      { name: '2 of 3: all answer, copy only a quorum subset (exactly 2)', logs: logsOf('abc'), info: { a: [0, 10], b: [0, 10], c: [0, 10] }, expected: ok(['a', 'b'], 0, 10) },
      { name: '2 of 2: both answer', logs: logsOf('ab'), info: { a: [0, 7], b: [0, 7] }, expected: ok(['a', 'b'], 0, 7) },
      { name: '2 of 2: one answers → stall (a majority of 2 is 2)', logs: logsOf('ab'), info: { a: [0, 7] }, expected: stall(0) },
      { name: '3 of 4: three answer', logs: logsOf('abcd'), info: { a: [0, 5], b: [0, 5], d: [0, 5] }, expected: ok(['a', 'b', 'd'], 0, 5) },
      { name: '3 of 4: two answer → stall (half is not a majority)', logs: logsOf('abcd'), info: { a: [0, 5], b: [0, 5] }, expected: stall(0) },
      { name: '3 of 5: three answer', logs: logsOf('abcde'), info: { b: [0, 5], c: [0, 5], e: [0, 5] }, expected: ok(['b', 'c', 'e'], 0, 5) },
      { name: '3 of 5: two answer → stall', logs: logsOf('abcde'), info: { a: [0, 5], e: [0, 5] }, expected: stall(0) },
      { name: 'stall names the shard: logs carrying only tag 1', logs: logsOf('ab', [1]), info: { a: [0, 5] }, expected: stall(1) },
      { name: 'stall names the first failing tag in sorted order (both fail)', logs: logsOf('abc', [1, 0]), info: {}, expected: stall(0) },
    ];
    it.each(cases)('$name', ({ logs, info, expected }) => {
      expect(planLogRecovery(logs, logInfos(info))).toEqual(expected);
    });
  });

  describe('choosing the subset: widest common range, ties to the first in sorted-id order', () => {
    const cases: PlanCase[] = [
      { name: 'highest common last wins', logs: logsOf('abc'), info: { a: [0, 100], b: [0, 90], c: [0, 80] }, expected: ok(['a', 'b'], 0, 90) },
      { name: 'a late oldestVersion narrows a subset', logs: logsOf('abc'), info: { a: [50, 100], b: [0, 100], c: [0, 95] }, expected: ok(['b', 'c'], 0, 95) },
      { name: 'all equal → first subset [a,b]', logs: logsOf('abc'), info: { a: [0, 100], b: [0, 100], c: [0, 100] }, expected: ok(['a', 'b'], 0, 100) },
      { name: 'all subsets equally wide → first subset even if narrower logs are in it', logs: logsOf('abc'), info: { a: [0, 80], b: [0, 100], c: [0, 80] }, expected: ok(['a', 'b'], 0, 80) },
      {
        name: 'tie between [a,c] (10,90] and [b,c] (0,80] (both width 80) → [a,c], the earlier one',
        logs: logsOf('abc'),
        info: { a: [10, 90], b: [0, 80], c: [0, 100] },
        expected: ok(['a', 'c'], 10, 90),
      },
      { name: 'unique widest is the last subset [b,c,d] (3 of 4)', logs: logsOf('abcd'), info: { a: [0, 50], b: [0, 100], c: [0, 100], d: [0, 100] }, expected: ok(['b', 'c', 'd'], 0, 100) },
      {
        name: 'sorted-id order, not descriptor order: logs listed c,b,a still tie to [a,b]',
        logs: [log('c'), log('b'), log('a')],
        info: { c: [0, 9], b: [0, 9], a: [0, 9] },
        expected: ok(['a', 'b'], 0, 9),
      },
      {
        name: 'silent logs are not enumerated: a silent, 3-of-5 tie goes to [b,c,d]',
        logs: logsOf('abcde'),
        info: { b: [0, 9], c: [0, 9], d: [0, 9], e: [0, 9] },
        expected: ok(['b', 'c', 'd'], 0, 9),
      },
      { name: 'empty logs (0,0) form a valid range of width 0', logs: logsOf('ab'), info: { a: [0, 0], b: [0, 0] }, expected: ok(['a', 'b'], 0, 0) },
      { name: 'first == last is valid (width 0)', logs: logsOf('ab'), info: { a: [5, 5], b: [5, 10] }, expected: ok(['a', 'b'], 5, 5) },
      { name: 'first == 0 is valid even though one log is empty', logs: logsOf('ab'), info: { a: [0, 0], b: [0, 10] }, expected: ok(['a', 'b'], 0, 0) },
    ];
    it.each(cases)('$name', ({ logs, info, expected }) => {
      expect(planLogRecovery(logs, logInfos(info))).toEqual(expected);
    });
  });

  describe('invalid ranges (first > last with last != 0, or last == 0 with first != 0) are skipped', () => {
    const cases: PlanCase[] = [
      { name: 'invalid first subset [a,b] (70,60] skipped, widest valid [b,c] chosen', logs: logsOf('abc'), info: { a: [50, 60], b: [70, 100], c: [0, 100] }, expected: ok(['b', 'c'], 70, 100) },
      { name: 'only [a,c] valid', logs: logsOf('abc'), info: { a: [50, 60], b: [70, 100], c: [55, 58] }, expected: ok(['a', 'c'], 55, 58) },
      { name: 'all subsets disjoint → stall with the tag', logs: logsOf('abc', [0]), info: { a: [50, 60], b: [70, 100], c: [0, 40] }, expected: stall(0) },
      { name: 'first != 0 and last == 0 is invalid → stall', logs: logsOf('ab', [1]), info: { a: [0, 0], b: [5, 10] }, expected: stall(1) },
      { name: '2 of 2 disjoint → stall', logs: logsOf('ab'), info: { a: [10, 20], b: [30, 40] }, expected: stall(0) },
      { name: 'single log with oldest above last (corrupt) → stall', logs: logsOf('a'), info: { a: [9, 3] }, expected: stall(0) },
    ];
    it.each(cases)('$name', ({ logs, info, expected }) => {
      expect(planLogRecovery(logs, logInfos(info))).toEqual(expected);
    });
  });

  describe('several shards (different tag sets): union of chosen subsets, intersection of ranges', () => {
    const cases: PlanCase[] = [
      {
        name: 'disjoint shards {a,b,c}:[0] and {d,e,f}:[1]',
        logs: [...logsOf('abc', [0]), ...logsOf('def', [1])],
        info: { a: [0, 100], b: [0, 90], d: [10, 95], e: [0, 95], f: [0, 80] },
        expected: ok(['a', 'b', 'd', 'e'], 10, 90),
      },
      {
        name: 'second shard short of quorum → stall with tag 1',
        logs: [...logsOf('abc', [0]), ...logsOf('def', [1])],
        info: { a: [0, 100], b: [0, 90], c: [0, 90], d: [0, 95] },
        expected: stall(1),
      },
      {
        name: 'overlapping shards a,b:[0,1], c:[1] share their chosen subset',
        logs: [log('a', [0, 1]), log('b', [0, 1]), log('c', [1])],
        info: { a: [0, 100], b: [0, 100], c: [0, 100] },
        expected: ok(['a', 'b'], 0, 100),
      },
      {
        name: 'overlapping shards: shard 0 = {a,b} needs both even though shard 1 = {a,b,c} has a quorum without b',
        logs: [log('a', [0, 1]), log('b', [0, 1]), log('c', [1])],
        info: { a: [0, 100], c: [0, 100] },
        expected: stall(0),
      },
      {
        name: 'chain a:[0], b:[0,1], c:[1]: every log copied',
        logs: [log('a', [0]), log('b', [0, 1]), log('c', [1])],
        info: { a: [0, 50], b: [0, 60], c: [5, 70] },
        expected: ok(['a', 'b', 'c'], 5, 50),
      },
      {
        name: 'three shards, each a single log',
        logs: [log('x', [2]), log('y', [0]), log('z', [1])],
        info: { x: [3, 30], y: [1, 40], z: [2, 35] },
        expected: ok(['x', 'y', 'z'], 3, 30),
      },
    ];
    it.each(cases)('$name', ({ logs, info, expected }) => {
      expect(planLogRecovery(logs, logInfos(info))).toEqual(expected);
    });

    // F23 is an AS-IS quirk, so REF (the default, preface decision 1) must not hand replay a vector
    // with first > last (S11). This plan either stalls or returns first <= last.
    it('REF (F23 off, S11): shards whose chosen ranges do not intersect must not give first > last', () => {
      const plan = planLogRecovery([log('a', [0]), log('b', [1])], logInfos({ a: [50, 100], b: [0, 20] }));
      if (plan.ok) expect(plan.versionVector.first).toBeLessThanOrEqual(plan.versionVector.last);
      else expect(plan.reason).toBe('unable_to_meet_log_quorum');
    });
  });

  describe('info for ids not in the old layout is ignored', () => {
    const cases: PlanCase[] = [
      { name: 'foreign answers do not make a quorum', logs: logsOf('abc'), info: { a: [0, 10], x: [0, 10], y: [0, 10] }, expected: stall(0) },
      { name: 'a foreign wider log is neither copied nor widens the range', logs: logsOf('abc'), info: { a: [0, 10], b: [0, 10], z: [0, 1000] }, expected: ok(['a', 'b'], 0, 10) },
      { name: 'a foreign log with a late oldest does not narrow the range', logs: logsOf('ab'), info: { a: [0, 10], b: [0, 10], m: [9, 10] }, expected: ok(['a', 'b'], 0, 10) },
    ];
    it.each(cases)('$name', ({ logs, info, expected }) => {
      expect(planLogRecovery(logs, logInfos(info))).toEqual(expected);
    });
  });

  describe('properties', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const arbLogs = fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids), tags: fc.subarray([0, 1, 2], { minLength: 1 }) }), {
      selector: (l) => l.id,
      minLength: 1,
      maxLength: 6,
    });
    const arbRange = fc.tuple(fc.nat({ max: 20 }), fc.nat({ max: 20 })).map(([o, extra]) => [o, o + extra] as const);
    const arbInfo = fc.dictionary(fc.constantFrom(...ids, 'x', 'y'), arbRange, { maxKeys: 8 });

    const membersOf = (logs: readonly LogDescriptor[], tag: Tag): ServiceId[] => logs.filter((l) => l.tags.includes(tag)).map((l) => l.id);

    it('a chosen copy set holds a quorum of every shard; vv.last ≤ lastVersion and vv.first ≥ oldestVersion of every chosen log', () => {
      fc.assert(
        fc.property(arbLogs, arbInfo, (logs, rawInfo) => {
          const info = logInfos(rawInfo);
          const plan = planLogRecovery(logs, info);
          const tags = [...new Set(logs.flatMap((l) => l.tags))];
          if (!plan.ok) {
            // null: every shard had a quorum, but their ranges do not intersect (S11)
            expect([...tags, null]).toContain(plan.tag);
            return;
          }
          expect(plan.versionVector.first).toBeLessThanOrEqual(plan.versionVector.last);
          const copy = new Set(plan.oldLogIdsToCopy);
          expect(plan.oldLogIdsToCopy).toEqual([...copy].sort());
          for (const tag of tags) {
            const members = membersOf(logs, tag);
            expect(members.filter((id) => copy.has(id)).length).toBeGreaterThanOrEqual(Math.floor(members.length / 2) + 1);
          }
          for (const id of copy) {
            expect(logs.map((l) => l.id)).toContain(id);
            const i = info.get(id) as LogRecoveryInfo;
            expect(i).toBeDefined();
            expect(plan.versionVector.last).toBeLessThanOrEqual(i.lastVersion);
            expect(plan.versionVector.first).toBeGreaterThanOrEqual(i.oldestVersion);
          }
        }),
      );
    });

    it('one shard group, full histories (oldest 0): ok iff a quorum answered; copies exactly q logs; last = q-th highest lastVersion', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 6 }),
          fc.array(fc.option(fc.nat({ max: 50 }), { nil: undefined }), { minLength: 6, maxLength: 6 }),
          (n, lasts) => {
            const logs = ids.slice(0, n).map((id) => log(id, [0, 1]));
            const info = new Map<ServiceId, LogRecoveryInfo>();
            ids.slice(0, n).forEach((id, i) => {
              const last = lasts[i];
              if (last !== undefined) info.set(id, logInfo(0, last));
            });
            const q = Math.floor(n / 2) + 1;
            const plan = planLogRecovery(logs, info);
            if (info.size < q) {
              expect(plan).toEqual(stall(0));
              return;
            }
            const reported = [...info.values()].map((i) => i.lastVersion).sort((x, y) => y - x);
            expect(plan.ok).toBe(true);
            if (!plan.ok) return;
            expect(plan.oldLogIdsToCopy).toHaveLength(q);
            expect(plan.versionVector).toEqual({ first: 0, last: reported[q - 1] });
          },
        ),
      );
    });

    it('S11 within one shard group: an ok plan has first ≤ last', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 6 }), fc.array(arbRange, { minLength: 6, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (n, ranges, answered) => {
          const logs = ids.slice(0, n).map((id) => log(id, [0, 1]));
          const info = new Map<ServiceId, LogRecoveryInfo>();
          ids.slice(0, n).forEach((id, i) => {
            const r = ranges[i] as readonly [number, number];
            if (answered[i] === true) info.set(id, logInfo(r[0], r[1]));
          });
          const plan = planLogRecovery(logs, info);
          if (plan.ok) expect(plan.versionVector.first).toBeLessThanOrEqual(plan.versionVector.last);
          else expect(plan.tag).toBe(0);
        }),
      );
    });
  });
});

describe('subsetsOfSize', () => {
  const cases: { name: string; items: string[]; k: number; expected: string[][] }[] = [
    { name: '3 choose 2, lexicographic', items: ['a', 'b', 'c'], k: 2, expected: [['a', 'b'], ['a', 'c'], ['b', 'c']] },
    { name: '4 choose 3', items: ['a', 'b', 'c', 'd'], k: 3, expected: [['a', 'b', 'c'], ['a', 'b', 'd'], ['a', 'c', 'd'], ['b', 'c', 'd']] },
    { name: 'k = 1', items: ['x', 'y'], k: 1, expected: [['x'], ['y']] },
    { name: 'k = n gives the whole list once', items: ['a', 'b', 'c'], k: 3, expected: [['a', 'b', 'c']] },
    { name: 'k = 0 gives the empty subset', items: ['a', 'b'], k: 0, expected: [[]] },
    { name: 'empty list, k = 0', items: [], k: 0, expected: [[]] },
    { name: 'k > n gives none', items: ['a', 'b'], k: 3, expected: [] },
    { name: 'k < 0 gives none', items: ['a', 'b'], k: -1, expected: [] },
    { name: 'keeps the given order (no sorting)', items: ['c', 'a', 'b'], k: 2, expected: [['c', 'a'], ['c', 'b'], ['a', 'b']] },
  ];
  it.each(cases)('$name', ({ items, k, expected }) => {
    expect(subsetsOfSize(items, k)).toEqual(expected);
  });

  it('property: C(n,k) distinct subsets of size k, each in input order, in lexicographic order of positions', () => {
    const binom = (n: number, k: number): number => (k < 0 || k > n ? 0 : k === 0 ? 1 : (binom(n - 1, k - 1) * n) / k);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: -1, max: 9 }), (n, k) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const subsets = subsetsOfSize(items, k);
        expect(subsets).toHaveLength(Math.round(binom(n, k)));
        for (const s of subsets) {
          expect(s).toHaveLength(k);
          expect(s).toEqual([...s].sort((x, y) => x - y));
          expect(new Set(s).size).toBe(k);
        }
        const keys = subsets.map((s) => s.map((x) => String.fromCharCode(65 + x)).join(''));
        expect(keys).toEqual([...keys].sort());
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});

describe('commonRange', () => {
  const info = logInfos({ a: [0, 100], b: [20, 90], c: [10, 95], e: [0, 0] });
  const cases: { name: string; subset: string[]; expected: { first: number; last: number } }[] = [
    { name: 'single log: its own range', subset: ['b'], expected: { first: 20, last: 90 } },
    { name: 'max oldest, min last', subset: ['a', 'b', 'c'], expected: { first: 20, last: 90 } },
    { name: 'two logs', subset: ['a', 'c'], expected: { first: 10, last: 95 } },
    { name: 'with an empty log, last drops to 0', subset: ['a', 'e'], expected: { first: 0, last: 0 } },
    { name: 'may be inverted (validity is the caller’s job)', subset: ['b', 'e'], expected: { first: 20, last: 0 } },
    { name: 'ids without info are ignored', subset: ['a', 'zz'], expected: { first: 0, last: 100 } },
    { name: 'empty subset → (0, 0]', subset: [], expected: { first: 0, last: 0 } },
    { name: 'only unknown ids → (0, 0]', subset: ['zz'], expected: { first: 0, last: 0 } },
  ];
  it.each(cases)('$name', ({ subset, expected }) => {
    expect(commonRange(subset, info)).toEqual(expected);
  });
});
