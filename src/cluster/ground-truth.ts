import type { Simulation } from '../../sim/index.js';
import type { ClusterEvent } from './events.js';
import { workerName } from './names.js';
import type { LogDisk } from './services/log.js';
import type { StorageDisk } from './services/storage.js';
import type { LogEntry, NodeId, ServiceId, ServiceKind } from './types.js';

/** Read-only access to what services hold on disk, for checkers and reports. */
export class DiskGroundTruth {
  private readonly where = new Map<string, NodeId>();

  constructor(private readonly sim: Simulation<ClusterEvent>) {}

  logEntries(id: ServiceId): readonly LogEntry[] | undefined {
    return this.read<LogDisk>('log', id)?.entries;
  }

  storage(id: ServiceId): Readonly<StorageDisk> | undefined {
    return this.read<StorageDisk>('storage', id);
  }

  storageApplied(id: ServiceId): readonly LogEntry[] | undefined {
    return this.storage(id)?.applied;
  }

  private read<T>(kind: ServiceKind, id: ServiceId): T | undefined {
    const key = `${workerName(kind, id)}/state`;
    const known = this.where.get(key);
    if (known !== undefined) return this.sim.disk(known).get(key) as T | undefined;
    for (const node of this.sim.nodeIds()) {
      const value = this.sim.disk(node).get(key);
      if (value !== undefined) {
        this.where.set(key, node);
        return value as T;
      }
    }
    return undefined;
  }
}
