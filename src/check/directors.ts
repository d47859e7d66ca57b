import type { Epoch, Pid, ServiceId } from '../cluster/types.js';
import type { Rec } from './types.js';

export interface DirectorFacts {
  readonly pid: Pid;
  readonly epoch: Epoch;
  readonly oldLayoutIds: ReadonlySet<ServiceId>;
  readonly started: number;
  alive: boolean;
  running: boolean;
  /** Event at which it learned a newer epoch exists, if it did. */
  superseded: number | undefined;
}

/** Which directors exist, which are alive, running or superseded. Feed it every event, in order. */
export class Directors {
  readonly byPid = new Map<Pid, DirectorFacts>();

  observe(r: Rec): void {
    switch (r.type) {
      case 'director-started':
        this.byPid.set(r.director, {
          pid: r.director,
          epoch: r.epoch,
          oldLayoutIds: new Set(r.oldLayoutIds),
          started: r.i,
          alive: true,
          running: false,
          superseded: undefined,
        });
        return;
      case 'director-running': {
        const d = this.byPid.get(r.director);
        if (d !== undefined) d.running = true;
        return;
      }
      case 'newer-epoch-seen': {
        const d = this.byPid.get(r.director);
        if (d !== undefined) d.superseded ??= r.i;
        return;
      }
      case 'process-down': {
        const d = this.byPid.get(r.pid);
        if (d !== undefined) {
          d.alive = false;
          d.running = false;
        }
        return;
      }
    }
  }

  get(pid: Pid): DirectorFacts | undefined {
    return this.byPid.get(pid);
  }

  alive(): DirectorFacts[] {
    return [...this.byPid.values()].filter((d) => d.alive);
  }
}
