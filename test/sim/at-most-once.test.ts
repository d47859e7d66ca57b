import { describe, expect, it } from 'vitest';
import { atMostOnce, ms, s as seconds, Simulation, type CallResult, type Incoming, type Message, type ProcessContext } from '../../sim/index.js';
import { msg } from './helpers.js';

/** A counter that hands out the next number on every request, as the sequencer does. */
function counter(dedupe: boolean) {
  return (ctx: ProcessContext): void => {
    let next = 0;
    const handler = (incoming: Parameters<Parameters<ProcessContext['handle']>[0]>[0]): void => {
      next++;
      ctx.store.set('acted', next);
      incoming.reply?.({ type: 'number', n: next });
    };
    ctx.handle(dedupe ? atMostOnce(ctx, handler) : handler);
  };
}

/** Every cross-node message is delivered twice; `a` asks `b` three times. */
function run(dedupe: boolean): { replies: number[]; acted: number; duplicates: number; answered: number[] } {
  const sim = new Simulation({ seed: 1, network: { baseLatency: 1_000, jitter: 500, duplicateRate: 1 } });
  // Every answer the counter sends, duplicates' answers included.
  const answered: number[] = [];
  sim.trace.subscribe(
    (r) => {
      const record = r as unknown as { from: string; msg: Message; reply?: number };
      if (record.from.startsWith('counter@b') && record.reply !== undefined) answered.push(record.msg['n'] as number);
    },
    ['send'],
  );
  sim.addNode('b', (node) => node.spawn('counter', counter(dedupe)));
  const replies: number[] = [];
  sim.addNode('a', (node) =>
    node.spawn('client', (ctx) => {
      ctx.spawn(
        (function* () {
          for (let i = 0; i < 3; i++) {
            const r: CallResult = yield* ctx.call('counter@b', msg('next'), { timeout: ms(50) });
            if (r.ok) replies.push(r.reply['n'] as number);
            ctx.send('counter@b', msg('note'));
          }
        })(),
      );
    }),
  );
  sim.run();
  return { replies, acted: sim.disk('b').get('counter/acted') as number, duplicates: sim.network.counters.duplicated, answered };
}

describe('atMostOnce', () => {
  it('acts once on each message however often the network delivers it, and answers a duplicate with the same reply', () => {
    const once = run(true);
    expect(once.duplicates).toBeGreaterThan(0);
    // calls and notes share the counter: each call sees the notes acted on once before it
    expect(once.replies).toEqual([1, 3, 5]);
    // three calls and three one-way notes, each delivered twice, acted on once
    expect(once.acted).toBe(6);
    // each request's second copy is answered with the first copy's reply, not acted on again
    expect(once.answered).toEqual([1, 1, 3, 3, 5, 5]);
  });

  it('without it the same duplicates make the service act twice', () => {
    const twice = run(false);
    expect(twice.acted).toBeGreaterThan(6);
  });

  it('answers a duplicate only while its reply is among the 256 newest kept, and forgets ids after the window', () => {
    const clock = { t: 0, now: () => clock.t };
    const acted: number[] = [];
    const pending = new Map<number, (answer: Message) => void>();
    const handle = atMostOnce(clock, (incoming) => {
      acted.push(incoming.id);
      if (incoming.reply !== undefined) pending.set(incoming.id, incoming.reply);
    });
    const answers: string[] = [];
    const request = (id: number): void => handle({ id, from: 'a@n1#1', msg: msg('q'), reply: (answer) => answers.push(`${id}:${String(answer['n'])}`) } as Incoming);
    const answer = (id: number): void => pending.get(id)?.({ type: 'r', n: id });

    request(0);
    request(0); // still unanswered: the duplicate is dropped, the first copy's reply will do
    answer(0);
    request(0); // answered: the duplicate gets the same reply
    for (let id = 1; id <= 255; id++) {
      request(id);
      answer(id);
    }
    request(0); // 256 replies kept, the oldest (id 0) among them
    request(256);
    answer(256);
    request(0); // its reply was pushed out: dropped, not acted on again
    clock.t = seconds(61);
    request(0); // past the window: a new message as far as the service can tell
    expect(acted.filter((id) => id === 0)).toHaveLength(2);
    expect(answers.filter((a) => a.startsWith('0:'))).toEqual(['0:0', '0:0', '0:0']);
    expect(acted).toHaveLength(258);
  });
});
