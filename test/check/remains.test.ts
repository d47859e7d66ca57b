import { describe, expect, it } from 'vitest';
import { whyNoWorkersCanBeCreated, whyRecoveryIsImpossible } from '../../src/check/remains.js';
import { LostNodes } from '../../src/check/facts/lost-nodes.js';
import type { Rec } from '../../src/check/types.js';
import { log, team, tsl, up } from '../cluster/decisions/fixtures.js';

const coordinators = ['coordinator@n1', 'coordinator@n2', 'coordinator@n3'];
const layout = tsl({
  logs: [log('l1'), log('l2'), log('l3')],
  storageTeams: [team(0, ['s1', 's2', 's3']), team(1, ['s1', 's2', 's3'])],
  services: [up('l1', 'log', 'n4'), up('l2', 'log', 'n5'), up('l3', 'log', 'n6'), up('s1', 'storage', 'n1'), up('s2', 'storage', 'n2'), up('s3', 'storage', 'n3')],
});
const none = new Set<string>();

describe('whyRecoveryIsImpossible: liveness is judged only when what survives can recover', () => {
  it('a minority of logs, storage servers or coordinators lost leaves recovery possible', () => {
    expect(whyRecoveryIsImpossible(layout, coordinators, none, none)).toBeUndefined();
    expect(whyRecoveryIsImpossible(layout, coordinators, new Set(['n1']), new Set(['n1', 'n4']))).toBeUndefined();
  });

  it('names what is gone when a majority of a shard\'s logs, a team or the coordinators is lost', () => {
    expect(whyRecoveryIsImpossible(layout, coordinators, none, new Set(['n4', 'n5']))).toBe("only 1 of the 3 logs of shard 0 in epoch 1's layout survive");
    expect(whyRecoveryIsImpossible(layout, coordinators, none, new Set(['n2', 'n3']))).toBe("only 1 of the 3 storage servers of shard 0 in epoch 1's layout survive");
    expect(whyRecoveryIsImpossible(layout, coordinators, new Set(['n1', 'n2']), none)).toBe('only 1 of 3 coordinators survive');
  });
});

describe('whyNoWorkersCanBeCreated: every recovery creates logs, a new cluster storage too', () => {
  const capable = { log: ['n6'], storage: ['n7', 'n8'] };
  it('is possible while one log-capable node (and, for a new cluster, one storage-capable node) survives', () => {
    expect(whyNoWorkersCanBeCreated(capable, new Set(['n7']), true)).toBeUndefined();
    expect(whyNoWorkersCanBeCreated(capable, new Set(['n7', 'n8']), false)).toBeUndefined();
  });

  it('names the capability no surviving node has', () => {
    expect(whyNoWorkersCanBeCreated(capable, new Set(['n6']), false)).toBe('no log-capable node survives (n6 lost)');
    expect(whyNoWorkersCanBeCreated(capable, new Set(['n7', 'n8']), true)).toBe('no storage-capable node survives for a new cluster (n7, n8 lost)');
  });
});

describe('LostNodes: what the applied faults took for good', () => {
  const applied = (actions: readonly { at: number; kind: string; node: string; permanent?: boolean }[]): LostNodes => {
    const lost = new LostNodes();
    actions.forEach((action, i) => lost.observe({ i, t: action.at * 1000, type: 'fault', action } as unknown as Rec));
    return lost;
  };

  it('lists permanent crashes and wiped disks, each since its last such fault', () => {
    const lost = applied([
      { at: 10, kind: 'wipe-disk', node: 'n4' },
      { at: 20, kind: 'crash-node', node: 'n5', permanent: true },
      { at: 30, kind: 'wipe-disk', node: 'n4' },
      { at: 40, kind: 'wipe-disk', node: 'n5' },
      { at: 60, kind: 'crash-node', node: 'n6' },
    ]);
    expect(lost.list()).toEqual([
      { node: 'n4', atUs: 30_000, how: 'disk wiped' },
      { node: 'n5', atUs: 40_000, how: 'crashed for good' },
    ]);
  });

  it('forgets a permanent crash once the node is restarted, whoever crashed it', () => {
    const lost = applied([
      { at: 10, kind: 'crash-node', node: 'n4', permanent: true },
      { at: 20, kind: 'crash-node', node: 'n5', permanent: true },
      { at: 30, kind: 'restart-node', node: 'n4' },
    ]);
    expect(lost.list()).toEqual([{ node: 'n5', atUs: 20_000, how: 'crashed for good' }]);
  });
});
