import { addressOf } from '../../sim/index.js';
import type { Epoch, TransactionSystemLayout } from '../cluster/types.js';
import type { Rec } from './types.js';

export interface Publication {
  readonly epoch: Epoch;
  readonly tsl: TransactionSystemLayout;
  /** The accept event that made it a majority. */
  readonly event: number;
  readonly time: number;
}

/** A layout's identity: two directors may build different layouts for one epoch (F11). */
export function layoutKey(tsl: TransactionSystemLayout): string {
  return `${tsl.epoch}/${tsl.id}/${tsl.director}`;
}

/**
 * Ground truth of publication: a layout is published once a majority of coordinators hold it as
 * their accepted value (whatever any leader believes). Feed it every event, in order.
 */
export class Publications {
  readonly all: Publication[] = [];
  /** Set for the one event at which a new layout became published. */
  justPublished: Publication | undefined;
  private readonly current = new Map<string, string>();
  private readonly done = new Set<string>();
  private readonly publishedEpochs = new Set<Epoch>();

  constructor(private readonly coordinatorCount: number) {}

  get majority(): number {
    return Math.floor(this.coordinatorCount / 2) + 1;
  }

  observe(r: Rec): void {
    this.justPublished = undefined;
    if (r.type !== 'tsl-accepted') return;
    const key = layoutKey(r.tsl);
    this.current.set(addressOf(r.coordinator), key);
    if (this.done.has(key)) return;
    let votes = 0;
    for (const held of this.current.values()) if (held === key) votes++;
    if (votes < this.majority) return;
    this.done.add(key);
    const p: Publication = { epoch: r.epoch, tsl: r.tsl, event: r.i, time: r.t };
    this.all.push(p);
    this.publishedEpochs.add(p.epoch);
    this.justPublished = p;
  }

  /** The published layout with the highest epoch so far. */
  latest(): Publication | undefined {
    let best: Publication | undefined;
    for (const p of this.all) if (best === undefined || p.epoch > best.epoch) best = p;
    return best;
  }

  isPublished(epoch: Epoch): boolean {
    return this.publishedEpochs.has(epoch);
  }
}
