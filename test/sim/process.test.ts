import { describe, expect, it } from 'vitest';
import { ms, Simulation, type CallResult, type Incoming, type ProcessContext } from '../../sim/index.js';
import { echo, msg, threeNodes } from './helpers.js';

/** Spawn a one-task process on `node` and return the values it pushed. */
function runTask<T>(sim: Simulation, node: string, body: (ctx: ProcessContext, out: T[]) => Generator<never, void, unknown> | ReturnType<ProcessContext['sleep']>): T[] {
  const out: T[] = [];
  sim.spawn(node, `task${sim.scheduler.eventCount}`, (ctx) => {
    ctx.spawn(body(ctx, out) as Generator<never, void, unknown>);
  });
  return out;
}

describe('processes', () => {
  it('a call gets its reply, and exactly one of reply or timeout', () => {
    const sim = threeNodes();
    const results = runTask<CallResult>(sim, 'a', function* (ctx, out) {
      out.push(yield* ctx.call('echo@b', msg('q'), { timeout: ms(10) }));
      out.push(yield* ctx.call('nobody@b', msg('q'), { timeout: ms(10) }));
    });
    sim.run();
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ ok: true, reply: { type: 'echo', of: 'q' } });
    expect((results[0] as { from: string }).from).toBe('echo@b#1');
    expect(results[1]).toEqual({ ok: false, reason: 'timeout' });
  });

  it('a reply that arrives after the timeout is ignored', () => {
    const sim = threeNodes();
    sim.network.clogNode('b', ms(30));
    const results = runTask<CallResult>(sim, 'a', function* (ctx, out) {
      out.push(yield* ctx.call('echo@b', msg('q'), { timeout: ms(40) }));
    });
    sim.run();
    // request 31 ms + reply 31 ms > 40 ms
    expect(results).toEqual([{ ok: false, reason: 'timeout' }]);
    expect(sim.network.counters.delivered).toBe(2);
  });

  it('callAll returns results in request order and can stop early', () => {
    const sim = threeNodes();
    sim.network.clogNode('c', ms(5));
    const all = runTask<CallResult[]>(sim, 'a', function* (ctx, out) {
      out.push(yield* ctx.callAll([{ to: 'echo@c', msg: msg('1') }, { to: 'echo@b', msg: msg('2') }, { to: 'x@b', msg: msg('3') }], { timeout: ms(20) }));
      out.push(
        yield* ctx.callAll([{ to: 'echo@c', msg: msg('4') }, { to: 'echo@b', msg: msg('5') }], {
          timeout: ms(20),
          until: (r) => r.ok,
        }),
      );
    });
    sim.run();
    const [first, second] = all;
    expect(first?.map((r) => (r.ok ? r.reply['of'] : r.reason))).toEqual(['1', '2', 'timeout']);
    expect(second?.map((r) => (r.ok ? r.reply['of'] : r.reason))).toEqual(['cancelled', '5']);
  });

  it('callAll shows `until` every result, the last one included (callers count replies there)', () => {
    const sim = threeNodes();
    const seen: string[] = [];
    runTask<CallResult[]>(sim, 'a', function* (ctx, out) {
      out.push(
        yield* ctx.callAll([{ to: 'echo@b', msg: msg('only') }], {
          timeout: ms(20),
          until: (r) => {
            if (r.ok) seen.push(String(r.reply['of']));
            return false;
          },
        }),
      );
    });
    sim.run();
    expect(seen).toEqual(['only']);
  });

  it('receive waits for a matching mailbox message, or times out', () => {
    const sim = threeNodes();
    const got = runTask<Incoming | undefined>(sim, 'a', function* (ctx, out) {
      ctx.send(`${ctx.address}`, msg('noise'));
      ctx.send(`${ctx.address}`, msg('wanted'));
      out.push(yield* ctx.receive({ match: (i) => i.msg.type === 'wanted' }));
      out.push(yield* ctx.receive({ match: (i) => i.msg.type === 'never', timeout: ms(5) }));
      out.push(yield* ctx.receive());
    });
    sim.run();
    expect(got.map((i) => i?.msg.type)).toEqual(['wanted', undefined, 'noise']);
  });

  it('a trigger wakes a waiting task, or is remembered until one waits', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('a');
    const seen: string[] = [];
    sim.spawn('a', 'p', (ctx) => {
      const trigger = ctx.trigger();
      trigger.notify();
      ctx.spawn(
        (function* () {
          seen.push(yield* ctx.wait(trigger, ms(1)));
          seen.push(yield* ctx.wait(trigger, ms(1)));
          ctx.timer(ms(1), () => trigger.notify());
          seen.push(yield* ctx.wait(trigger));
        })(),
      );
    });
    sim.run();
    expect(seen).toEqual(['notified', 'timeout', 'notified']);
  });

  it('join returns a task result', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('a');
    const seen: number[] = [];
    sim.spawn('a', 'p', (ctx) => {
      const child = ctx.spawn(
        (function* () {
          yield* ctx.sleep(ms(3));
          return 42;
        })(),
      );
      ctx.spawn(
        (function* () {
          seen.push(yield* ctx.join<number>(child));
          seen.push(ctx.now());
        })(),
      );
    });
    sim.run();
    expect(seen).toEqual([42, ms(3)]);
  });

  it('a crash discards volatile state, timers and pending calls, and keeps the durable store', () => {
    const sim = new Simulation({ seed: 1, network: { baseLatency: 1_000, jitter: 0 } });
    const events: string[] = [];
    sim.addNode('b', (node) => node.spawn('echo', echo));
    sim.addNode('a', (node) =>
      node.spawn('worker', (ctx) => {
        const volatile = { counter: 0 };
        const boots = (ctx.store.get<number>('boots') ?? 0) + 1;
        ctx.store.set('boots', boots);
        events.push(`start#${ctx.incarnation} boots=${boots} volatile=${volatile.counter}`);
        volatile.counter++;
        ctx.timer(ms(50), () => events.push(`timer#${ctx.incarnation}`));
        ctx.spawn(
          (function* () {
            const r = yield* ctx.call('echo@b', msg('q'), { timeout: ms(100) });
            events.push(`call#${ctx.incarnation} ${r.ok ? 'reply' : r.reason}`);
          })(),
        );
      }),
    );
    sim.network.clogNode('b', ms(20));
    sim.scheduler.at(ms(10), () => sim.crashNode('a'));
    sim.scheduler.at(ms(30), () => sim.restartNode('a'));
    sim.run({ until: ms(500) });
    expect(events).toEqual([
      'start#1 boots=1 volatile=0',
      'start#2 boots=2 volatile=0',
      'call#2 reply',
      'timer#2',
    ]);
    expect(sim.disk('a').get('worker/boots')).toBe(2);
  });

  it('exit stops a process; messages to it are dropped as no-process', () => {
    const sim = threeNodes();
    sim.spawn('a', 'quitter', (ctx) => ctx.exit('done'));
    expect(sim.isAlive('quitter@a')).toBe(false);
    sim.spawn('b', 's', (ctx) => ctx.send('quitter@a', msg('x')));
    sim.run();
    expect(sim.network.counters.dropped['no-process']).toBe(1);
  });

  it('a message sent to an old pid does not reach the new incarnation', () => {
    const sim = threeNodes();
    sim.kill('echo@b');
    sim.spawn('b', 'echo', echo);
    expect(sim.lookup('echo@b')?.pid).toBe('echo@b#2');
    sim.spawn('a', 's', (ctx) => {
      ctx.send('echo@b#1', msg('old'));
      ctx.send('echo@b#2', msg('new'));
    });
    sim.run();
    expect(sim.network.counters.dropped['no-process']).toBe(1);
    expect(sim.network.counters.delivered).toBe(1);
  });

  it('a monitor delivers a down message through the network, and a partition can stop it', () => {
    const run = (partitioned: boolean): string[] => {
      const sim = threeNodes();
      const downs: string[] = [];
      sim.spawn('a', 'watcher', (ctx) => {
        ctx.handle((i) => downs.push(`${i.msg.type} ${String(i.msg['pid'])} ${String(i.msg['reason'])}`));
        ctx.monitor('echo@b');
        ctx.monitor('ghost@c');
      });
      if (partitioned) sim.network.partition(['a'], ['b']);
      sim.scheduler.at(ms(5), () => sim.crashNode('b'));
      sim.run();
      return downs;
    };
    expect(run(false)).toEqual(['down ghost@c noproc', 'down echo@b#1 node-crash']);
    expect(run(true)).toEqual(['down ghost@c noproc']);
  });
});
