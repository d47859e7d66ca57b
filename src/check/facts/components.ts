import { workerOf } from '../../cluster/names.js';
import type { Pid } from '../../cluster/types.js';
import type { Rec } from '../types.js';
import type { Directors } from './directors.js';

export interface ComponentFacts {
  readonly pid: Pid;
  /** The director it belongs to: the one that spawned it, or asked a foreman to. */
  readonly director: Pid;
  readonly startedAt: number;
  alive: boolean;
}

/**
 * The processes a director started for its generation (sequencers, commit proxies), from the
 * kernel's spawn records: spawned by a director, or by another process while it handled a
 * director's request. Workers (logs, storage) are left out: they outlive generations as spares.
 */
export class Components {
  readonly byPid = new Map<Pid, ComponentFacts>();

  constructor(private readonly directors: Directors) {}

  observe(r: Rec): void {
    if (r.type === 'spawn') {
      const director = [r.by, r.from].find((p) => p !== undefined && this.directors.get(p) !== undefined);
      // Workers outlive generations; a director a coordinator starts is a generation of its own.
      if (director === undefined || workerOf(r.pid) !== undefined || this.directors.get(r.pid) !== undefined) return;
      this.byPid.set(r.pid, { pid: r.pid, director, startedAt: r.t, alive: true });
      return;
    }
    if (r.type === 'process-down') {
      const c = this.byPid.get(r.pid);
      if (c !== undefined) c.alive = false;
    }
  }

  alive(): ComponentFacts[] {
    return [...this.byPid.values()].filter((c) => c.alive);
  }
}
