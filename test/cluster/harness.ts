import { ms, Simulation, type CallResult, type Message, type ProcessContext, type TaskBody } from '../../sim/index.js';
import type { ClusterConfig } from '../../src/cluster/config.js';
import type { ClusterEvent } from '../../src/cluster/events.js';
import type { MutationId } from '../../src/cluster/mutations.js';
import { DEFAULT_PARAMS } from '../../src/cluster/params.js';
import { logService } from '../../src/cluster/services/log.js';
import { storageService } from '../../src/cluster/services/storage.js';

/** A small world for single-service tests: nodes a and b, services spawned by hand, a driver that calls them. */
export function serviceWorld(mutations: readonly MutationId[] = []) {
  const sim = new Simulation<ClusterEvent>({ seed: 1, network: { baseLatency: 1_000, jitter: 0 } });
  sim.addNode('a');
  sim.addNode('b');
  const config: ClusterConfig = { params: DEFAULT_PARAMS, mutations: new Set(mutations), coordinators: [], keySpace: 100 };
  const events: ClusterEvent[] = [];
  sim.trace.subscribe((r) => {
    if (!['send', 'deliver', 'drop', 'spawn', 'node-up'].includes(r.type)) events.push(r as unknown as ClusterEvent);
  });
  let drivers = 0;
  return {
    sim,
    config,
    events,
    log(id: string, node = 'a') {
      return sim.spawn(node, `log-${id}`, logService(id, config));
    },
    storage(id: string, node = 'a') {
      return sim.spawn(node, `storage-${id}`, storageService(id, config));
    },
    /** Run `script` as a process on node b and return what it returned once the simulation is idle. */
    drive<T>(script: (ctx: ProcessContext<ClusterEvent>) => TaskBody<T>, untilMs = 60_000): T {
      let out: { value: T } | undefined;
      sim.spawn('b', `driver${drivers++}`, (ctx) => {
        ctx.spawn(
          (function* () {
            out = { value: yield* script(ctx) };
          })(),
        );
      });
      sim.run({ until: sim.now + ms(untilMs) });
      if (out === undefined) throw new Error('driver did not finish');
      return out.value;
    },
  };
}

export function reply(result: CallResult): Message {
  if (!result.ok) throw new Error(`call failed: ${result.reason}`);
  return result.reply;
}

export const call = (ctx: ProcessContext<ClusterEvent>, to: string, msg: Message) => ctx.call(to, msg, { timeout: ms(1000) });
