import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { determineDurableVersion, storageQuorum, type DurableVersionResult } from '../../../src/cluster/decisions/durable-version.js';
import type { StorageTeam, Tag } from '../../../src/cluster/types.js';
import { storageInfos, team } from './fixtures.js';

interface DvCase {
  readonly name: string;
  readonly teams: StorageTeam[];
  readonly info: Record<string, number>;
  readonly r?: number;
  readonly f32?: boolean;
  readonly expected: DurableVersionResult;
}

const ok = (durableVersion: number, degradedTeams: Tag[] = []): DurableVersionResult => ({ ok: true, durableVersion, degradedTeams });
const fail = (...failedTags: Tag[]): DurableVersionResult => ({ ok: false, reason: 'insufficient_replication', failedTags });

describe('storageQuorum (decision 13)', () => {
  it.each([
    { size: 1, q: 1 },
    { size: 2, q: 2 },
    { size: 3, q: 2 },
    { size: 4, q: 3 },
    { size: 5, q: 3 },
    { size: 6, q: 4 },
    { size: 0, q: 1 },
  ])('team of $size → q = $q', ({ size, q }) => {
    expect(storageQuorum(size)).toBe(q);
  });
});

describe('determineDurableVersion (§4.5, q from the team’s own size)', () => {
  const abc = team(0, ['a', 'b', 'c']);
  const cases: DvCase[] = [
    { name: '§4.5 example: [95,98,100] with q=2 gives 98', teams: [abc], info: { a: 95, b: 98, c: 100 }, expected: ok(98) },
    { name: 'order of answers does not matter ([100,95,98] → 98)', teams: [abc], info: { a: 100, b: 95, c: 98 }, expected: ok(98) },
    { name: 'all equal → that version, not degraded', teams: [abc], info: { a: 7, b: 7, c: 7 }, expected: ok(7) },
    { name: 'team of 3, two answer: q=2 → the lower one, degraded', teams: [abc], info: { a: 95, c: 100 }, expected: ok(95, [0]) },
    { name: 'team of 3, one answers → insufficient_replication [0]', teams: [abc], info: { b: 100 }, expected: fail(0) },
    { name: 'team of 3, none answer → insufficient_replication [0]', teams: [abc], info: {}, expected: fail(0) },
    { name: 'team of 1 (q=1): its version', teams: [team(1, ['s'])], info: { s: 42 }, expected: ok(42) },
    { name: 'team of 1 silent → fail with its tag', teams: [team(1, ['s'])], info: {}, expected: fail(1) },
    { name: 'team of 2 (q=2): the minimum', teams: [team(0, ['a', 'b'])], info: { a: 10, b: 12 }, expected: ok(10) },
    { name: 'team of 2, one answers → fail', teams: [team(0, ['a', 'b'])], info: { a: 10 }, expected: fail(0) },
    { name: 'team of 4 (q=3): 3rd highest of [10,20,30,40] = 20', teams: [team(0, ['a', 'b', 'c', 'd'])], info: { a: 10, b: 20, c: 30, d: 40 }, expected: ok(20) },
    { name: 'team of 4, three answer: lowest of them, degraded', teams: [team(0, ['a', 'b', 'c', 'd'])], info: { a: 10, c: 30, d: 40 }, expected: ok(10, [0]) },
    { name: 'team of 4, two answer → fail', teams: [team(0, ['a', 'b', 'c', 'd'])], info: { c: 30, d: 40 }, expected: fail(0) },
    { name: 'team of 5 (q=3): median of [1..5] = 3', teams: [team(0, ['a', 'b', 'c', 'd', 'e'])], info: { a: 1, b: 2, c: 3, d: 4, e: 5 }, expected: ok(3) },
    {
      name: 'minimum over teams',
      teams: [abc, team(1, ['d', 'e', 'f'])],
      info: { a: 95, b: 98, c: 100, d: 40, e: 50, f: 60 },
      expected: ok(50),
    },
    {
      name: 'members shared by two teams count in both',
      teams: [abc, team(1, ['a', 'b', 'c'])],
      info: { a: 95, b: 98, c: 100 },
      expected: ok(98),
    },
    {
      name: 'teams of different sizes use their own q',
      teams: [team(0, ['a']), team(1, ['b', 'c', 'd'])],
      info: { a: 5, b: 9, c: 8, d: 7 },
      expected: ok(5),
    },
    {
      name: 'degradedTeams lists only the teams with missing answers, in team order',
      teams: [team(2, ['a', 'b', 'c']), team(0, ['d', 'e', 'f']), team(1, ['g', 'h', 'i'])],
      info: { a: 9, c: 9, d: 9, e: 9, f: 9, g: 9, h: 9 },
      expected: ok(9, [2, 1]),
    },
    {
      name: 'a failing team fails the whole attempt even when others are fine',
      teams: [abc, team(1, ['d', 'e', 'f'])],
      info: { a: 95, b: 98, c: 100, d: 50 },
      expected: fail(1),
    },
    {
      name: 'all failing tags are listed, in team order',
      teams: [team(0, ['a', 'b']), team(1, ['c']), team(2, ['d', 'e', 'f'])],
      info: { a: 1, c: 1, d: 1 },
      expected: fail(0, 2),
    },
    { name: 'no old teams → durable version 0', teams: [], info: { a: 99 }, expected: ok(0) },
    { name: 'answers from non-members are ignored', teams: [abc], info: { a: 95, x: 1000, y: 1000, z: 1000 }, expected: fail(0) },
    { name: 'durable version 0 is a real answer', teams: [abc], info: { a: 0, b: 0 }, expected: ok(0, [0]) },
    // REF: R does not matter
    { name: 'REF ignores R: R=9 with a team of 3 still uses q=2', teams: [abc], info: { a: 95, b: 98, c: 100 }, r: 9, expected: ok(98) },
    { name: 'REF ignores R: R=1 with a team of 3 still needs 2 answers', teams: [abc], info: { c: 100 }, r: 1, expected: fail(0) },
    // F32
    { name: 'F32: R = 2·|team| = 6 → q=4 > 3 members → stalls for ever', teams: [abc], info: { a: 95, b: 98, c: 100 }, r: 6, f32: true, expected: fail(0) },
    { name: 'F32: R = 3 → q=2 (same as REF here)', teams: [abc], info: { a: 95, b: 98, c: 100 }, r: 3, f32: true, expected: ok(98) },
    { name: 'F32: R = 1 → q=1 → the highest answer', teams: [abc], info: { a: 95, b: 98, c: 100 }, r: 1, f32: true, expected: ok(100) },
    { name: 'F32: R = 1, one of three answers → accepted but degraded', teams: [abc], info: { b: 98 }, r: 1, f32: true, expected: ok(98, [0]) },
    { name: 'F32 switch off explicitly is REF', teams: [abc], info: { a: 95, b: 98, c: 100 }, r: 6, f32: false, expected: ok(98) },
  ];

  it.each(cases)('$name', ({ teams, info, r, f32, expected }) => {
    const options = f32 === undefined ? { replicationFactor: r ?? 3 } : { replicationFactor: r ?? 3, quorumFromReplicationFactor: f32 };
    expect(determineDurableVersion(teams, storageInfos(info), options)).toEqual(expected);
  });

  it('a member that does not hold its team\'s shard counts as no answer, whatever its durable version (unless trust-member-history)', () => {
    const abc = team(0, ['a', 'b', 'c']);
    // c was recruited into team 0 but its unlock (and back-fill) never came: it holds shard 2 only.
    const info = storageInfos({ a: 40, b: 42, c: 90 }, { c: [2] });
    expect(determineDurableVersion([abc], info, { replicationFactor: 3 })).toEqual(ok(40, [0]));
    expect(determineDurableVersion([abc], info, { replicationFactor: 3, trustMemberHistory: true })).toEqual(ok(42));
    // Two of three lacking it: no majority holds the shard.
    expect(determineDurableVersion([abc], storageInfos({ a: 40, b: 42, c: 90 }, { b: [], c: [2] }), { replicationFactor: 3 })).toEqual(fail(0));
  });

  it('F32: raising R to 2·|team| or more stalls every team size, whatever answered', () => {
    for (let size = 1; size <= 6; size++) {
      const ids = Array.from({ length: size }, (_, i) => `s${i}`);
      const info = storageInfos(Object.fromEntries(ids.map((id, i) => [id, 10 + i])));
      const t = team(0, ids);
      expect(determineDurableVersion([t], info, { replicationFactor: size, quorumFromReplicationFactor: false }).ok).toBe(true);
      expect(determineDurableVersion([t], info, { replicationFactor: 2 * size })).toEqual(ok(10 + size - storageQuorum(size)));
      for (const r of [2 * size, 2 * size + 1, 3 * size]) {
        expect(determineDurableVersion([t], info, { replicationFactor: r, quorumFromReplicationFactor: true })).toEqual(fail(0));
      }
    }
  });

  it('property: ok iff every team has a majority of answers; then a majority of every team holds the result, and no higher value has that', () => {
    const member = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(member, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        fc.dictionary(member, fc.nat({ max: 100 })),
        (memberLists, raw) => {
          const teams = memberLists.map((m, tag) => team(tag, m));
          const info = storageInfos(raw);
          const result = determineDurableVersion(teams, info, { replicationFactor: 3 });
          const answers = (t: StorageTeam): number[] => t.storageIds.flatMap((id) => (raw[id] === undefined ? [] : [raw[id]]));
          const short = teams.filter((t) => answers(t).length < storageQuorum(t.storageIds.length)).map((t) => t.tag);
          if (short.length > 0) {
            expect(result).toEqual(fail(...short));
            return;
          }
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const holders = (t: StorageTeam, v: number): number => answers(t).filter((x) => x >= v).length;
          for (const t of teams) expect(holders(t, result.durableVersion)).toBeGreaterThanOrEqual(storageQuorum(t.storageIds.length));
          expect(teams.some((t) => holders(t, result.durableVersion + 1) < storageQuorum(t.storageIds.length))).toBe(true);
          expect(result.degradedTeams).toEqual(teams.filter((t) => answers(t).length < t.storageIds.length).map((t) => t.tag));
        },
      ),
    );
  });
});
