import type { RecordFile, Simulation } from '../../sim/index.js';
import type { ClusterEvent } from './events.js';
import { COORDINATOR, workerName } from './names.js';
import type { CoordinatorDisk } from './services/coordinator.js';
import { LOG_ENTRIES_FILE, type LogDisk } from './services/log.js';
import { STORAGE_APPLIED_FILE, type StorageDisk } from './services/storage.js';
import type { LogEntry, NodeId, ServiceId, ServiceKind, StoredEntry } from './types.js';

/** A log as its disk holds it: its state, and its entries (the first `synced` of them are durable). */
export interface LogView extends LogDisk {
  readonly entries: readonly LogEntry[];
  readonly synced: number;
}

/**
 * A storage server as its disk holds it: its state, and the versions it applied (only those with
 * writes), the oldest of them perhaps a snapshot of its shards' state (its MVCC window).
 */
export interface StorageView extends StorageDisk {
  readonly applied: readonly StoredEntry[];
  readonly synced: number;
}

/** The record file each kind of worker keeps beside its state. */
const RECORD_FILE: Record<ServiceKind, string> = { log: LOG_ENTRIES_FILE, storage: STORAGE_APPLIED_FILE };

interface WorkerKeys {
  readonly state: string;
  readonly records: string;
  /** Its node's key-value store and record files, once the node is known (a node keeps them for the run). */
  kv: ReadonlyMap<string, unknown> | undefined;
  files: ReadonlyMap<string, RecordFile<unknown>> | undefined;
}

/**
 * Read-only access to what every service and coordinator holds on disk: the facts the simulator
 * owns, whatever the processes say about themselves. For checkers and reports; never for the model.
 */
export class DiskGroundTruth {
  private readonly keys: Record<ServiceKind, Map<ServiceId, WorkerKeys>> = { log: new Map(), storage: new Map() };

  constructor(private readonly sim: Simulation<ClusterEvent>) {}

  log(id: ServiceId): Readonly<LogView> | undefined {
    const state = this.worker<LogDisk>('log', id);
    if (state === undefined) return undefined;
    const file = this.file<LogEntry>('log', id);
    return { ...state, entries: file?.records ?? [], synced: file?.synced ?? 0 };
  }

  logEntries(id: ServiceId): Readonly<Pick<LogView, 'entries' | 'synced'>> | undefined {
    if (this.worker<LogDisk>('log', id) === undefined) return undefined;
    const file = this.file<LogEntry>('log', id);
    return { entries: file?.records ?? [], synced: file?.synced ?? 0 };
  }

  storage(id: ServiceId): Readonly<StorageView> | undefined {
    const state = this.worker<StorageDisk>('storage', id);
    if (state === undefined) return undefined;
    const file = this.file<StoredEntry>('storage', id);
    return { ...state, applied: file?.records ?? [], synced: file?.synced ?? 0 };
  }

  /** A log's state alone, as its disk holds it (no copy: read after every delivery). */
  logState(id: ServiceId): Readonly<LogDisk> | undefined {
    return this.worker<LogDisk>('log', id);
  }

  storageState(id: ServiceId): Readonly<StorageDisk> | undefined {
    return this.worker<StorageDisk>('storage', id);
  }

  /** The records a worker's file holds (a log's entries, a storage server's applied versions). */
  recordsOf(kind: ServiceKind, id: ServiceId): readonly unknown[] {
    return this.file<unknown>(kind, id)?.records ?? [];
  }

  coordinator(node: NodeId): Readonly<CoordinatorDisk> | undefined {
    return this.at<CoordinatorDisk>(node, COORDINATOR);
  }

  /** The durable state process `name` keeps on `node`, if any. */
  at<T>(node: NodeId, name: string): Readonly<T> | undefined {
    if (!this.sim.hasNode(node)) return undefined;
    return this.sim.disk(node).get(`${name}/state`) as T | undefined;
  }

  private file<T>(kind: ServiceKind, id: ServiceId): RecordFile<T> | undefined {
    const key = this.keyOf(kind, id);
    return key.files?.get(key.records) as RecordFile<T> | undefined;
  }

  private worker<T>(kind: ServiceKind, id: ServiceId): Readonly<T> | undefined {
    const key = this.keyOf(kind, id);
    if (key.kv !== undefined) return key.kv.get(key.state) as T | undefined;
    for (const node of this.sim.nodeIds()) {
      const value = this.sim.disk(node).get(key.state);
      if (value !== undefined) {
        // A service id lives on one node for ever: its disk is found once.
        key.kv = this.sim.disk(node);
        key.files = this.sim.files(node);
        return value as T;
      }
    }
    return undefined;
  }

  /** The disk keys of a worker, built once: ground truth is read after every delivery. */
  private keyOf(kind: ServiceKind, id: ServiceId): WorkerKeys {
    const byId = this.keys[kind];
    let key = byId.get(id);
    if (key === undefined) {
      const prefix = workerName(kind, id);
      key = { state: `${prefix}/state`, records: `${prefix}/${RECORD_FILE[kind]}`, kv: undefined, files: undefined };
      byId.set(id, key);
    }
    return key;
  }
}
