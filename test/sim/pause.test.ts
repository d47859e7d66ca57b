import { describe, expect, it } from 'vitest';
import { MemorySink, ms, scheduleFaultPlan, Rng, Simulation, type CallResult, type KernelEvent, type TraceRecord } from '../../sim/index.js';
import { echo, msg } from './helpers.js';

/** Nodes a and b, 1 ms apart; `worker@b` logs every message and timer it runs, with the time. */
function world(): { sim: Simulation; log: string[]; records: TraceRecord[] } {
  const sink = new MemorySink();
  const sim = new Simulation({ seed: 1, network: { baseLatency: ms(1), jitter: 0 }, sink });
  const log: string[] = [];
  sim.addNode('a', (node) => node.spawn('echo', echo));
  sim.addNode('b', (node) =>
    node.spawn('worker', (ctx) => {
      ctx.handle((i) => log.push(`${ctx.now() / 1000}ms msg ${i.msg.type}`));
      ctx.timer(ms(15), () => log.push(`${ctx.now() / 1000}ms timer 15`));
      ctx.timer(ms(25), () => log.push(`${ctx.now() / 1000}ms timer 25`));
      ctx.spawn(
        (function* () {
          yield* ctx.sleep(ms(18));
          log.push(`${ctx.now() / 1000}ms woke from sleep 18`);
        })(),
      );
    }),
  );
  return { sim, log, records: sink.records };
}

/** `a` sends `types` to worker@b at `atMs`, one after another. */
function sendAt(sim: Simulation, atMs: number, types: readonly string[]): void {
  sim.scheduler.at(ms(atMs), () => {
    sim.spawn('a', `sender-${atMs}`, (ctx) => {
      for (const type of types) ctx.send('worker@b', msg(type));
    });
  });
}

