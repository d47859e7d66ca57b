import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignRoundRobin,
  fillSlots,
  fallbackOrder,
  planRecruitment,
  recruitmentCandidates,
  vacanciesIn,
  type Assignment,
  type Placement,
  type RecruitmentPlan,
} from '../../../src/cluster/decisions/recruitment.js';
import type { ServiceEntry, ServiceId, ServiceKind, Slot, Vacancy } from '../../../src/cluster/types.js';
import { entry } from './fixtures.js';

const V = (n: number): Vacancy => ({ vacancy: n });
const Vs = (...ns: number[]): Vacancy[] => ns.map(V);

/** A deterministic id source that records how often it was asked. */
function freshIds(prefix = 'new'): { next: () => ServiceId; calls: () => number } {
  let n = 0;
  return { next: () => `${prefix}${++n}`, calls: () => n };
}

describe('assignRoundRobin (decision 7: placement wraps)', () => {
  const cases: { name: string; ids: string[]; nodes: string[]; expected: Placement[] }[] = [
    {
      name: 'seed 004: 4 new workers on 3 nodes go node1, node2, node3, node1',
      ids: ['w1', 'w2', 'w3', 'w4'],
      nodes: ['node1', 'node2', 'node3'],
      expected: [
        { id: 'w1', node: 'node1' },
        { id: 'w2', node: 'node2' },
        { id: 'w3', node: 'node3' },
        { id: 'w4', node: 'node1' },
      ],
    },
    {
      name: 'fewer workers than nodes use the first nodes',
      ids: ['w1', 'w2'],
      nodes: ['node1', 'node2', 'node3'],
      expected: [
        { id: 'w1', node: 'node1' },
        { id: 'w2', node: 'node2' },
      ],
    },
    {
      name: 'one node takes everything',
      ids: ['w1', 'w2', 'w3'],
      nodes: ['n7'],
      expected: [
        { id: 'w1', node: 'n7' },
        { id: 'w2', node: 'n7' },
        { id: 'w3', node: 'n7' },
      ],
    },
    {
      name: 'wraps twice: 7 on 3',
      ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      nodes: ['x', 'y', 'z'],
      expected: ['x', 'y', 'z', 'x', 'y', 'z', 'x'].map((node, i) => ({ id: 'abcdefg'[i] as string, node })),
    },
    { name: 'no ids → no placements', ids: [], nodes: ['n1'], expected: [] },
    { name: 'no nodes → no placements', ids: ['w1'], nodes: [], expected: [] },
  ];
  it.each(cases)('$name', ({ ids, nodes, expected }) => {
    expect(assignRoundRobin(ids, nodes)).toEqual(expected);
  });
});

