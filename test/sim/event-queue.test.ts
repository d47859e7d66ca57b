import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, type QueuedEvent } from '../../sim/event-queue.js';

function event(time: number, seq: number): QueuedEvent {
  return { time, seq, run: () => {}, index: -1 };
}

const push = fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 50 }) });
const pop = fc.record({ kind: fc.constant('pop' as const) });

/** Push `e` on the queue, and into the model: an array kept sorted by (time, seq). */
function pushBoth(queue: EventQueue, model: QueuedEvent[], e: QueuedEvent): void {
  queue.push(e);
  model.push(e);
  model.sort((a, b) => a.time - b.time || a.seq - b.seq);
}

describe('EventQueue', () => {
  it('pops in (time, seq) order, like a sorted array', () => {
    const op = fc.oneof(push, pop);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new EventQueue();
        const model: QueuedEvent[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') pushBoth(queue, model, event(o.time, seq++));
          else expect(queue.pop()).toBe(model.shift());
          expect(queue.size).toBe(model.length);
          expect(queue.peek()).toBe(model[0]);
        }
      }),
    );
  });

  it('takes any entry out and still pops the rest in (time, seq) order', () => {
    const op = fc.oneof(push, pop, fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new EventQueue();
        const model: QueuedEvent[] = [];
        const gone: QueuedEvent[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') pushBoth(queue, model, event(o.time, seq++));
          else if (o.kind === 'pop') {
            const e = queue.pop();
            expect(e).toBe(model.shift());
            if (e !== undefined) gone.push(e);
          } else if (model.length > 0) {
            const [e] = model.splice(o.at % model.length, 1) as [QueuedEvent];
            expect(queue.remove(e)).toBe(true);
            gone.push(e);
          }
          // What left the queue, popped or taken out, cannot be taken out again.
          const left = gone.at(-1);
          if (left !== undefined) expect(queue.remove(left)).toBe(false);
          expect(queue.size).toBe(model.length);
          expect(queue.peek()).toBe(model[0]);
        }
      }),
    );
  });

  it('keeps FIFO order among equal times past 200k pending events', () => {
    const queue = new EventQueue();
    const n = 250_000;
    for (let i = 0; i < n; i++) queue.push(event(7, i));
    const popped: number[] = [];
    for (let e = queue.pop(); e !== undefined; e = queue.pop()) popped.push(e.seq);
    expect(popped.length).toBe(n);
    expect(popped.every((seq, i) => seq === i)).toBe(true);
  });
});
