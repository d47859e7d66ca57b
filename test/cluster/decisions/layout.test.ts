import { describe, expect, it } from 'vitest';
import { layoutProblems, referencedIds } from '../../../src/cluster/decisions/layout.js';
import type { Slot, TransactionSystemLayout } from '../../../src/cluster/types.js';
import { down, log, team, tsl, up } from './fixtures.js';

const good = tsl({
  epoch: 4,
  logs: [log('l1'), log('l2')],
  storageTeams: [team(0, ['s1', 's2']), team(1, ['s1', 's2'])],
  services: [up('l1'), up('l2', 'log', 'n2'), up('s1', 'storage'), up('s2', 'storage', 'n2')],
  versionVector: { first: 3, last: 9 },
  durableVersion: 5,
});

/** Layouts under construction may still hold vacancies; the type of a published TSL does not allow them. */
function withSlots(base: TransactionSystemLayout, parts: { logs?: { id: Slot; tags: number[] }[]; storageTeams?: { tag: number; storageIds: Slot[] }[] }): TransactionSystemLayout {
  return {
    ...base,
    ...(parts.logs === undefined ? {} : { logs: parts.logs }),
    ...(parts.storageTeams === undefined ? {} : { storageTeams: parts.storageTeams.map((t) => ({ ...team(t.tag, []), storageIds: t.storageIds })) }),
  } as unknown as TransactionSystemLayout;
}

describe('layoutProblems (S16, S17)', () => {
  it('a good layout has no problems', () => {
    expect(layoutProblems(good)).toEqual([]);
  });

  it('a storage server that is down is not a problem (storage is not monitored; only logs must be up)', () => {
    expect(layoutProblems({ ...good, services: [up('l1'), up('l2'), down('s1', 'storage'), up('s2', 'storage')] })).toEqual([]);
  });

  it('a team member without a service entry is not a problem (services only list what the directory knows)', () => {
    expect(layoutProblems({ ...good, services: [up('l1'), up('l2'), up('s1', 'storage')] })).toEqual([]);
  });

  const cases: { name: string; layout: TransactionSystemLayout; problem: string }[] = [
    { name: 'no sequencer', layout: { ...good, sequencer: '' }, problem: 'no sequencer' },
    { name: 'no proxies', layout: { ...good, proxies: [] }, problem: 'no commit proxy' },
    { name: 'no logs', layout: { ...good, logs: [], services: [up('s1', 'storage'), up('s2', 'storage')] }, problem: 'no logs' },
    {
      name: 'a vacancy in the logs',
      layout: withSlots(good, { logs: [{ id: 'l1', tags: [0, 1] }, { id: { vacancy: 2 }, tags: [0, 1] }] }),
      problem: 'log vacancy V2',
    },
    {
      name: 'a vacancy in a team',
      layout: withSlots(good, { storageTeams: [{ tag: 0, storageIds: ['s1', 's2'] }, { tag: 1, storageIds: [{ vacancy: 3 }, 's1', 's2'] }] }),
      problem: 'team 1 has vacancy V3',
    },
    { name: 'a log whose service is down', layout: { ...good, services: [up('l1'), down('l2'), up('s1', 'storage'), up('s2', 'storage')] }, problem: 'log l2 is not up' },
    { name: 'a log with no service entry at all', layout: { ...good, services: [up('l1'), up('s1', 'storage'), up('s2', 'storage')] }, problem: 'log l2 is not up' },
    {
      name: 'a service not referenced by logs or teams (S17)',
      layout: { ...good, services: [...good.services, up('spare', 'storage')] },
      problem: 'service spare is not referenced by logs or teams',
    },
    {
      name: 'an old log left in services after being replaced (S17)',
      layout: { ...good, services: [...good.services, down('old-log')] },
      problem: 'service old-log is not referenced by logs or teams',
    },
  ];

  it.each(cases)('$name', ({ layout, problem }) => {
    const problems = layoutProblems(layout);
    expect(problems).toContain(problem);
  });

  it.each(cases.filter((c) => !c.name.includes('vacancy in the logs')))('$name is the only problem reported', ({ layout, problem }) => {
    expect(layoutProblems(layout)).toEqual([problem]);
  });

  it('reports several problems at once', () => {
    const bad = { ...good, sequencer: '', proxies: [], services: [up('l1'), down('l2'), up('x')] };
    expect(layoutProblems(bad)).toEqual(expect.arrayContaining(['no sequencer', 'no commit proxy', 'log l2 is not up', 'service x is not referenced by logs or teams']));
    expect(layoutProblems(bad)).toHaveLength(4);
  });
});

describe('referencedIds', () => {
  const cases: { name: string; layout: { logs: { id: Slot }[]; storageTeams: { storageIds: Slot[] }[] }; expected: string[] }[] = [
    { name: 'logs and members, sorted, once each', layout: { logs: [{ id: 'l2' }, { id: 'l1' }], storageTeams: [{ storageIds: ['s2', 's1'] }, { storageIds: ['s1', 'l1'] }] }, expected: ['l1', 'l2', 's1', 's2'] },
    { name: 'vacancies are not ids', layout: { logs: [{ id: { vacancy: 1 } }, { id: 'l1' }], storageTeams: [{ storageIds: [{ vacancy: 1 }, 's1'] }] }, expected: ['l1', 's1'] },
    { name: 'only vacancies → none', layout: { logs: [{ id: { vacancy: 1 } }], storageTeams: [{ storageIds: [{ vacancy: 2 }] }] }, expected: [] },
    { name: 'empty layout → none', layout: { logs: [], storageTeams: [] }, expected: [] },
    { name: 'teams only', layout: { logs: [], storageTeams: [{ storageIds: ['b', 'a'] }] }, expected: ['a', 'b'] },
  ];
  it.each(cases)('$name', ({ layout, expected }) => {
    expect(referencedIds(layout)).toEqual(expected);
  });

  it('works on a full layout too', () => {
    expect(referencedIds(good)).toEqual(['l1', 'l2', 's1', 's2']);
  });
});
