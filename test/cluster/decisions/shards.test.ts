import { describe, expect, it } from 'vitest';
import { initialLayout } from '../../../src/cluster/decisions/layout-plan.js';
import { pairReplayByTag } from '../../../src/cluster/decisions/replay.js';
import { dealTags, tagOfKey, userShardRanges } from '../../../src/cluster/decisions/shards.js';
import { mergePulled, pullSources } from '../../../src/cluster/services/storage-pull.js';
import { isVacancy } from '../../../src/cluster/types.js';
import { log } from './fixtures.js';

describe('shards of a new cluster', () => {
  it('user shards split the workload keys evenly and end at the system prefix', () => {
    expect(userShardRanges(1, 100)).toEqual([{ start: '', end: '\u00ff' }]);
    expect(userShardRanges(3, 90)).toEqual([
      { start: '', end: 'k0030' },
      { start: 'k0030', end: 'k0060' },
      { start: 'k0060', end: '\u00ff' },
    ]);
  });

  it('tags are dealt round-robin into groups, at most one group per tag', () => {
    expect(dealTags([0, 1, 2], 2)).toEqual([[0, 2], [1]]);
    expect(dealTags([0, 1], 1)).toEqual([[0, 1]]);
    expect(dealTags([0, 1], 5)).toEqual([[0], [1]]);
  });

  it('a layout with two shards, two log groups and a pool of five: teams of R that differ, desired logs per group', () => {
    const layout = initialLayout(2, 3, { userRanges: userShardRanges(2, 100), logGroups: 2, storageServers: 5 });
    expect(layout.logs.map((l) => l.tags)).toEqual([[0, 2], [0, 2], [1], [1]]);
    const members = layout.storageTeams.map((t) => t.storageIds.map((s) => (isVacancy(s) ? s.vacancy : -1)));
    expect(members).toEqual([
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ]);
    expect(tagOfKey(layout.storageTeams, 'k0010')).toBe(1);
    expect(tagOfKey(layout.storageTeams, 'k0070')).toBe(2);
    expect(tagOfKey(layout.storageTeams, '\u00fflayout')).toBe(0);
  });
});

describe('pairReplayByTag (§4.8, REF; F22 is Bedrock\'s pairing)', () => {
  const newLogs = [log('n1', [0, 2]), log('n2', [0, 2]), log('n3', [1])];
  const copyFrom = [log('o1', [1]), log('o2', [0, 2]), log('o3', [0, 2])];

  it('each new log copies from old logs of its own tag group, cycling within the group', () => {
    expect(pairReplayByTag(newLogs, copyFrom)).toEqual([
      { target: 'n1', source: 'o2' },
      { target: 'n2', source: 'o3' },
      { target: 'n3', source: 'o1' },
    ]);
  });

  it('a group with no old log to copy from is reported, not paired with another shard', () => {
    expect(pairReplayByTag([log('n1', [5])], copyFrom)).toEqual([{ target: 'n1', source: undefined }]);
  });

  it('ignoring tags pairs across shards', () => {
    expect(pairReplayByTag(newLogs, copyFrom, true).map((p) => p.source)).toEqual(['o1', 'o2', 'o3']);
  });

  it('a new cluster copies nothing', () => {
    expect(pairReplayByTag(newLogs, []).map((p) => p.source)).toEqual([null, null, null]);
  });
});

describe('a storage server pulling several tag groups', () => {
  const routes = [
    { address: 'a', tags: [0, 2] },
    { address: 'b', tags: [0, 2] },
    { address: 'c', tags: [1] },
  ];

  it('asks one log per group it needs, a different one each turn', () => {
    expect(pullSources(routes, [1, 2], 0)).toEqual(['c', 'a']);
    expect(pullSources(routes, [1, 2], 1)).toEqual(['c', 'b']);
    expect(pullSources(routes, [0, 2], 0)).toEqual(['a']);
  });

  it('merges what they returned up to the version every list reached', () => {
    const a = [
      { version: 5, writes: [{ key: 'x', value: '1' }] },
      { version: 6, writes: [] },
      { version: 7, writes: [{ key: 'x', value: '2' }] },
    ];
    const c = [
      { version: 5, writes: [{ key: 'y', value: '1' }] },
      { version: 6, writes: [{ key: 'y', value: '2' }] },
    ];
    expect(mergePulled([a, c])).toEqual([
      { version: 5, writes: [{ key: 'x', value: '1' }, { key: 'y', value: '1' }] },
      { version: 6, writes: [{ key: 'y', value: '2' }] },
    ]);
    expect(mergePulled([a, []])).toEqual([]);
  });
});
