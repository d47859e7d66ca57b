import type { RunEvent } from '../../src/cluster/events.js';
import type { TransactionSystemLayout } from '../../src/cluster/types.js';
import type { Rec } from '../../src/report/html/model/records.js';

/** Builds a trace by hand for the report-model tests (not a test file itself). */
export class TraceBuilder {
  readonly records: Rec[] = [];

  /** Appends an event at time `t` (µs); returns its index. */
  at(t: number, event: RunEvent): number {
    const i = this.records.length;
    this.records.push({ i, t, ...event } as Rec);
    return i;
  }

  spawn(t: number, pid: string): number {
    return this.at(t, { type: 'spawn', pid });
  }

  down(t: number, pid: string, reason = 'node-crash'): number {
    return this.at(t, { type: 'process-down', pid, reason });
  }

  send(t: number, m: number, from: string, to: string, msg: { type: string; [k: string]: unknown }, extra: { call?: number; reply?: number } = {}): number {
    return this.at(t, { type: 'send', m, from, to, msg, ...extra });
  }

  deliver(t: number, m: number, to: string, dup = false): number {
    return this.at(t, dup ? { type: 'deliver', m, to, dup: true } : { type: 'deliver', m, to });
  }

  drop(t: number, m: number, cause: 'loss' | 'partition' | 'node-down' | 'no-process' = 'partition'): number {
    return this.at(t, { type: 'drop', m, cause });
  }

  lock(t: number, service: string, pid: string, epoch: number, director: string, previous: number | null = null): number {
    return this.at(t, { type: 'lock-accepted', service, kind: pid.startsWith('log') ? 'log' : 'storage', pid, epoch, director, previous });
  }
}

export function layout(epoch: number, director: string, logs: string[], storage: string[], rv: number): TransactionSystemLayout {
  return {
    id: epoch * 100,
    epoch,
    director,
    sequencer: `sequencer-e${epoch}.1@n1#1`,
    proxies: [`proxy-e${epoch}.1.0@n1#1`],
    logs: logs.map((id) => ({ id, tags: [0, 1] })),
    storageTeams: [{ tag: 0, keyRange: { start: '', end: null }, storageIds: storage }],
    services: [],
    versionVector: { first: 0, last: rv },
    durableVersion: 0,
  };
}
