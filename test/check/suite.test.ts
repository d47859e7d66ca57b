import { describe, expect, it } from 'vitest';
import { CheckSuite } from '../../src/check/suite.js';
import type { Checker, Rec } from '../../src/check/types.js';
import { NO_DISKS } from './no-disks.js';
import { runSettings } from './run-settings.js';

const DIRECTOR = 'director-e3@n1#1';
const LOG = 'log-l1@n2#1';
const STORAGE = 'storage-s1@n1#1';

/** A suite of two checkers that note what they are shown: one reads lock messages only, the other every message sent. */
function suiteOfTwo() {
  const seen = { locks: [] as string[], sends: [] as string[] };
  const note = (list: string[]) => (r: Rec) => list.push(r.type === 'send' ? `send ${r.m} ${r.msg.type}` : r.type === 'deliver' ? `deliver ${r.m}` : r.type);
  const locks: Checker = { observes: ['send', 'deliver'], reads: (m) => m.type === 'lock' && m.from === 'director-e3', observe: note(seen.locks) };
  const sends: Checker = { observes: ['send'], observe: note(seen.sends) };
  const suite = new CheckSuite({
    settings: runSettings(),
    truth: NO_DISKS,
    alive: () => true,
    invariants: [
      { id: 'selective-locking', create: () => locks },
      { id: 'old-generations-stop', create: () => sends },
    ],
  });
  let i = 0;
  const feed = (fields: object): void => suite.observe({ i: i++, t: i * 1000, ...fields } as unknown as Rec);
  // The first step wakes every checker (none has looked at the committed history yet).
  feed({ type: 'node-up', node: 'n1' });
  seen.locks.length = 0;
  seen.sends.length = 0;
  return { suite, seen, feed };
}

describe('the suite routes message records to who reads their kind of message', () => {
  it('a checker sees the sends and deliveries of the messages it reads; one without a filter sees every send', () => {
    const { seen, feed } = suiteOfTwo();
    feed({ type: 'send', m: 1, from: DIRECTOR, to: LOG, msg: { type: 'lock', epoch: 3 }, call: 1 });
    feed({ type: 'send', m: 2, from: STORAGE, to: LOG, msg: { type: 'pull', from: 0 }, call: 2 });
    // Locks from a process that is not this director are not what the first checker reads.
    feed({ type: 'send', m: 3, from: 'director-e4@n1#1', to: LOG, msg: { type: 'lock', epoch: 4 }, call: 3 });
    feed({ type: 'deliver', m: 2, to: LOG });
    feed({ type: 'deliver', m: 1, to: LOG });
    feed({ type: 'deliver', m: 3, to: LOG });
    expect(seen.locks).toEqual(['send 1 lock', 'deliver 1']);
    expect(seen.sends).toEqual(['send 1 lock', 'send 2 pull', 'send 3 lock']);
  });

  it('a duplicate that arrives before the first copy leaves the route for the copy still to come', () => {
    const { seen, feed } = suiteOfTwo();
    feed({ type: 'send', m: 1, from: DIRECTOR, to: LOG, msg: { type: 'lock', epoch: 3 }, call: 1 });
    feed({ type: 'deliver', m: 1, to: LOG, dup: true });
    feed({ type: 'deliver', m: 1, to: LOG });
    feed({ type: 'deliver', m: 1, to: LOG });
    expect(seen.locks).toEqual(['send 1 lock', 'deliver 1', 'deliver 1']);
  });

  it('the probes still count duplicates and late replies of messages no checker reads', () => {
    const { suite, seen, feed } = suiteOfTwo();
    feed({ type: 'send', m: 1, from: STORAGE, to: LOG, msg: { type: 'pull', from: 0 }, call: 1 });
    feed({ type: 'deliver', m: 1, to: LOG });
    feed({ type: 'deliver', m: 1, to: LOG, dup: true });
    feed({ type: 'send', m: 2, from: LOG, to: STORAGE, msg: { type: 'pull-ok', entries: [] }, reply: 1 });
    feed({ type: 'deliver', m: 2, to: STORAGE, late: true });
    expect(suite.probes.counts['duplicates-delivered']).toBe(1);
    expect(suite.probes.counts['late-replies']).toBe(1);
    expect(seen.locks).toEqual([]);
  });
});
