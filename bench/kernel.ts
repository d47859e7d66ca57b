import { EventQueue, type QueuedEvent } from '../sim/event-queue.js';
import { Scheduler } from '../sim/scheduler.js';
import { elapsedMs, type Figure } from './measure.js';

/** A tiny LCG so both loops draw delays the same cheap way. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x & 1023;
  };
}

/** Baseline: pop the earliest event, push a successor, on a bare heap. */
export function bareHeapLoop(pending: number, events: number): Figure {
  const queue = new EventQueue();
  const next = lcg(1);
  let seq = 0;
  const noop = (): void => {};
  for (let i = 0; i < pending; i++) queue.push({ time: next(), seq: seq++, run: noop, index: -1 });
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < events; i++) {
    const e = queue.pop() as QueuedEvent;
    e.run();
    sink += e.time;
    queue.push({ time: e.time + 1 + next(), seq: seq++, run: noop, index: -1 });
  }
  const ms = elapsedMs(start);
  return { name: `bare heap, ${pending} pending`, value: (events / ms) * 1000, unit: 'events/s', note: String(sink % 2) };
}

/** The scheduler with a trivial handler that schedules its own successor. */
export function kernelLoop(pending: number, events: number): Figure {
  const scheduler = new Scheduler();
  const next = lcg(1);
  const handler = (): void => {
    scheduler.after(1 + next(), handler);
  };
  for (let i = 0; i < pending; i++) scheduler.at(next(), handler);
  const start = process.hrtime.bigint();
  scheduler.run({ maxEvents: events });
  const ms = elapsedMs(start);
  return { name: `kernel scheduler, ${pending} pending`, value: (events / ms) * 1000, unit: 'events/s' };
}
