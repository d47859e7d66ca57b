import { ms, processAddress, type CallResult } from '../../../../sim/index.js';
import { placeProxies } from '../../decisions/placement.js';
import type { ProxyStarted } from '../../messages.js';
import { foremanAddress, proxyName, sequencerName } from '../../names.js';
import { sequencer } from '../../services/sequencer.js';
import { mutated } from '../../config.js';
import { stalled, type Phase, type Recovery } from '../state.js';

/** §4.9: one sequencer, on the director's node, counting up from the recovery version. */
export function sequencerStartup(r: Recovery): undefined {
  const { ctx, d, a } = r;
  const pid = ctx.spawnProcess(sequencerName(d.epoch, d.generation, a.number), sequencer(d.epoch, a.versionVector.last, ctx.pid, d.config));
  a.sequencer = pid;
  a.started.push(pid);
  return undefined;
}

/** §4.10: commit proxies on cycle(coordination nodes), started locked with this director's token. */
export function* proxyStartup(r: Recovery): Phase {
  const { ctx, d, a } = r;
  const capable = d.capableNodes('coordination');
  const trusted = capable.filter((n) => !d.isSuspect(n));
  const nodes = placeProxies(trusted.length > 0 ? trusted : capable, d.params.desiredCommitProxies);
  if (nodes.length === 0) return stalled('insufficient_nodes', 'no coordination-capable nodes for commit proxies');
  const names = nodes.map((_, index) => proxyName(d.epoch, d.generation, a.number, index));
  // A started proxy checks in after its first ping interval, maybe before the last reply is in.
  a.starting = mutated(d.config, 'register-proxies-after-all-start') ? [] : nodes.map((node, index) => processAddress(node, names[index] as string));
  const results: CallResult[] = yield* ctx.callAll(
    nodes.map((node, index) => ({
      to: foremanAddress(node),
      msg: { type: 'start-proxy', epoch: d.epoch, director: ctx.pid, lockToken: d.lockToken, sequencer: a.sequencer, name: names[index] as string },
    })),
    { timeout: ms(d.params.parallelTaskTimeoutMs) },
  );
  a.starting = [];
  const failed: string[] = [];
  results.forEach((res, i) => {
    if (res.ok && res.reply.type === 'proxy-started') {
      const pid = (res.reply as ProxyStarted).pid;
      a.proxies.push(pid);
      a.started.push(pid);
    } else {
      failed.push(nodes[i] as string);
      d.suspect(nodes[i] as string);
    }
  });
  if (failed.length > 0) return stalled('failed_to_start', `commit_proxy on ${failed.join(',')}`);
  return undefined;
}

/**
 * §4.14 (after H 81a8d34, before persistence): watch the sequencer, the proxies and every log of
 * the new layout. Storage servers are deliberately not monitored.
 */
export function monitoring(r: Recovery): undefined {
  const { ctx, d, a } = r;
  for (const pid of a.monitoredPids()) d.monitors.add(ctx.monitor(pid));
  return undefined;
}
