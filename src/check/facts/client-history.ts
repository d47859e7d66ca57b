import type { Epoch, Version, Write } from '../../cluster/types.js';
import type { Rec } from '../types.js';

/** A commit the client was told is committed. */
export interface ClientAck {
  readonly txn: string;
  readonly epoch: Epoch;
  readonly version: Version;
  readonly writes: readonly Write[];
  readonly event: number;
  readonly time: number;
}

/** A read the client completed. */
export interface ClientRead {
  readonly read: string;
  readonly epoch: Epoch;
  readonly readVersion: Version;
  readonly storage: readonly string[];
  readonly values: readonly { readonly key: string; readonly value: string | null }[];
  /** The highest version acknowledged to any client session before the read began. */
  readonly ackedBefore: { readonly version: Version; readonly event: number } | undefined;
  readonly event: number;
  readonly time: number;
}

/**
 * What the clients were told, from the client's own record, one step at a time: the checkers that
 * need them keep what they have not judged yet, so memory does not grow with the run.
 */
export class ClientHistory {
  justAcked: ClientAck | undefined;
  justRead: ClientRead | undefined;
  private highest: { version: Version; event: number } | undefined;
  private readonly begun = new Map<string, { version: Version; event: number } | undefined>();

  observe(r: Rec): void {
    this.justAcked = undefined;
    this.justRead = undefined;
    switch (r.type) {
      case 'client-ack': {
        const ack: ClientAck = { txn: r.txn, epoch: r.epoch, version: r.version, writes: r.writes, event: r.i, time: r.t };
        this.justAcked = ack;
        if (this.highest === undefined || r.version > this.highest.version) this.highest = { version: r.version, event: r.i };
        return;
      }
      case 'client-read-begin':
        this.begun.set(r.read, this.highest);
        return;
      case 'client-read-failed':
        this.begun.delete(r.read);
        return;
      case 'client-read': {
        const read: ClientRead = {
          read: r.read,
          epoch: r.epoch,
          readVersion: r.readVersion,
          storage: r.storage,
          values: r.values,
          ackedBefore: this.begun.get(r.read),
          event: r.i,
          time: r.t,
        };
        this.begun.delete(r.read);
        this.justRead = read;
        return;
      }
    }
  }
}