describe('planRecruitment (§4.6 steps 1–2, decision 7 and 12)', () => {
  interface Case {
    readonly name: string;
    readonly vacancies: Vacancy[];
    readonly candidates: ServiceId[];
    readonly nodes: string[];
    readonly strict?: boolean;
    readonly expected: RecruitmentPlan;
    readonly freshCalls: number;
  }
  const cases: Case[] = [
    {
      name: 'enough candidates: vacancies take candidates in order, no new workers',
      vacancies: Vs(1, 2, 3),
      candidates: ['c1', 'c2', 'c3'],
      nodes: ['n1'],
      expected: {
        ok: true,
        assignments: [
          { vacancy: 1, id: 'c1' },
          { vacancy: 2, id: 'c2' },
          { vacancy: 3, id: 'c3' },
        ],
        newWorkers: [],
      },
      freshCalls: 0,
    },
    {
      name: 'more candidates than vacancies: the first ones are used',
      vacancies: Vs(1, 2),
      candidates: ['c1', 'c2', 'c3', 'c4'],
      nodes: ['n1'],
      expected: {
        ok: true,
        assignments: [
          { vacancy: 1, id: 'c1' },
          { vacancy: 2, id: 'c2' },
        ],
        newWorkers: [],
      },
      freshCalls: 0,
    },
    {
      name: 'enough candidates needs no nodes at all',
      vacancies: Vs(1),
      candidates: ['c1'],
      nodes: [],
      strict: true,
      expected: { ok: true, assignments: [{ vacancy: 1, id: 'c1' }], newWorkers: [] },
      freshCalls: 0,
    },
    {
      name: 'no vacancies: nothing to do even without nodes',
      vacancies: [],
      candidates: [],
      nodes: [],
      expected: { ok: true, assignments: [], newWorkers: [] },
      freshCalls: 0,
    },
    {
      name: 'more vacancies than candidates: candidates first, then fresh ids placed round-robin',
      vacancies: Vs(1, 2, 3, 4),
      candidates: ['c1'],
      nodes: ['n1', 'n2'],
      expected: {
        ok: true,
        assignments: [
          { vacancy: 1, id: 'c1' },
          { vacancy: 2, id: 'new1' },
          { vacancy: 3, id: 'new2' },
          { vacancy: 4, id: 'new3' },
        ],
        newWorkers: [
          { id: 'new1', node: 'n1' },
          { id: 'new2', node: 'n2' },
          { id: 'new3', node: 'n1' },
        ],
      },
      freshCalls: 3,
    },
    {
      name: 'seed 004 via planRecruitment: 4 new workers on 3 nodes wrap to node1',
      vacancies: Vs(1, 2, 3, 4),
      candidates: [],
      nodes: ['node1', 'node2', 'node3'],
      expected: {
        ok: true,
        assignments: [
          { vacancy: 1, id: 'new1' },
          { vacancy: 2, id: 'new2' },
          { vacancy: 3, id: 'new3' },
          { vacancy: 4, id: 'new4' },
        ],
        newWorkers: [
          { id: 'new1', node: 'node1' },
          { id: 'new2', node: 'node2' },
          { id: 'new3', node: 'node3' },
          { id: 'new4', node: 'node1' },
        ],
      },
      freshCalls: 4,
    },
    {
      name: 'non-contiguous vacancy numbers keep their numbers',
      vacancies: Vs(2, 5),
      candidates: ['c1'],
      nodes: ['n1'],
      expected: {
        ok: true,
        assignments: [
          { vacancy: 2, id: 'c1' },
          { vacancy: 5, id: 'new1' },
        ],
        newWorkers: [{ id: 'new1', node: 'n1' }],
      },
      freshCalls: 1,
    },
    {
      name: 'strict placement with enough nodes succeeds, one node each',
      vacancies: Vs(1, 2),
      candidates: [],
      nodes: ['n1', 'n2', 'n3'],
      strict: true,
      expected: {
        ok: true,
        assignments: [
          { vacancy: 1, id: 'new1' },
          { vacancy: 2, id: 'new2' },
        ],
        newWorkers: [
          { id: 'new1', node: 'n1' },
          { id: 'new2', node: 'n2' },
        ],
      },
      freshCalls: 2,
    },
    {
      name: 'strict placement with exactly need nodes succeeds',
      vacancies: Vs(1, 2, 3),
      candidates: ['c1'],
      nodes: ['n1', 'n2'],
      strict: true,
      expected: {
        ok: true,
        assignments: [
          { vacancy: 1, id: 'c1' },
          { vacancy: 2, id: 'new1' },
          { vacancy: 3, id: 'new2' },
        ],
        newWorkers: [
          { id: 'new1', node: 'n1' },
          { id: 'new2', node: 'n2' },
        ],
      },
      freshCalls: 2,
    },
    {
      name: 'no capable nodes → insufficient_nodes {need, have: 0}',
      vacancies: Vs(1, 2, 3),
      candidates: ['c1'],
      nodes: [],
      expected: { ok: false, reason: 'insufficient_nodes', need: 2, have: 0 },
      freshCalls: 0,
    },
    {
      name: 'no capable nodes and no candidates → need = all vacancies',
      vacancies: Vs(1, 2, 3),
      candidates: [],
      nodes: [],
      expected: { ok: false, reason: 'insufficient_nodes', need: 3, have: 0 },
      freshCalls: 0,
    },
    {
      name: 'strict placement, fewer nodes than needed → insufficient_nodes {need, have}',
      vacancies: Vs(1, 2, 3, 4),
      candidates: [],
      nodes: ['node1', 'node2', 'node3'],
      strict: true,
      expected: { ok: false, reason: 'insufficient_nodes', need: 4, have: 3 },
      freshCalls: 0,
    },
  ];

  it.each(cases)('$name', ({ vacancies, candidates, nodes, strict, expected, freshCalls }) => {
    const fresh = freshIds();
    const plan = planRecruitment({ vacancies, candidates, nodes, strictPlacement: strict ?? false, freshId: fresh.next });
    expect(plan).toEqual(expected);
    expect(fresh.calls()).toBe(freshCalls);
  });

  it('from a directory: candidates are taken in sorted order, old-layout ids never used', () => {
    const directory = [entry('zz', 'log'), entry('old1', 'log'), entry('bb', 'log'), entry('aa', 'log'), entry('st', 'storage')];
    const candidates = recruitmentCandidates(directory, 'log', new Set(['old1']));
    const plan = planRecruitment({ vacancies: vacanciesIn([V(3), V(1), V(2), V(1)]), candidates, nodes: ['n1'], strictPlacement: false, freshId: freshIds().next });
    expect(plan).toEqual({
      ok: true,
      assignments: [
        { vacancy: 1, id: 'aa' },
        { vacancy: 2, id: 'bb' },
        { vacancy: 3, id: 'zz' },
      ],
      newWorkers: [],
    });
  });

  it('property: every vacancy filled exactly once with distinct ids; candidates before new ids; new workers wrap over the nodes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { maxLength: 8 }),
        fc.uniqueArray(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5'), { maxLength: 5 }),
        fc.uniqueArray(fc.constantFrom('n1', 'n2', 'n3', 'n4'), { maxLength: 4 }),
        fc.boolean(),
        (numbers, rawCandidates, nodes, strict) => {
          const vacancies = vacanciesIn(numbers.map(V));
          const candidates = [...rawCandidates].sort();
          const need = Math.max(0, vacancies.length - candidates.length);
          const plan = planRecruitment({ vacancies, candidates, nodes, strictPlacement: strict, freshId: freshIds().next });
          if (need > 0 && (nodes.length === 0 || (strict && nodes.length < need))) {
            expect(plan).toEqual({ ok: false, reason: 'insufficient_nodes', need, have: nodes.length });
            return;
          }
          expect(plan.ok).toBe(true);
          if (!plan.ok) return;
          expect(plan.assignments.map((a) => a.vacancy)).toEqual(vacancies.map((v) => v.vacancy));
          const assigned = plan.assignments.map((a) => a.id);
          expect(new Set(assigned).size).toBe(assigned.length);
          expect(assigned.slice(0, Math.min(candidates.length, vacancies.length))).toEqual(candidates.slice(0, vacancies.length));
          expect(plan.newWorkers.map((w) => w.id)).toEqual(assigned.slice(candidates.length));
          plan.newWorkers.forEach((w, i) => expect(w.node).toBe(nodes[i % nodes.length]));
          if (strict) expect(new Set(plan.newWorkers.map((w) => w.node)).size).toBe(plan.newWorkers.length);
        },
      ),
    );
  });
});

