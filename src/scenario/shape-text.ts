import { shapeRanges, WAN_LATENCY_MS, type DrawnShape } from './shapes.js';
import type { Range, ShapeSpec } from './types.js';

// Drawn shapes and their ranges in words, for the run header and `explain`.

/** One line for people: what the seed drew. */
export function describeShape(s: DrawnShape): string {
  return [
    `${s.nodes} nodes`,
    `${s.roles} roles`,
    `${s.coordinators} coordinator${s.coordinators === 1 ? '' : 's'}`,
    `desired logs ${s.desiredLogs}`,
    `replication ${s.replicationFactor}`,
    `${s.shards} shard${s.shards === 1 ? '' : 's'} in ${s.logGroups} log group${s.logGroups === 1 ? '' : 's'}`,
    `${s.storageServers} storage servers`,
    `${s.ratePerSec} ops/s`,
    `read share ${s.readShare}`,
    s.duplicateRate > 0 ? `duplicates ${s.duplicateRate}` : 'no duplicates',
    s.loss ? 'loss faults allowed' : 'no loss faults',
    `${s.commitProxies} commit prox${s.commitProxies === 1 ? 'y' : 'ies'}`,
    ...(s.strictPlacement ? ['strict placement'] : []),
    ...(s.replicationChange !== null ? [`R changes to ${s.replicationChange.replicationFactor}`] : []),
    ...(s.wanLatencyMs !== null ? [`wide-area network ${s.wanLatencyMs} ms one way`] : []),
  ].join(' · ');
}

/** The ranges a shape draws from, in one line (`explain`). */
export function shapeRangesText(spec: ShapeSpec): string {
  const r = shapeRanges(spec);
  const span = ([lo, hi]: Range): string => (lo === hi ? String(lo) : `${lo}..${hi}`);
  return [
    `${span(r.nodes)} nodes`,
    `${r.coordinators.join('|')} coordinators`,
    `${r.roles.join('|')} roles`,
    `desired logs ${span(r.desiredLogs)}`,
    `replication ${span(r.replicationFactor)}`,
    `shards ${span(r.shards)}`,
    `log groups ${span(r.logGroups)}`,
    `spare storage ${span(r.spareStorage)}`,
    `${span(r.ratePerSec)} ops/s`,
    `read share ${span(r.readShare)}`,
    `duplicates ${span(r.duplicateRate)} with probability ${r.duplication}`,
    `loss faults with probability ${r.loss}`,
    `commit proxies ${span(r.commitProxies)}`,
    `strict placement with probability ${r.strictPlacement}`,
    `a replication change with probability ${r.replicationChange}`,
    `a wide-area network (${span(WAN_LATENCY_MS)} ms one way) with probability ${r.wan}`,
  ].join(', ');
}
