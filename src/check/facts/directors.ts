import { nameOf, nodeOf, type Delivery } from '../../../sim/index.js';
import { directorEpochOf } from '../../cluster/names.js';
import type { Epoch, NodeId, Pid } from '../../cluster/types.js';
import type { Position, Rec } from '../types.js';

export interface DirectorFacts {
  readonly pid: Pid;
  readonly epoch: Epoch;
  readonly node: NodeId;
  readonly started: number;
  readonly startedAt: number;
  /** The process that spawned it: the coordinator whose leadership it serves. */
  readonly startedBy: Pid | undefined;
  alive: boolean;
  /** Event at which a newer_epoch_exists answer reached it (a call it still waited on), if one did. */
  superseded: number | undefined;
}

/**
 * Which directors exist and which are alive, from the kernel: a director is a process named for
 * its epoch; it is superseded once the kernel delivers it a newer_epoch_exists answer it waited for.
 */
export class Directors {
  readonly byPid = new Map<Pid, DirectorFacts>();
  /** Set for the step at which a director process was spawned. */
  justStarted: DirectorFacts | undefined;

  observe(r: Rec): void {
    this.justStarted = undefined;
    if (r.type === 'spawn') {
      const epoch = directorEpochOf(nameOf(r.pid));
      if (epoch === undefined) return;
      const d: DirectorFacts = { pid: r.pid, epoch, node: nodeOf(r.pid), started: r.i, startedAt: r.t, startedBy: r.by, alive: true, superseded: undefined };
      this.byPid.set(r.pid, d);
      this.justStarted = d;
      return;
    }
    if (r.type === 'process-down') {
      const d = this.byPid.get(r.pid);
      if (d !== undefined) d.alive = false;
    }
  }

  delivered(delivery: Delivery, at: Position): void {
    if (delivery.late || !delivery.reply || delivery.msg.type !== 'newer-epoch-exists') return;
    const d = this.byPid.get(delivery.to);
    if (d !== undefined) d.superseded ??= at.event;
  }

  get(pid: Pid): DirectorFacts | undefined {
    return this.byPid.get(pid);
  }

  alive(): DirectorFacts[] {
    return [...this.byPid.values()].filter((d) => d.alive);
  }
}
