import type { Simulation } from '../../sim/index.js';
import type { ClusterEvent } from './events.js';
import { COORDINATOR, workerName } from './names.js';
import type { CoordinatorDisk } from './services/coordinator.js';
import type { LogDisk } from './services/log.js';
import type { StorageDisk } from './services/storage.js';
import type { NodeId, ServiceId, ServiceKind } from './types.js';

/**
 * Read-only access to what every service and coordinator holds on disk: the facts the simulator
 * owns, whatever the processes say about themselves. For checkers and reports; never for the model.
 */
export class DiskGroundTruth {
  private readonly where = new Map<string, NodeId>();

  constructor(private readonly sim: Simulation<ClusterEvent>) {}

  log(id: ServiceId): Readonly<LogDisk> | undefined {
    return this.worker<LogDisk>('log', id);
  }

  storage(id: ServiceId): Readonly<StorageDisk> | undefined {
    return this.worker<StorageDisk>('storage', id);
  }

  coordinator(node: NodeId): Readonly<CoordinatorDisk> | undefined {
    return this.at<CoordinatorDisk>(node, COORDINATOR);
  }

  /** The durable state process `name` keeps on `node`, if any. */
  at<T>(node: NodeId, name: string): Readonly<T> | undefined {
    if (!this.sim.hasNode(node)) return undefined;
    return this.sim.disk(node).get(`${name}/state`) as T | undefined;
  }

  private worker<T>(kind: ServiceKind, id: ServiceId): Readonly<T> | undefined {
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
