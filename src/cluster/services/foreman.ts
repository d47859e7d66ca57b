import { ms, processAddress, type DownMessage, type ProcessStart } from '../../../sim/index.js';
import { handleMessages, type ClusterConfig, type Ctx } from '../config.js';
import type { ClusterEvent } from '../events.js';
import type { CreateWorkerMsg, RegisterMsg, StartProxyMsg } from '../messages.js';
import { workerName } from '../names.js';
import type { Capability, NodeId, ServiceEntry, ServiceId, ServiceKind } from '../types.js';
import { logService } from './log.js';
import { commitProxy } from './proxy.js';
import { storageService } from './storage.js';

export interface WorkerRecord {
  readonly id: ServiceId;
  readonly kind: ServiceKind;
}

/**
 * The foreman (§1.1): one per node. Keeps the list of its workers on disk and restarts them
 * with the node (a worker keeps its id and data), creates workers on request, starts commit
 * proxies for directors, restarts a worker that dies, and keeps announcing the node's
 * capabilities and workers to every coordinator.
 */
export function foreman(
  node: NodeId,
  capabilities: readonly Capability[],
  config: ClusterConfig,
  initialWorkers: readonly WorkerRecord[] = [],
): ProcessStart<ClusterEvent> {
  return (ctx: Ctx) => {
    let workers = ctx.store.get<WorkerRecord[]>('workers');
    if (workers === undefined) {
      workers = [...initialWorkers];
      ctx.store.set('workers', workers);
    }
    const known = workers;
    const monitors = new Map<number, WorkerRecord>();

    const entry = (w: WorkerRecord): ServiceEntry => ({ id: w.id, kind: w.kind, address: processAddress(node, workerName(w.kind, w.id)) });

    const register = (): void => {
      const msg: RegisterMsg = { type: 'register', node, capabilities, services: known.map(entry) };
      for (const coordinator of config.coordinators) ctx.send(coordinator, msg);
    };

    /** Start a worker, or adopt it if it outlived a previous foreman. */
    const startWorker = (w: WorkerRecord): string => {
      const name = workerName(w.kind, w.id);
      const start = w.kind === 'log' ? logService(w.id, config) : storageService(w.id, config);
      const pid = ctx.whereis(name) ?? ctx.spawnProcess(name, start);
      monitors.set(ctx.monitor(pid), w);
      return pid;
    };

    const runningPid = new Map<ServiceId, string>();
    for (const w of known) runningPid.set(w.id, startWorker(w));

    /** Create the worker (or find it: a retried request must not make a second one); its pid. */
    const onCreate = (msg: CreateWorkerMsg): string => {
      const existing = runningPid.get(msg.id);
      if (existing !== undefined) return existing;
      const w = { id: msg.id, kind: msg.kind };
      known.push(w);
      const pid = startWorker(w);
      runningPid.set(w.id, pid);
      ctx.emit({ type: 'worker-created', node, id: w.id, kind: w.kind });
      register();
      return pid;
    };

    handleMessages(ctx, config, (incoming) => {
      const msg = incoming.msg;
      switch (msg.type) {
        case 'create-worker': {
          const create = msg as CreateWorkerMsg;
          const pid = onCreate(create);
          incoming.reply?.({ type: 'worker-created', id: create.id, address: processAddress(node, workerName(create.kind, create.id)), pid });
          return;
        }
        case 'start-proxy': {
          const start = msg as StartProxyMsg;
          const pid = ctx.whereis(start.name) ?? ctx.spawnProcess(start.name, commitProxy(start, config));
          incoming.reply?.({ type: 'proxy-started', pid });
          return;
        }
        case 'down': {
          const down = msg as DownMessage;
          const w = monitors.get(down.ref);
          if (w === undefined) return;
          monitors.delete(down.ref);
          runningPid.delete(w.id);
          // A supervisor's restart: the worker comes back with its id and its data.
          ctx.timer(ms(config.params.workerRestartDelayMs), () => {
            if (!runningPid.has(w.id)) runningPid.set(w.id, startWorker(w));
          });
          return;
        }
        case 'ping':
          incoming.reply?.({ type: 'pong' });
          return;
      }
    });

    register();
    const every = ms(config.params.registerIntervalMs);
    const tick = (): void => {
      register();
      ctx.timer(every, tick);
    };
    ctx.timer(every, tick);
  };
}
