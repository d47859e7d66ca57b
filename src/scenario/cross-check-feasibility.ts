import { DEFAULT_PARAMS } from '../cluster/params.js';
import type { Capability } from '../cluster/types.js';
import { LOG_GROUPS, LOGS, REPLICATION, SHARDS, STORAGE_SERVERS, WORKERS_PER_ENTRY, within } from './bounds.js';
import type { Report } from './cross-check.js';
import { count, nameList } from './quote.js';
import type { NamedCluster, Scenario } from './types.js';

/**
 * A named cluster that can never start is bad input, not a protocol failure: without a node able
 * to run logs (or storage) no director can ever recruit them, and with strict placement (one new
 * worker per node in a phase) a new cluster needing more logs or storage servers than there are
 * capable nodes, plus spare workers given in `cluster.workers`, stalls for ever. Nodes that join
 * later count: the first director waits for them. Only certain failures are reported: a lower
 * replication factor set by `reconfigure` is assumed to apply from the start.
 */
export function checkFeasibility(s: Scenario, cluster: NamedCluster, report: Report): void {
  const capableNodes = (c: Capability): string[] => cluster.nodes.filter((n) => n.capabilities.includes(c)).map((n) => n.id);
  const logNodes = capableNodes('log');
  const storageNodes = capableNodes('storage');
  for (const [kind, nodes] of [['log', logNodes], ['storage', storageNodes]] as const) {
    if (nodes.length === 0) {
      report(['cluster', 'nodes'], `no node has the "${kind}" capability, so no ${kind} can ever run and the cluster never starts; give at least one node that capability`);
    }
  }

  const p = { ...DEFAULT_PARAMS, ...s.params };
  if (!p.strictPlacement) return;
  const spares = (kind: 'log' | 'storage'): number =>
    (cluster.workers ?? []).reduce((sum, w) => sum + (w.kind === kind && within(w.count, WORKERS_PER_ENTRY) ? w.count : 0), 0);
  const strict = 'with strictPlacement each new worker of a phase needs a node of its own';
  const off = 'or set params.strictPlacement to false';

  if (logNodes.length > 0 && within(p.desiredLogs, LOGS) && within(p.logGroups, LOG_GROUPS) && within(p.shards, SHARDS)) {
    // A new cluster deals its tags (the system shard and each user shard) into at most that many groups.
    const groups = Math.min(p.logGroups, p.shards + 1);
    const need = p.desiredLogs * groups;
    const have = logNodes.length + spares('log');
    if (need > have) {
      const why = groups > 1 ? `params.desiredLogs ${p.desiredLogs} in each of ${groups} log groups` : `params.desiredLogs ${p.desiredLogs}`;
      report(
        ['params', 'desiredLogs'],
        `${strict}: a new cluster needs ${count(need)} logs (${why}) but only ${logNodes.length} node${logNodes.length === 1 ? '' : 's'} can run logs (${nameList(logNodes)})${sparesText(spares('log'), 'log')}, so it never starts; lower params.desiredLogs, give more nodes the "log" capability, ${off}`,
      );
    }
  }

  const rs = [s.params?.replicationFactor ?? DEFAULT_PARAMS.replicationFactor, ...(s.reconfigure ?? []).map((r) => r.replicationFactor)];
  if (storageNodes.length > 0 && rs.every((r) => within(r, REPLICATION)) && within(p.storageServers, STORAGE_SERVERS)) {
    const r = Math.min(...rs);
    const need = Math.max(r, p.storageServers);
    const have = storageNodes.length + spares('storage');
    if (need > have) {
      const byPool = p.storageServers > r;
      report(
        ['params', byPool ? 'storageServers' : 'replicationFactor'],
        `${strict}: a new cluster needs ${count(need)} storage servers (${byPool ? `params.storageServers ${p.storageServers}` : `replication factor ${r}`}) but only ${storageNodes.length} node${storageNodes.length === 1 ? '' : 's'} can run storage (${nameList(storageNodes)})${sparesText(spares('storage'), 'storage')}, so it never starts; lower ${byPool ? 'params.storageServers' : 'params.replicationFactor'}, give more nodes the "storage" capability, ${off}`,
      );
    }
  }
}

function sparesText(n: number, kind: string): string {
  return n > 0 ? ` and cluster.workers starts ${count(n)} spare ${kind} worker${n === 1 ? '' : 's'}` : '';
}
