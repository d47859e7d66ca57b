import { describe, expect, it } from 'vitest';
import { buildLanes, eventLane, roleOf, serviceIdOf } from '../../src/report/html/model/lanes.js';
import { TraceBuilder } from './trace.js';

describe('buildLanes', () => {
  it('groups lanes by node in order of first appearance, and by role within a node', () => {
    const b = new TraceBuilder();
    b.at(0, { type: 'node-up', node: 'n1' });
    b.at(0, { type: 'node-up', node: 'n4' });
    b.spawn(0, 'foreman@n1#1');
    b.spawn(0, 'foreman@n4#1');
    b.spawn(1, 'storage-s1@n1#1');
    b.spawn(1, 'coordinator@n1#1');
    b.spawn(2, 'log-l1@n4#1');
    b.spawn(3, 'director-e1@n1#1');
    b.spawn(4, 'proxy-e1.1.0@n1#1');
    b.spawn(4, 'sequencer-e1.1@n1#1');
    b.spawn(5, 'client@client#1');
    const set = buildLanes(b.records);
    expect(set.nodes.map((n) => n.id)).toEqual(['n1', 'n4', 'client']);
    const names = (node: string): string[] => set.nodes.find((n) => n.id === node)!.lanes.map((l) => set.lanes[l]!.name);
    expect(names('n1')).toEqual(['coordinator', 'director-e1', 'storage-s1', 'sequencer-e1.1', 'proxy-e1.1.0', 'foreman']);
    expect(names('n4')).toEqual(['log-l1', 'foreman']);
    expect(names('client')).toEqual(['client']);
    // lane indices follow display order
    expect(set.lanes.map((l) => l.index)).toEqual(set.lanes.map((_, k) => k));
    expect(set.nodes.flatMap((n) => n.lanes)).toEqual(set.lanes.map((l) => l.index));
  });

  it('gives every incarnation of a process the same lane, closing each at its process-down', () => {
    const b = new TraceBuilder();
    b.spawn(10, 'log-abc@n5#1');
    b.down(20, 'log-abc@n5#1', 'node-crash');
    b.spawn(30, 'log-abc@n5#2');
    const set = buildLanes(b.records);
    expect(set.lanes).toHaveLength(1);
    const lane = set.lanes[0]!;
    expect(lane.address).toBe('log-abc@n5');
    expect(lane.incarnations).toEqual([
      { pid: 'log-abc@n5#1', incarnation: 1, start: 10, startEvent: 0, end: 20, endEvent: 1, endReason: 'node-crash' },
      { pid: 'log-abc@n5#2', incarnation: 2, start: 30, startEvent: 2, end: null, endEvent: null, endReason: null },
    ]);
    expect(set.laneOf('log-abc@n5#2')).toBe(0);
    expect(set.laneOf('log-abc@n5')).toBe(0);
    expect(set.laneOf('log-zzz@n5')).toBe(-1);
    expect(set.serviceLane('abc')).toBe(0);
  });

  it('adds a lane for an address that is only ever a message target', () => {
    const b = new TraceBuilder();
    b.spawn(0, 'client@client#1');
    b.send(1, 0, 'client@client#1', 'coordinator@n9', { type: 'get-layout' });
    b.drop(2, 0, 'no-process');
    const set = buildLanes(b.records);
    expect(set.lanes.map((l) => l.address)).toEqual(['client@client', 'coordinator@n9']);
    expect(set.lanes[1]!.incarnations).toEqual([]);
  });
});

describe('roles and event placement', () => {
  it('reads the role and service id from a process name', () => {
    expect(roleOf('director-e12')).toBe('director');
    expect(roleOf('proxy-e4.1.0')).toBe('proxy');
    expect(roleOf('coordinator')).toBe('coordinator');
    expect(roleOf('mystery')).toBe('other');
    expect(serviceIdOf('log-abc12345')).toBe('abc12345');
    expect(serviceIdOf('storage-x1')).toBe('x1');
    expect(serviceIdOf('director-e1')).toBeNull();
  });

  it('puts each event on the lane of the process it is about', () => {
    const b = new TraceBuilder();
    b.spawn(0, 'director-e1@n1#1');
    b.spawn(0, 'log-l1@n4#1');
    b.spawn(0, 'coordinator@n1#1');
    b.spawn(0, 'proxy-e1.1.0@n1#1');
    b.spawn(0, 'foreman@n4#1');
    const set = buildLanes(b.records);
    const lane = (name: string): number => set.laneOf(name);
    const at = (event: Parameters<TraceBuilder['at']>[1]): number => eventLane({ i: 99, t: 1, ...event } as never, set);
    expect(at({ type: 'phase', director: 'director-e1@n1#1', epoch: 1, attempt: 1, phase: 'locking' })).toBe(lane('director-e1@n1'));
    expect(at({ type: 'layout-published', coordinator: 'coordinator@n1#1', epoch: 1, accepts: 2 })).toBe(lane('coordinator@n1'));
    expect(at({ type: 'log-push', log: 'l1', callerEpoch: 1, logEpoch: 1, version: 3, accepted: true })).toBe(lane('log-l1@n4'));
    expect(at({ type: 'lock-refused', service: 'l1', kind: 'log', epoch: 1, director: 'director-e1@n1#1', current: 2 })).toBe(lane('log-l1@n4'));
    expect(at({ type: 'commit-acked', proxy: 'proxy-e1.1.0@n1#1', epoch: 1, version: 3, txns: ['t'], system: false, writes: [] })).toBe(lane('proxy-e1.1.0@n1'));
    expect(at({ type: 'worker-created', node: 'n4', id: 'l1', kind: 'log' })).toBe(lane('foreman@n4'));
    expect(at({ type: 'node-down', node: 'n4' })).toBe(-1);
  });
});
