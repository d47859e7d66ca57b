import { describe, expect, it } from 'vitest';
import { vacanciesLeftBy } from '../../src/check/invariants/selective-locking.js';
import type { RunSettings } from '../../src/check/types.js';
import { wellFormednessProblems } from '../../src/check/well-formed.js';
import { log, team, tsl, up } from '../cluster/decisions/fixtures.js';
import { runSettings } from './run-settings.js';

const settings = runSettings({ desiredLogs: 3, replicationFactor: 3, capableNodes: { log: ['n4', 'n5', 'n6'], storage: ['n1', 'n2', 'n3'] } });

describe('vacanciesLeftBy: how many services recovery may recruit (the checker\'s own count)', () => {
  it('a new cluster recruits desired logs and R storage servers', () => {
    expect(vacanciesLeftBy(null, settings)).toEqual({ log: 3, storage: 3 });
    expect(vacanciesLeftBy(tsl(), settings)).toEqual({ log: 3, storage: 3 });
  });

  it('the data path: desired logs per tag group; up to R storage servers per team (members it cannot lock are replaced)', () => {
    const old = tsl({ logs: [log('l1'), log('l2'), log('l3', [2])], storageTeams: [team(0, ['s1', 's2']), team(1, ['s1', 's2']), team(2, ['s3'])] });
    expect(vacanciesLeftBy(old, settings)).toEqual({ log: 6, storage: 9 });
  });

  it('a replication factor raised by the operator counts from the time it was configured', () => {
    const raised: RunSettings = { ...settings, replicationFactor: 1, replicationFactorAt: (t) => (t >= 5_000_000 ? 3 : 1) };
    const old = tsl({ logs: [log('l1')], storageTeams: [team(0, ['s1']), team(1, ['s1'])] });
    expect(vacanciesLeftBy(old, raised, 0).storage).toBe(2);
    expect(vacanciesLeftBy(old, raised, 6_000_000).storage).toBe(6);
  });
});

describe('wellFormednessProblems (S16/S17, written apart from the director\'s check)', () => {
  const good = tsl({ logs: [log('l1')], storageTeams: [team(0, ['s1'])], services: [up('l1'), up('s1', 'storage')] });

  it('a complete layout has no problems', () => {
    expect(wellFormednessProblems(good)).toEqual([]);
  });

  it('names each missing or dangling part', () => {
    const bad = tsl({ ...good, sequencer: '', proxies: [], logs: [log('l1'), log('l9')], services: [...good.services, up('x1')] });
    expect(wellFormednessProblems(bad)).toEqual(['it has no sequencer', 'it has no commit proxy', 'log l9 is not up', 'service x1 is listed but neither a log nor a team member']);
  });
});
