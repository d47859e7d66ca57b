import { describe, expect, it } from 'vitest';
import { defaultEmptyLayout, determinePath, type RecoveryPath } from '../../../src/cluster/decisions/path.js';
import type { TransactionSystemLayout } from '../../../src/cluster/types.js';
import { down, log, team, tsl } from './fixtures.js';

describe('determinePath (§4.0 REF, S18)', () => {
  const cases: { name: string; old: TransactionSystemLayout | null; expected: RecoveryPath }[] = [
    { name: 'null old layout → new cluster', old: null, expected: 'new-cluster' },
    { name: 'layout with no logs and no teams → new cluster (bootstrap rule H 1139b67)', old: tsl(), expected: 'new-cluster' },
    { name: 'empty layout with a high epoch is still a new cluster', old: tsl({ epoch: 17, id: 0 }), expected: 'new-cluster' },
    { name: 'logs and teams → data', old: tsl({ logs: [log('l1')], storageTeams: [team(0, ['s1'])] }), expected: 'data' },
    { name: 'logs only → data', old: tsl({ logs: [log('l1')] }), expected: 'data' },
    { name: 'teams only → data', old: tsl({ storageTeams: [team(0, ['s1'])] }), expected: 'data' },
    { name: 'a team with no members still counts as a team → data', old: tsl({ storageTeams: [team(0, [])] }), expected: 'data' },
    { name: 'a log with no tags still counts as a log → data', old: tsl({ logs: [log('l1', [])] }), expected: 'data' },
    {
      name: 'every old service down (unreachable) still → data: never decided by reachability',
      old: tsl({ logs: [log('l1')], storageTeams: [team(0, ['s1'])], services: [down('l1'), down('s1', 'storage')] }),
      expected: 'data',
    },
    {
      name: 'no sequencer / proxies recorded ("stale components", F5) still → data',
      old: tsl({ logs: [log('l1')], sequencer: '', proxies: [] }),
      expected: 'data',
    },
  ];

  it.each(cases)('$name', ({ old, expected }) => {
    expect(determinePath(old)).toBe(expected);
  });

  it('the default empty layout is a new cluster; only the strict-null rule of F6 takes the data path for it', () => {
    expect(determinePath(defaultEmptyLayout())).toBe('new-cluster');
    expect(determinePath(defaultEmptyLayout(), true)).toBe('data');
    expect(determinePath(null, true)).toBe('new-cluster');
  });
});
