import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bedrockStorageVacancies, createVacancies, logTagGroups, tagSetOf } from '../../../src/cluster/decisions/vacancies.js';
import { compareSlots, isVacancy, type LogDescriptor, type Slot, type StorageTeam, type Tag } from '../../../src/cluster/types.js';
import { log, SYSTEM_RANGE, team, tsl, USER_RANGE } from './fixtures.js';

const V = (n: number): { vacancy: number } => ({ vacancy: n });

describe('createVacancies (§4.4 REF), logs', () => {
  const cases: { name: string; oldLogs: LogDescriptor[]; desiredLogs: number; expected: { id: Slot; tags: Tag[] }[] }[] = [
    {
      name: 'one group [0,1], desiredLogs 3 → V1..V3, old logs never kept',
      oldLogs: [log('a'), log('b')],
      desiredLogs: 3,
      expected: [
        { id: V(1), tags: [0, 1] },
        { id: V(2), tags: [0, 1] },
        { id: V(3), tags: [0, 1] },
      ],
    },
    {
      name: 'fewer new logs than old: one group, desiredLogs 1',
      oldLogs: [log('a'), log('b'), log('c')],
      desiredLogs: 1,
      expected: [{ id: V(1), tags: [0, 1] }],
    },
    {
      name: 'groups sorted ([0] < [0,1] < [1]), numbered from 1 across groups',
      oldLogs: [log('a', [1]), log('b', [0, 1]), log('c', [0]), log('d', [0])],
      desiredLogs: 2,
      expected: [
        { id: V(1), tags: [0] },
        { id: V(2), tags: [0] },
        { id: V(3), tags: [0, 1] },
        { id: V(4), tags: [0, 1] },
        { id: V(5), tags: [1] },
        { id: V(6), tags: [1] },
      ],
    },
    {
      name: 'unsorted tag lists are the same group as sorted ones',
      oldLogs: [log('a', [1, 0]), log('b', [0, 1])],
      desiredLogs: 1,
      expected: [{ id: V(1), tags: [0, 1] }],
    },
    {
      name: 'numeric (not string) tag order: [2] before [10]',
      oldLogs: [log('a', [10]), log('b', [2])],
      desiredLogs: 1,
      expected: [
        { id: V(1), tags: [2] },
        { id: V(2), tags: [10] },
      ],
    },
    { name: 'desiredLogs 0 gives no logs', oldLogs: [log('a')], desiredLogs: 0, expected: [] },
  ];

  it.each(cases)('$name', ({ oldLogs, desiredLogs, expected }) => {
    expect(createVacancies(tsl({ logs: oldLogs }), desiredLogs, 3).logs).toEqual(expected);
  });
});

