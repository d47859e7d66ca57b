import type { Message } from '../effects.js';
import { generateFaultPlan } from '../fault-generator.js';
import { scheduleFaultPlan } from '../nemesis.js';
import type { ProcessContext } from '../process.js';
import { Simulation, type SimulationOptions } from '../simulation.js';
import { ms } from '../time.js';

/**
 * A small world that exercises the whole kernel: each node runs a pinger that calls random
 * peers with a timeout, counts replies durably, and restarts with its node. Used by the
 * kernel's tests and by the bench as a network-heavy workload.
 */
export interface PingWorldOptions extends Omit<SimulationOptions, 'seed'> {
  readonly seed: number | string;
  readonly nodes: number;
  readonly intervalMs?: number;
  readonly withFaults?: boolean;
  readonly durationMs: number;
}

interface Ping extends Message {
  readonly type: 'ping';
  readonly n: number;
}

function pinger(peers: readonly string[], intervalMs: number) {
  return (ctx: ProcessContext) => {
    let sent = 0;
    ctx.handle((incoming) => {
      if (incoming.msg.type === 'ping') incoming.reply?.({ type: 'pong', n: (incoming.msg as Ping).n });
    });
    ctx.spawn(
      (function* () {
        for (;;) {
          yield* ctx.sleep(ms(intervalMs) + ctx.rng.int(0, 1000));
          const peer = ctx.rng.pick(peers);
          const result = yield* ctx.call(`pinger@${peer}`, { type: 'ping', n: sent++ }, { timeout: ms(50) });
          const key = result.ok ? 'pongs' : 'timeouts';
          ctx.store.set(key, (ctx.store.get<number>(key) ?? 0) + 1);
        }
      })(),
    );
  };
}

export function buildPingWorld(options: PingWorldOptions): Simulation {
  const sim = new Simulation(options);
  const names = Array.from({ length: options.nodes }, (_, i) => `n${i + 1}`);
  for (const id of names) {
    const peers = names.filter((n) => n !== id);
    sim.addNode(id, (node) => node.spawn('pinger', pinger(peers, options.intervalMs ?? 10)));
  }
  if (options.withFaults === true) {
    const { plan } = generateFaultPlan(sim.rng.fork('fault-plan'), {
      nodes: names,
      startMs: 10,
      quietAtMs: Math.floor(options.durationMs * 0.7),
      processPatterns: ['pinger'],
    });
    scheduleFaultPlan(sim, plan, sim.rng.fork('nemesis'));
  }
  return sim;
}

/** Total pongs and timeouts recorded on every node's disk. */
export function pingTotals(sim: Simulation): { pongs: number; timeouts: number } {
  let pongs = 0;
  let timeouts = 0;
  for (const id of sim.nodeIds()) {
    const disk = sim.disk(id);
    pongs += (disk.get('pinger/pongs') as number | undefined) ?? 0;
    timeouts += (disk.get('pinger/timeouts') as number | undefined) ?? 0;
  }
  return { pongs, timeouts };
}
