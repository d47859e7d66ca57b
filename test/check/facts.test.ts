import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../sim/index.js';
import { Facts } from '../../src/check/facts/index.js';
import type { GroundTruth, Position, Rec } from '../../src/check/types.js';
import type { LogDisk } from '../../src/cluster/services/log.js';
import type { LogEntry } from '../../src/cluster/types.js';
import { NO_DISKS } from './no-disks.js';
import { runSettings } from './run-settings.js';

const settings = runSettings();

/** One log, `l1`, whose disk the test writes; nothing else exists. */
function world(): { facts: Facts; disk: LogDisk; entries: LogEntry[] } {
  const disk: LogDisk = { epoch: null, director: null, oldest: 0, committed: 0, recoveredAt: null, teams: [] };
  const entries: LogEntry[] = [];
  const truth: GroundTruth = {
    ...NO_DISKS,
    logEntries: (id) => (id === 'l1' ? { entries, synced: entries.length } : undefined),
    logState: (id) => (id === 'l1' ? disk : undefined),
    recordsOf: (kind, id) => (kind === 'log' && id === 'l1' ? entries : []),
  };
  return { facts: new Facts(truth, settings), disk, entries };
}

let i = 0;
const at: Position = { event: 0, time: 0 };
const rec = (fields: object): Rec => ({ i: i++, t: 0, ...fields }) as unknown as Rec;
const delivery = (to: string, type = 'push'): Delivery => ({ m: i++, from: 'proxy-1@n3#1', to, msg: { type }, reply: false, late: false, dup: false });

describe('Facts: what they learn at each step (the checkers are woken only when it is something)', () => {
  it('a director starting and a client answered are news; a delivery record, a fault or a model event is not', () => {
    const { facts } = world();
    expect(facts.observe(rec({ type: 'spawn', pid: 'director-e3@n1#1' }), at)).toBe(true);
    expect(facts.directors.justStarted?.epoch).toBe(3);
    expect(facts.observe(rec({ type: 'spawn', pid: 'proxy-1@n3#1' }), at)).toBe(false);
    expect(facts.observe(rec({ type: 'client-ack', txn: 't1', epoch: 3, version: 4, writes: [] }), at)).toBe(true);
    // What was just learned is forgotten at the next step, whatever its type.
    expect(facts.observe(rec({ type: 'deliver', m: 1, to: 'log-l1@n2#1' }), at)).toBe(false);
    expect(facts.client.justAcked).toBeUndefined();
    expect(facts.directors.justStarted).toBeUndefined();
    expect(facts.observe(rec({ type: 'fault', action: { kind: 'heal' } }), at)).toBe(false);
    expect(facts.observe(rec({ type: 'phase', director: 'director-e3@n1#1', phase: 'locking' }), at)).toBe(false);
  });

  it('a delivery that changed a service\'s disk is news; one that left it as it was, or reached any other process, is not', () => {
    const { facts, entries } = world();
    expect(facts.delivered(delivery('proxy-2@n3#1'), at)).toBe(false);
    expect(facts.services.step).toBeUndefined();
    // The first delivery to a service is the first look at its disk.
    expect(facts.delivered(delivery('log-l1@n2#1'), at)).toBe(true);
    expect(facts.services.step?.after.id).toBe('l1');
    // Read again, unchanged: the step is there for the checkers that read it, but wakes no one.
    expect(facts.delivered(delivery('log-l1@n2#1', 'pull'), at)).toBe(false);
    expect(facts.services.step?.after).toBe(facts.services.step?.before);
    entries.push({ version: 1, writes: [] } as unknown as LogEntry);
    expect(facts.delivered(delivery('log-l1@n2#1'), at)).toBe(true);
  });

  it('a delivery that left a disk as it was keeps its snapshot; one that changed it takes a new one', () => {
    const { facts, disk, entries } = world();
    facts.delivered(delivery('log-l1@n2#1'), at);
    const first = facts.services.snapshot('l1');
    facts.delivered(delivery('log-l1@n2#1'), at);
    expect(facts.services.snapshot('l1')).toBe(first);
    expect(facts.services.step?.locked).toBe(false);
    entries.push({ version: 1, writes: [] } as unknown as LogEntry);
    facts.delivered(delivery('log-l1@n2#1'), at);
    expect(facts.services.snapshot('l1')).not.toBe(first);
    expect(facts.services.step?.after.length).toBe(1);
    disk.epoch = 5;
    disk.director = 'director-e5@n1#1';
    facts.delivered(delivery('log-l1@n2#1', 'lock'), at);
    expect(facts.services.step?.locked).toBe(true);
    expect(facts.services.locks.get('l1')?.map((l) => l.epoch)).toEqual([5]);
  });
});