describe('recruitmentCandidates (§4.6/§4.7, S7)', () => {
  const directory: ServiceEntry[] = [
    entry('l3', 'log'),
    entry('s2', 'storage'),
    entry('old-log', 'log'),
    entry('l1', 'log'),
    entry('old-st', 'storage'),
    entry('s1', 'storage'),
    entry('l2', 'log'),
    entry('placed', 'storage'),
  ];
  const cases: { name: string; kind: ServiceKind; excluded: string[]; expected: string[] }[] = [
    { name: 'logs only, sorted', kind: 'log', excluded: [], expected: ['l1', 'l2', 'l3', 'old-log'] },
    { name: 'storage only, sorted', kind: 'storage', excluded: [], expected: ['old-st', 'placed', 's1', 's2'] },
    { name: 'old-layout logs are never candidates', kind: 'log', excluded: ['old-log'], expected: ['l1', 'l2', 'l3'] },
    { name: 'old storage and already-placed ids are never candidates', kind: 'storage', excluded: ['old-st', 'placed'], expected: ['s1', 's2'] },
    { name: 'excluding ids of the other kind changes nothing', kind: 'log', excluded: ['s1', 'old-st'], expected: ['l1', 'l2', 'l3', 'old-log'] },
    { name: 'everything excluded → none', kind: 'log', excluded: ['l1', 'l2', 'l3', 'old-log'], expected: [] },
  ];
  it.each(cases)('$name', ({ kind, excluded, expected }) => {
    expect(recruitmentCandidates(directory, kind, new Set(excluded))).toEqual(expected);
  });

  it('empty directory → no candidates', () => {
    expect(recruitmentCandidates([], 'storage', new Set())).toEqual([]);
  });

  it('property: never returns an excluded id or another kind; sorted; a subset of the directory', () => {
    const id: fc.Arbitrary<ServiceId> = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id, kind: fc.constantFrom<ServiceKind>('log', 'storage') }), { selector: (e) => e.id }),
        fc.uniqueArray(id),
        fc.constantFrom<ServiceKind>('log', 'storage'),
        (entries, excluded, kind) => {
          const directory = entries.map((e) => entry(e.id, e.kind));
          const result = recruitmentCandidates(directory, kind, new Set(excluded));
          expect(result).toEqual([...result].sort());
          for (const r of result) {
            expect(excluded).not.toContain(r);
            expect(directory.find((e) => e.id === r)?.kind).toBe(kind);
          }
          expect(result).toHaveLength(directory.filter((e) => e.kind === kind && !excluded.includes(e.id)).length);
        },
      ),
    );
  });
});