describe('createVacancies (§4.4 REF), storage', () => {
  const cases: { name: string; teams: StorageTeam[]; r: number; expected: Slot[][] }[] = [
    {
      name: 'full teams sharing members get no vacancies',
      teams: [team(0, ['a', 'b', 'c']), team(1, ['a', 'b', 'c'])],
      r: 3,
      expected: [
        ['a', 'b', 'c'],
        ['a', 'b', 'c'],
      ],
    },
    {
      name: 'over-full roster (4 > R=3) gets none and keeps everyone',
      teams: [team(0, ['a', 'b', 'c', 'd'])],
      r: 3,
      expected: [['a', 'b', 'c', 'd']],
    },
    {
      name: 'shared roster short by one: the SAME fresh vacancy in both teams, vacancies first',
      teams: [team(0, ['a', 'b']), team(1, ['a', 'b'])],
      r: 3,
      expected: [
        [V(1), 'a', 'b'],
        [V(1), 'a', 'b'],
      ],
    },
    {
      name: 'one shared member, R=3: two fresh vacancies, both in both teams',
      teams: [team(0, ['a']), team(1, ['a'])],
      r: 3,
      expected: [
        [V(1), V(2), 'a'],
        [V(1), V(2), 'a'],
      ],
    },
    {
      name: 'separate rosters get unique vacancies, numbered in tag-set order',
      teams: [team(0, ['a']), team(1, ['b', 'c'])],
      r: 3,
      expected: [
        [V(1), V(2), 'a'],
        [V(3), 'b', 'c'],
      ],
    },
    {
      name: 'teams that overlap but are full get nothing (Bedrock\'s rosters would add five vacancies here)',
      teams: [team(0, ['a', 'b', 'c']), team(1, ['a', 'b', 'd'])],
      r: 3,
      expected: [
        ['a', 'b', 'c'],
        ['a', 'b', 'd'],
      ],
    },
    {
      name: 'teams drawn from a pool, each short by one: a fresh vacancy each (their members differ)',
      teams: [team(0, ['a', 'b']), team(1, ['b', 'c']), team(2, ['a', 'c'])],
      r: 3,
      expected: [
        [V(1), 'a', 'b'],
        [V(2), 'b', 'c'],
        [V(3), 'a', 'c'],
      ],
    },
    {
      name: 'unsorted old member lists come back sorted',
      teams: [team(0, ['c', 'a', 'b'])],
      r: 4,
      expected: [[V(1), 'a', 'b', 'c']],
    },
    {
      name: 'R = 1 with one member each: nothing to add',
      teams: [team(0, ['s0']), team(1, ['s1'])],
      r: 1,
      expected: [['s0'], ['s1']],
    },
    {
      name: 'a full team next to a short team: only the short one grows',
      teams: [team(0, ['a', 'b']), team(1, ['c'])],
      r: 2,
      expected: [['a', 'b'], [V(1), 'c']],
    },
  ];

  it.each(cases)('$name', ({ teams, r, expected }) => {
    const result = createVacancies(tsl({ logs: [log('l1')], storageTeams: teams }), 1, r);
    expect(result.storageTeams.map((t) => t.storageIds)).toEqual(expected);
  });

  it('keeps team order, tags and key ranges', () => {
    const teams = [team(1, ['a'], USER_RANGE), team(0, ['a'], SYSTEM_RANGE), team(7, ['b'], { start: 'm', end: 'n' })];
    const result = createVacancies(tsl({ logs: [log('l1')], storageTeams: teams }), 1, 2);
    expect(result.storageTeams.map((t) => ({ tag: t.tag, keyRange: t.keyRange }))).toEqual(teams.map((t) => ({ tag: t.tag, keyRange: t.keyRange })));
  });

  it('does not mutate the old layout', () => {
    const old = tsl({ logs: [log('l1')], storageTeams: [team(0, ['b', 'a']), team(1, ['a'])] });
    const snapshot = JSON.parse(JSON.stringify(old)) as unknown;
    createVacancies(old, 2, 3);
    expect(JSON.parse(JSON.stringify(old))).toEqual(snapshot);
  });

  it('property: answering members kept, team sizes ≥ R, no duplicates, sorted with vacancies first; a shared vacancy only where members are the same', () => {
    const member = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(member, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.subarray(['a', 'b', 'c', 'd', 'e', 'f']),
        (memberLists, r, lost) => {
          const teams = memberLists.map((m, tag) => team(tag, m));
          const unreachable = new Set(lost);
          const result = createVacancies(tsl({ logs: [log('l1')], storageTeams: teams }), 1, r, { unreachable });
          const membersOfVacancy = new Map<number, Set<string>>();
          result.storageTeams.forEach((t, i) => {
            const old = teams[i] as StorageTeam;
            expect(t.tag).toBe(old.tag);
            for (const id of old.storageIds) {
              if (unreachable.has(id)) expect(t.storageIds).not.toContain(id);
              else expect(t.storageIds).toContain(id);
            }
            expect(t.storageIds.length).toBeGreaterThanOrEqual(r);
            expect(new Set(t.storageIds.map((s) => (isVacancy(s) ? `V${s.vacancy}` : s))).size).toBe(t.storageIds.length);
            expect([...t.storageIds].sort(compareSlots)).toEqual(t.storageIds);
            const members = t.storageIds.filter((s): s is string => !isVacancy(s)).join(',');
            for (const s of t.storageIds) {
              if (!isVacancy(s)) continue;
              membersOfVacancy.set(s.vacancy, (membersOfVacancy.get(s.vacancy) ?? new Set()).add(members));
            }
          });
          // one vacancy = one new server: only teams with the same members share one
          for (const sets of membersOfVacancy.values()) expect(sets.size).toBe(1);
          // vacancies are numbered 1..k without gaps
          expect([...membersOfVacancy.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: membersOfVacancy.size }, (_, i) => i + 1));
        },
      ),
    );
  });
});

describe('Bedrock\'s roster algorithm, with its quirks (F15, F16)', () => {
  it('F15: numbering from 0 restarts at the last number: groups share vacancies, and a single needed vacancy is never made', () => {
    const teams = [team(0, ['a', 'b']), team(1, ['a', 'b']), team(2, ['c'])];
    const result = bedrockStorageVacancies(teams, 3, 'F15');
    // roster [0,1] = {a,b} short 1 → number 0 → nothing; roster [2] = {c} short 2 → 0, 1 → only V1
    expect(result.map((t) => t.storageIds)).toEqual([['a', 'b'], ['a', 'b'], [V(1), 'c']]);
  });

  it('F16: with overlapping tag sets a team keeps only one roster, dropping old members', () => {
    const teams = [team(0, ['a', 'b', 'c']), team(1, ['a', 'b', 'd'])];
    const result = bedrockStorageVacancies(teams, 3, 'F16');
    expect(result[0]?.storageIds).not.toContain('a');
  });
});

describe('logTagGroups', () => {
  const cases: { name: string; logs: LogDescriptor[]; expected: Tag[][] }[] = [
    { name: 'no logs, no groups', logs: [], expected: [] },
    { name: 'all logs carry [0,1]: one group', logs: [log('a'), log('b'), log('c')], expected: [[0, 1]] },
    { name: 'distinct groups, sorted', logs: [log('a', [1]), log('b', [0, 1]), log('c', [0])], expected: [[0], [0, 1], [1]] },
    { name: 'tags inside a group sorted; duplicates merged', logs: [log('a', [2, 0]), log('b', [0, 2])], expected: [[0, 2]] },
    { name: 'numeric order of tags', logs: [log('a', [10]), log('b', [9])], expected: [[9], [10]] },
  ];
  it.each(cases)('$name', ({ logs, expected }) => {
    expect(logTagGroups(logs)).toEqual(expected);
  });
});

describe('tagSetOf', () => {
  const teams = [team(1, ['a', 'b']), team(0, ['a', 'c']), team(2, ['a'])];
  const cases: { name: string; id: string; expected: Tag[] }[] = [
    { name: 'member of three teams: sorted tags', id: 'a', expected: [0, 1, 2] },
    { name: 'member of one team', id: 'b', expected: [1] },
    { name: 'another single team', id: 'c', expected: [0] },
    { name: 'not a member', id: 'z', expected: [] },
  ];
  it.each(cases)('$name', ({ id, expected }) => {
    expect(tagSetOf(id, teams)).toEqual(expected);
  });
});