describe('pausing a process', () => {
  it('handles nothing while paused; at the resume, held messages run in arrival order and overdue timers fire in time order', () => {
    const { sim, log, records } = world();
    sim.scheduler.at(ms(10), () => sim.pause('worker@b', ms(20)));
    sendAt(sim, 12, ['first', 'second']);
    sendAt(sim, 20, ['third']);
    sendAt(sim, 40, ['after']);
    sim.run({ until: ms(20) });
    expect(log).toEqual([]);
    expect(sim.isPaused('worker@b')).toBe(true);
    sim.run();
    // everything that came due in [10, 30) runs at 30 in the order it came due
    expect(log).toEqual([
      '30ms msg first',
      '30ms msg second',
      '30ms timer 15',
      '30ms woke from sleep 18',
      '30ms msg third',
      '30ms timer 25',
      '41ms msg after',
    ]);
    const pause = records.find((r) => r.type === 'pause');
    const resume = records.find((r) => r.type === 'resume');
    expect(pause).toMatchObject({ t: ms(10), pid: 'worker@b#1' });
    expect(resume).toMatchObject({ t: ms(30), pid: 'worker@b#1', held: 6 });
    // deliveries are recorded when the process takes them, after the resume
    const delivered = records.filter((r) => r.type === 'deliver').map((r) => r.t);
    expect(delivered.slice(0, 3)).toEqual([ms(30), ms(30), ms(30)]);
    expect(records.findIndex((r) => r.type === 'deliver')).toBeGreaterThan(records.indexOf(resume as TraceRecord));
  });

  it('a kill while paused discards what was held: those messages are never handled, and recorded as dropped', () => {
    const { sim, log, records } = world();
    sim.scheduler.at(ms(10), () => sim.pause('worker@b', ms(20)));
    sendAt(sim, 12, ['first', 'second']);
    sim.scheduler.at(ms(20), () => sim.kill('worker@b'));
    sim.run();
    expect(log).toEqual([]);
    expect(records.some((r) => r.type === 'resume' || r.type === 'deliver')).toBe(false);
    const down = records.findIndex((r) => r.type === 'process-down');
    expect(records.slice(down + 1).filter((r) => r.type === 'drop')).toMatchObject([{ cause: 'no-process' }, { cause: 'no-process' }]);
  });

  it('a node crash while paused discards the held messages too; the restarted process starts fresh', () => {
    const { sim, log, records } = world();
    sim.scheduler.at(ms(10), () => sim.pause('worker@b', ms(20)));
    sendAt(sim, 12, ['first']);
    sim.scheduler.at(ms(20), () => sim.crashNode('b'));
    sim.scheduler.at(ms(22), () => sim.restartNode('b'));
    sim.run();
    expect(log).toEqual(['37ms timer 15', '40ms woke from sleep 18', '47ms timer 25']);
    expect(records.filter((r) => r.type === 'drop')).toMatchObject([{ cause: 'node-down' }]);
  });

  it('replies and call timeouts that come due while the caller is paused wait too, and run in the order they came due', () => {
    const sink = new MemorySink();
    const sim = new Simulation({ seed: 1, network: { baseLatency: ms(1), jitter: 0 }, sink });
    sim.addNode('b', (node) => node.spawn('echo', echo));
    const results: string[] = [];
    sim.addNode('a', (node) =>
      node.spawn('caller', (ctx) =>
        ctx.spawn(
          (function* () {
            for (const timeout of [50, 3, 1.5]) {
              const r: CallResult = yield* ctx.call('echo@b', msg('q'), { timeout: ms(timeout) });
              results.push(`${ctx.now() / 1000}ms ${r.ok ? 'reply' : r.reason}`);
            }
          })(),
        ),
      ),
    );
    // call 1 (sent at 0): its reply arrives at 2, during the pause
    sim.scheduler.at(ms(1), () => sim.pause('caller@a', ms(9)));
    // call 2 (sent at 10): reply at 12, then its timeout at 13, both during the pause: the reply wins
    sim.scheduler.at(ms(12), () => sim.pause('caller@a', ms(10)));
    // call 3 (sent at 22): timeout at 23.5, then its reply at 24, both during the pause: the timeout wins
    sim.scheduler.at(ms(23), () => sim.pause('caller@a', ms(5)));
    sim.run();
    expect(results).toEqual(['10ms reply', '22ms reply', '28ms timeout']);
    const records = sink.records as TraceRecord<KernelEvent>[];
    const replies = records.flatMap((r) => (r.type === 'deliver' && r.to.startsWith('caller') ? [[r.t, r.late === true]] : []));
    expect(replies).toEqual([
      [ms(10), false],
      [ms(22), false],
      [ms(28), true],
    ]);
  });

  it('a second pause extends the first to the later end; resume ends it at once', () => {
    const { sim, log } = world();
    sim.scheduler.at(ms(10), () => sim.pause('worker@b', ms(10)));
    sim.scheduler.at(ms(12), () => sim.pause('worker@b', ms(30)));
    sim.run({ until: ms(41) });
    expect(log).toEqual([]);
    sim.run({ until: ms(43) });
    expect(log).toEqual(['42ms timer 15', '42ms woke from sleep 18', '42ms timer 25']);
    sim.pause('worker@b');
    sendAt(sim, 50, ['x']);
    sim.run({ until: ms(100) });
    expect(log).toHaveLength(3);
    expect(sim.resume('worker@b')).toBe(true);
    expect(log.at(-1)).toBe('100ms msg x');
  });

  it('pause-process in a fault plan picks a matching process, and the quiet time resumes it', () => {
    const { sim, log, records } = world();
    scheduleFaultPlan(sim, { actions: [{ at: 10, kind: 'pause-process', node: 'b', process: 'work*', durationMs: 500 }], quietAtMs: 35 }, Rng.fromSeed(1).fork('nemesis'));
    sim.run();
    expect(records.find((r) => r.type === 'pause')).toMatchObject({ t: ms(10), pid: 'worker@b#1' });
    expect(records.find((r) => r.type === 'resume')).toMatchObject({ t: ms(35), held: 3 });
    expect(log).toEqual(['35ms timer 15', '35ms woke from sleep 18', '35ms timer 25']);
  });
});
