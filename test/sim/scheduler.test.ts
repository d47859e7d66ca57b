import { describe, expect, it } from 'vitest';
import { Scheduler, type ScheduledEvent } from '../../sim/scheduler.js';

/** An event object the scheduler runs without a closure, as the kernel's timers and messages are. */
class Mark implements ScheduledEvent {
  constructor(
    private readonly seen: string[],
    private readonly label: string,
  ) {}

  run(): void {
    this.seen.push(this.label);
  }
}

describe('Scheduler', () => {
  it('runs callbacks in time order, equal times in scheduling order', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.at(20, () => seen.push('b'));
    s.at(10, () => seen.push('a'));
    s.at(20, () => seen.push('c'));
    s.run();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(s.now).toBe(20);
    expect(s.eventCount).toBe(3);
  });

  it('cancelled timers never run and do not count as pending', () => {
    const s = new Scheduler();
    let ran = false;
    const t = s.after(5, () => (ran = true));
    expect(s.pending).toBe(1);
    t.cancel();
    t.cancel();
    expect(s.pending).toBe(0);
    expect(s.run()).toBe('idle');
    expect(ran).toBe(false);
    expect(s.eventCount).toBe(0);
  });

  it('run(until) stops at the bound and advances the clock to it', () => {
    const s = new Scheduler();
    const seen: number[] = [];
    for (const t of [5, 10, 15]) s.at(t, () => seen.push(t));
    expect(s.run({ until: 10 })).toBe('until');
    expect(seen).toEqual([5, 10]);
    expect(s.now).toBe(10);
    expect(s.run({ until: 100 })).toBe('until');
    expect(seen).toEqual([5, 10, 15]);
    expect(s.now).toBe(100);
  });

  it('run(stopWhen) stops right after the event that satisfies the predicate', () => {
    const s = new Scheduler();
    let count = 0;
    const tick = (): void => {
      count++;
      s.after(1, tick);
    };
    s.after(1, tick);
    expect(s.run({ stopWhen: () => count === 42 })).toBe('predicate');
    expect(count).toBe(42);
    expect(s.run({ maxEvents: 8 })).toBe('max-events');
    expect(count).toBe(50);
  });

  it('step() runs one event at a time', () => {
    const s = new Scheduler();
    const seen: number[] = [];
    s.at(3, () => seen.push(3));
    s.at(1, () => seen.push(1)).cancel();
    s.at(2, () => seen.push(2));
    expect(s.nextTime()).toBe(2);
    expect(s.step()).toBe(true);
    expect(seen).toEqual([2]);
    expect(s.step()).toBe(true);
    expect(s.step()).toBe(false);
    expect(seen).toEqual([2, 3]);
  });

  it('never schedules into the past', () => {
    const s = new Scheduler();
    s.run({ until: 50 });
    const t = s.at(10, () => {});
    expect(t.time).toBe(50);
  });

  it('runs queued event objects in the same (time, scheduling) order as callbacks, clamps them to now, and never runs a cancelled one', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.enqueue(new Mark(seen, 'b'), 20);
    s.at(10, () => seen.push('a'));
    s.at(20, () => seen.push('c'));
    const dropped = s.enqueue(new Mark(seen, 'never'), 15);
    s.enqueue(new Mark(seen, 'd'), 20);
    expect(s.pending).toBe(5);
    dropped.cancel();
    dropped.cancel();
    expect(s.pending).toBe(4);
    s.run({ until: 30 });
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    const late = s.enqueue(new Mark(seen, 'late'), 5);
    expect(late.time).toBe(30);
    s.run();
    expect(seen.at(-1)).toBe('late');
  });
});
