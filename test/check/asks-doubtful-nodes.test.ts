import { describe, expect, it } from 'vitest';
import { Facts } from '../../src/check/facts/index.js';
import { asksDoubtfulNodes } from '../../src/check/invariants/asks-doubtful-nodes.js';
import type { CheckContext, Rec, Violation } from '../../src/check/types.js';
import { NO_DISKS } from './no-disks.js';
import { runSettings } from './run-settings.js';

const settings = runSettings({ capableNodes: { log: ['n2', 'n3'], storage: ['n1'] } });

const DIRECTOR = 'director-e3@n1#1';
const COORD = 'coordinator@n1#1';

/** A run's kernel records, fed to the facts and the checker in order; times in ms. */
function world() {
  const facts = new Facts(NO_DISKS, settings);
  const violations: Omit<Violation, 'invariant'>[] = [];
  const position = { event: 0, time: 0 };
  const stopped = new Set<string>();
  const ctx: CheckContext = { settings, truth: NO_DISKS, position: () => position, alive: (pid) => !stopped.has(pid), report: (v) => violations.push(v) };
  const checker = asksDoubtfulNodes(ctx, facts);
  let i = 0;
  let m = 0;
  let call = 0;
  const feed = (tMs: number, fields: object): number => {
    const r = { i: i++, t: tMs * 1000, ...fields } as unknown as Rec;
    position.event = r.i;
    position.time = r.t;
    facts.observe(r, position);
    checker.observe?.(r);
    return r.i;
  };
  const w = {
    violations,
    spawn: (tMs: number, pid: string, by?: string) => feed(tMs, { type: 'spawn', pid, ...(by === undefined ? {} : { by }) }),
    down: (tMs: number, pid: string) => {
      stopped.add(pid);
      return feed(tMs, { type: 'process-down', pid, reason: 'crash' });
    },
    /** The director asks `node`'s foreman; returns the call id and message number. */
    ask: (tMs: number, node: string, type: 'create-worker' | 'ping') => {
      const c = ++call;
      const n = ++m;
      feed(tMs, { type: 'send', m: n, from: DIRECTOR, to: `foreman@${node}`, msg: { type }, call: c });
      return c;
    },
    /** `from` answers call `c`; delivered at `deliverMs` (late: after the call ended), or lost. */
    answer: (tMs: number, from: string, c: number, deliverMs?: number, late = false) => {
      const n = ++m;
      feed(tMs, { type: 'send', m: n, from, to: DIRECTOR, msg: { type: 'ok' }, reply: c });
      if (deliverMs !== undefined) feed(deliverMs, { type: 'deliver', m: n, to: DIRECTOR, ...(late ? { late: true } : {}) });
    },
    register: (tMs: number, node: string) => {
      const n = ++m;
      feed(tMs, { type: 'send', m: n, from: `foreman@${node}#1`, to: 'coordinator@n1', msg: { type: 'register', node } });
      feed(tMs + 1, { type: 'deliver', m: n, to: COORD });
    },
  };
  return w;
}

/** A coordinator that started at 0 and a director it started then; n2 and n3 announce themselves until `lastRegisterMs`. */
function started(lastRegisterMs = 20_000) {
  const w = world();
  w.spawn(0, COORD);
  w.spawn(0, DIRECTOR, COORD);
  for (let t = 0; t <= lastRegisterMs; t += 1000) {
    w.register(t, 'n2');
    w.register(t, 'n3');
  }
  return w;
}

describe('asks-doubtful-nodes: a director asks before handing a doubtful node a worker', () => {
  it('a worker request to a node whose last one went unanswered is a violation, naming the unanswered one', () => {
    const w = started();
    const first = w.ask(1000, 'n2', 'create-worker');
    w.answer(1000, 'foreman@n2#1', first); // the answer is lost: never delivered
    w.ask(12_000, 'n2', 'create-worker');
    expect(w.violations).toHaveLength(1);
    expect(w.violations[0]?.message).toMatch(/director-e3@n1#1 asked n2 for a worker without asking whether it is up: its worker request at 1000 ms went unanswered/);
  });

  it('a late answer is no answer: the director never saw it', () => {
    const w = started();
    const first = w.ask(1000, 'n2', 'create-worker');
    w.answer(1000, 'foreman@n2#1', first, 11_500, true);
    w.ask(12_000, 'n2', 'create-worker');
    expect(w.violations).toHaveLength(1);
  });

  it('a ping in between, answered or not, or an answer from any process on the node, clears the doubt', () => {
    const pinged = started();
    pinged.ask(1000, 'n2', 'create-worker');
    pinged.ask(11_000, 'n2', 'ping');
    pinged.ask(12_000, 'n2', 'create-worker');
    expect(pinged.violations).toEqual([]);

    const heard = started();
    heard.ask(1000, 'n2', 'create-worker');
    heard.answer(11_000, 'log-abc@n2#1', 99, 11_001);
    heard.ask(12_000, 'n2', 'create-worker');
    expect(heard.violations).toEqual([]);
  });

  it('two workers asked of one node at the same instant, and requests answered in time, are no cause for doubt', () => {
    const w = started();
    const a = w.ask(1000, 'n2', 'create-worker');
    w.ask(1000, 'n2', 'create-worker');
    w.answer(1000, 'foreman@n2#1', a, 1002);
    const b = w.ask(5000, 'n3', 'create-worker');
    w.answer(5000, 'foreman@n3#1', b, 5003);
    w.ask(9000, 'n3', 'create-worker');
    expect(w.violations).toEqual([]);
  });

  it('a node silent to the director\'s coordinator beyond the limit (and one interval more) is doubtful until asked', () => {
    const silent = started(2000);
    silent.ask(8500, 'n2', 'create-worker'); // last heard at 2001: 6.5 s ago, beyond 5 s and one 1 s interval
    expect(silent.violations).toHaveLength(1);
    expect(silent.violations[0]?.message).toMatch(/had not announced itself to the director's coordinator since 2001 ms/);

    const recent = started(2000);
    recent.ask(7500, 'n2', 'create-worker'); // 5.5 s: not beyond the limit and its margin
    expect(recent.violations).toEqual([]);

    const asked = started(2000);
    asked.ask(8000, 'n2', 'ping');
    asked.ask(9000, 'n2', 'create-worker');
    expect(asked.violations).toEqual([]);
  });

  it('a stopped coordinator\'s table is no evidence of silence', () => {
    const w = started(2000);
    w.down(3000, COORD);
    w.ask(9000, 'n2', 'create-worker');
    expect(w.violations).toEqual([]);
  });

  it('one report per director and node', () => {
    const w = started(2000);
    w.ask(9000, 'n2', 'create-worker');
    w.ask(20_000, 'n2', 'create-worker');
    expect(w.violations).toHaveLength(1);
  });
});
