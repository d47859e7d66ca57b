import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/cluster/events.js';
import type { Rec } from '../../src/check/types.js';
import { commitsText } from '../../src/report/summary.js';
import { Timeline } from '../../src/report/timeline.js';
import { compressRuns, type Row } from '../../src/report/timeline-rows.js';
import { cli } from './helpers.js';

const plain = new Chalk({ level: 0 });
const D = 'director-e4@n1#1';

/** A timeline fed by hand: `at(ms, event)`, then `lines()`. */
function timeline(options: { livenessAtMs?: number } = {}) {
  const t = new Timeline({ chalk: plain, width: 1000, coordinators: ['n1', 'n2', 'n3'], ...options });
  let i = 0;
  return {
    at(ms: number, event: RunEvent): void {
      t.observe({ i: i++, t: ms * 1000, ...event } as Rec);
    },
    lines: (): string[] => t.finish().flatMap((e) => e.text.split('\n')),
    checkpoint: (): string[] => t.checkpoint().flatMap((e) => e.text.split('\n')),
  };
}

/** Attempt `n` of director D: it locks the old layout, then stalls waiting for log nodes. */
function stalledAttempt(tl: { at(ms: number, event: RunEvent): void }, ms: number, n: number): void {
  tl.at(ms, { type: 'attempt-started', director: D, epoch: 4, attempt: n });
  tl.at(ms, { type: 'phase', director: D, epoch: 4, attempt: n, phase: 'path-determination' });
  tl.at(ms, { type: 'phase', director: D, epoch: 4, attempt: n, phase: 'locking' });
  tl.at(ms + 1, { type: 'stalled', director: D, epoch: 4, attempt: n, reason: 'insufficient_nodes', detail: 'log: need 3, have 2' });
}

