import type { Rng } from './rng.js';

/**
 * PCT-style message ordering (probabilistic concurrency testing, Burckhardt et al.): every
 * receiving process gets a random priority, and a message's place in its jitter window follows its
 * receiver's priority, so the deliveries that race within one window arrive in priority order
 * instead of independently at random. At a few change points, drawn from the seed among the
 * first messages of the run, the receiver of that message drops below every other: the rare
 * orders a bug needs (one process starved of its messages while the others race ahead) become
 * likely rather than one in millions.
 */
export class PctOrdering {
  private readonly priorities = new Map<string, number>();
  private readonly changeAt: ReadonlySet<number>;
  private sent = 0;
  private lowest = 0;

  constructor(
    private readonly rng: Rng,
    changePoints: number,
    /** The change points are drawn among this many first messages. */
    horizon = 20_000,
  ) {
    const points = new Set<number>();
    for (let i = 0; i < changePoints; i++) points.add(rng.int(0, horizon));
    this.changeAt = points;
  }

  /**
   * Where in `[0, jitter]` a message to `receiver` lands: 0 for the highest priority, `jitter` for
   * the lowest. Each call is one message sent.
   */
  place(receiver: string, jitter: number): number {
    let priority = this.priorities.get(receiver);
    if (priority === undefined) {
      priority = this.rng.next();
      this.priorities.set(receiver, priority);
    }
    if (this.changeAt.has(this.sent++)) {
      // Below every priority drawn so far and every one drawn later (those are in [0, 1)).
      this.lowest -= 1;
      priority = this.lowest;
      this.priorities.set(receiver, priority);
    }
    // Priorities of demoted receivers are negative: they all land at the end of the window.
    return Math.round(jitter * (1 - Math.max(0, priority)));
  }
}
