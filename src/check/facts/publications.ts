import type { Epoch, TransactionSystemLayout } from '../../cluster/types.js';
import type { CoordinatorStates } from './coordinator-states.js';

export interface Publication {
  readonly epoch: Epoch;
  readonly tsl: TransactionSystemLayout;
  /** The event at which a majority of coordinators held it. */
  readonly event: number;
  readonly time: number;
}

/** A layout's identity: two directors may build different layouts for one epoch (F11). */
export function layoutKey(tsl: TransactionSystemLayout): string {
  return `${tsl.epoch}/${tsl.id}/${tsl.director}`;
}

/**
 * Ground truth of publication: a layout is published once a majority of coordinators hold it on
 * disk as their accepted value, whatever any leader or director believes.
 */
export class Publications {
  readonly all: Publication[] = [];
  /** Set for the one step at which a new layout became published. */
  justPublished: Publication | undefined;
  private readonly done = new Set<string>();
  private readonly publishedEpochs = new Set<Epoch>();

  constructor(private readonly coordinators: CoordinatorStates) {}

  get majority(): number {
    return Math.floor(this.coordinators.addresses.length / 2) + 1;
  }

  /** Call after the coordinator states were read. */
  update(): void {
    this.justPublished = undefined;
    for (const step of this.coordinators.steps) {
      const fact = step.accepted;
      if (fact === undefined) continue;
      const key = layoutKey(fact.value.tsl);
      if (this.done.has(key)) continue;
      const votes = this.coordinators.heldNow().filter((h) => layoutKey(h.value.tsl) === key).length;
      if (votes < this.majority) continue;
      this.done.add(key);
      const p: Publication = { epoch: fact.value.epoch, tsl: fact.value.tsl, event: fact.event, time: fact.time };
      this.all.push(p);
      this.publishedEpochs.add(p.epoch);
      this.justPublished = p;
    }
  }

  /** The published layout with the highest epoch so far. */
  latest(): Publication | undefined {
    let best: Publication | undefined;
    for (const p of this.all) if (best === undefined || p.epoch > best.epoch) best = p;
    return best;
  }

  /** The highest published epoch so far (-1 when none). */
  highestEpoch(): Epoch {
    return this.latest()?.epoch ?? -1;
  }

  isPublished(epoch: Epoch): boolean {
    return this.publishedEpochs.has(epoch);
  }
}