describe('repeated lines are compressed', () => {
  it('a director that stalls the same way again and again: one attempt in full, then "× N more, until T"', () => {
    const tl = timeline();
    for (let n = 1; n <= 40; n++) stalledAttempt(tl, 100 + n * 500, n);
    const lines = tl.lines();
    expect(lines.filter((l) => l.includes('stalled (attempt'))).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/attempts 2 … 40 went as attempt 1 did \(× 39 more, until 20\.101s\): each stalled in locking on insufficient_nodes \(log: need 3, have 2\); retrying/);
    expect(lines.length).toBeLessThan(6);
  });

  it('a narrated attempt is a key moment: it is never folded away', () => {
    const t = new Timeline({ chalk: plain, width: 1000, narrate: (r) => (r.type === 'stalled' && r.attempt === 3 ? 'look at this one' : undefined) });
    let i = 0;
    const feed = { at: (ms: number, event: RunEvent) => t.observe({ i: i++, t: ms * 1000, ...event } as Rec) };
    for (let n = 1; n <= 5; n++) stalledAttempt(feed, 100 + n * 500, n);
    const text = t.finish().map((e) => e.text).join('\n');
    expect(text).toMatch(/attempt 2 went as attempt 1 did \(× 1 more/);
    expect(text).toMatch(/stalled \(attempt 3\)[^\n]*\n *▸ look at this one/);
    expect(text).toMatch(/attempts 4 … 5 went as attempt 3 did \(× 2 more/);
  });

  it('three or more near-identical consecutive lines (only numbers differ) print as the first and a count', () => {
    const row = (k: number, text: string): Row => ({ event: k, t: k * 1_000_000, kind: 'line', line: { proc: 'log-a@n4', epoch: 4, text, style: 'warn' } });
    const rows = [row(1, 'refuses the push of version 134 from e3'), row(2, 'refuses the push of version 135 from e3'), row(3, 'refuses the push of version 136 from e3'), row(12, 'refuses the push of version 140 from e3'), row(13, 'something else')];
    const out = compressRuns(rows);
    expect(out.map((r) => r.line.text)).toEqual(['refuses the push of version 134 from e3', '× 3 more, until 12.000s', 'something else']);
    expect(compressRuns(rows.slice(0, 2))).toHaveLength(2);
    // Numbers inside names tell things apart: n7 and n12 are different nodes, e3 and e4 different epochs.
    const named = [row(1, 'refuses the push from e3'), row(2, 'refuses the push from e4'), row(3, 'refuses the push from e5')];
    expect(compressRuns(named)).toHaveLength(3);
  });

  it('a real run: the short lock timeout on a slow network prints its 38 stalled attempts as two lines', async () => {
    const r = await cli(['run', 'wan-latency', '--mutate', 'short-lock-timeout']);
    expect(r.stdout).toMatch(/attempts 2 … \d+ went as attempt 1 did \(× \d+ more, until \d+\.\d{3}s\): each stalled in log-recovery-planning on unable_to_meet_log_quorum/);
    expect(r.stdout.split('\n').filter((l) => /stalled \(attempt \d+\)/.test(l)).length).toBeLessThan(4);
  });
});

describe('unclog', () => {
  it('an unclog of everything names what was clogged, and says nothing when nothing was', () => {
    const none = timeline();
    none.at(100, { type: 'fault', action: { at: 100, kind: 'unclog' } });
    expect(none.lines().join('\n')).not.toMatch(/unclog/);

    const some = timeline();
    some.at(50, { type: 'fault', action: { at: 50, kind: 'clog', node: 'n5', delayMs: 300 } });
    some.at(60, { type: 'fault', action: { at: 60, kind: 'clog', link: ['n2', 'n1'], delayMs: 300 } });
    some.at(70, { type: 'fault', action: { at: 70, kind: 'unclog', link: ['n1', 'n2'] } });
    some.at(100, { type: 'fault', action: { at: 100, kind: 'unclog' } });
    const text = some.lines().join('\n');
    expect(text).toMatch(/⚡ unclog n1<->n2\n/);
    expect(text).toMatch(/⚡ unclog n5 \(every clog still in force\)/);
    expect(text).not.toMatch(/unclog all/);
  });

  it('runs without clogs never print an unclog; a clog still in force at quiet time is named', async () => {
    const [noClogs, clogged] = await Promise.all([cli(['run', 'log-crash']), cli(['run', 'random-faults', '--seed', '30'])]);
    expect(noClogs.stdout).not.toMatch(/unclog/);
    expect(clogged.stdout).toMatch(/⚡ clog n5 \+\d+ms/);
    expect(clogged.stdout).toMatch(/20\.000s nemesis +⚡ unclog n5 \(every clog still in force\)/);
  });
});

describe('the counters agree', () => {
  it('attempted = acknowledged + failed + still waiting, in the summary and in --json', async () => {
    for (const scenario of ['bootstrap', 'director-race']) {
      const [json, text] = await Promise.all([cli(['run', scenario, '--json']), cli(['run', scenario])]);
      const c = (JSON.parse(json.stdout) as { commits: { acknowledged: number; attempted: number; failed: number; lost: number } }).commits;
      expect(c.attempted, scenario).toBeGreaterThanOrEqual(c.acknowledged + c.failed);
      expect(c.attempted, scenario).toBeGreaterThan(0);
      const waiting = c.attempted - c.acknowledged - c.failed;
      expect(text.stdout).toContain(`commits     ${c.attempted} attempted: ${c.acknowledged} acknowledged, ${c.failed} failed${waiting > 0 ? `, ${waiting} still waiting for an answer at the end` : ''} · 0 lost`);
      // The timeline's running totals end where the summary does.
      const totals = [...text.stdout.matchAll(/\(total (\d+) acknowledged(?:, (\d+) failed)?\)/g)].at(-1);
      expect(Number(totals?.[1]), scenario).toBe(c.acknowledged);
      expect(Number(totals?.[2] ?? 0), scenario).toBe(c.failed);
    }
  });

  it('a trace from before the client reported after every answer is told as it is', () => {
    expect(commitsText({ acknowledged: 89, attempted: 0, failed: 0, lost: 0 }, plain)).toBe('89 acknowledged, 0 lost · the client\'s last report: 0 attempted, 0 failed');
  });
});

describe('one publish time', () => {
  it('the timeline and the summary give each published layout the same time', async () => {
    for (const scenario of ['director-race', 'random-faults']) {
      const r = await cli(['run', scenario]);
      const timeline = new Map([...r.stdout.matchAll(/^ +(\d+\.\d{3}s) coordinators +e\d+ +layout e(\d+) published: \d of \d coordinators hold it/gm)].map((m) => [m[2], m[1]]));
      const summary = new Map([...r.stdout.matchAll(/^(?:published {3}| {12})e(\d+) at (\d+\.\d{3}s):/gm)].map((m) => [m[1], m[2]]));
      expect(summary.size, scenario).toBeGreaterThan(0);
      expect(timeline, scenario).toEqual(summary);
    }
  });
});

describe('epochs that jump are explained', () => {
  it('says why a director\'s epoch is beyond the newest published one', async () => {
    const r = await cli(['demo', 'director-race']);
    expect(r.stdout).toMatch(/↳ why epoch 4 after e1: an epoch is the election term its coordinator won; terms 2 and 3 were never used \(n1 campaigns on its own turns only: 1, 4, 7, …\)\./);
    expect(r.stdout).toMatch(/↳ why epoch 6 after e1: [^\n]*e4 had a director that never published/);
    expect(r.stdout).toMatch(/↳ why epoch 46 after e6: [^\n]*13 campaigns \(terms 7, 10, 13 … 43\) never won a majority/);
    expect(r.stdout).not.toMatch(/why epoch 1 /);
  });
});

describe('a liveness failure says what each director waits on', () => {
  it('at the checkpoint: the director in a phase, its unanswered request and what became of it', async () => {
    const r = await cli(['run', 'dead-spares', '--mutate', 'keep-dead-spares']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ VIOLATION +recovery-completes: [^\n]*\n(?: {38}[^\n]*\n)* +44\.001s liveness +the liveness checkpoint/);
    expect(r.stdout).toMatch(/44\.001s director-e10@n1 +e10 +in phase storage-recruitment of attempt \d+ for \d+\.\d{3} s: waiting for 1 reply: lock to storage-\w+@s\d \(sent \d+\.\d{3}s; the request was dropped: node-down\)/);
  });

  it('a stalled director waits for its retry; no director at all is said too; nothing when liveness holds', () => {
    const tl = timeline({ livenessAtMs: 1000 });
    tl.at(0, { type: 'director-started', director: D, epoch: 4, oldEpoch: 1, oldLayoutIds: [], coordinator: 'coordinator@n1#1' });
    stalledAttempt(tl, 10, 1);
    tl.at(1000, { type: 'node-up', node: 'n9' });
    expect(tl.checkpoint().join('\n')).toMatch(/director-e4@n1 +e4 +stalled since 0\.011s in attempt 1 \(insufficient_nodes: log: need 3, have 2\): waiting for its retry timer or a registration/);

    const empty = timeline({ livenessAtMs: 1000 });
    empty.at(10, { type: 'election-started', coordinator: 'coordinator@n2#1', term: 5 });
    empty.at(1000, { type: 'node-up', node: 'n9' });
    expect(empty.checkpoint().join('\n')).toMatch(/no director is alive: no coordinator leads a term; the last campaign: coordinator@n2 for term 5 at 0\.010s/);
  });

  it('a run whose liveness holds prints no checkpoint', async () => {
    const r = await cli(['run', 'log-crash']);
    expect(r.stdout).not.toMatch(/liveness checkpoint/);
  });
});