describe('vacanciesIn (§4.7: the same vacancy in two teams is ONE server)', () => {
  const cases: { name: string; slots: Slot[]; expected: Vacancy[] }[] = [
    { name: 'ids only → none', slots: ['a', 'b'], expected: [] },
    { name: 'empty → none', slots: [], expected: [] },
    { name: 'duplicates collapse', slots: [V(1), 'a', V(1), V(2), 'b', V(2)], expected: Vs(1, 2) },
    { name: 'sorted by number', slots: [V(10), V(2), V(7)], expected: Vs(2, 7, 10) },
    { name: 'mixed, unsorted, with gaps', slots: ['z', V(3), 'a', V(1), V(3)], expected: Vs(1, 3) },
  ];
  it.each(cases)('$name', ({ slots, expected }) => {
    expect(vacanciesIn(slots)).toEqual(expected);
  });
});

describe('fillSlots', () => {
  const assignments: Assignment[] = [
    { vacancy: 1, id: 'x1' },
    { vacancy: 2, id: 'x2' },
  ];
  const cases: { name: string; slots: Slot[]; expected: Slot[] }[] = [
    { name: 'vacancies replaced in place, ids kept', slots: ['a', V(1), 'b', V(2)], expected: ['a', 'x1', 'b', 'x2'] },
    { name: 'the same vacancy twice gets the same id twice', slots: [V(1), V(1)], expected: ['x1', 'x1'] },
    { name: 'a vacancy without an assignment stays a vacancy', slots: [V(3), V(1)], expected: [V(3), 'x1'] },
    { name: 'no vacancies: unchanged', slots: ['a', 'b'], expected: ['a', 'b'] },
    { name: 'empty', slots: [], expected: [] },
  ];
  it.each(cases)('$name', ({ slots, expected }) => {
    expect(fillSlots(slots, assignments)).toEqual(expected);
  });

  it('does not mutate its input', () => {
    const slots: Slot[] = [V(1), 'a'];
    fillSlots(slots, assignments);
    expect(slots).toEqual([V(1), 'a']);
  });
});

describe('fallbackOrder (the fallback when too few nodes are trusted)', () => {
  it('orders capable nodes by when they last failed us, never first, ties in node order (n2 before n10)', () => {
    const failedAt: Record<string, number> = { n1: 50, n2: 0, n10: 0, n3: 20 };
    expect(fallbackOrder(['n1', 'n10', 'n2', 'n3'], (n) => failedAt[n] ?? 0)).toEqual(['n2', 'n10', 'n3', 'n1']);
  });
});
