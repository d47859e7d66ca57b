import type { Rng } from '../../sim/index.js';
import { coordinatorChoices, SHAPE_DEFAULTS, shapeCluster, shapeRanges, WAN_LATENCY_MS, type ShapedCluster } from './shapes.js';
import type { Range, ShapeSpec } from './types.js';

/**
 * Draw a cluster shape from a seeded stream. Every value takes exactly one number from the
 * stream, in a fixed order, whether or not it ends up used (a duplicate rate with duplication
 * off), so narrowing one range never shifts the draws of the others.
 */
export function drawShape(rng: Rng, spec: ShapeSpec): ShapedCluster {
  const r = shapeRanges(spec);
  const int = ([lo, hi]: Range): number => rng.intInclusive(lo, hi);
  const real = ([lo, hi]: Range): number => lo + rng.next() * (hi - lo);
  // Always one number per flag (Rng.chance draws none for 0 or 1).
  const flag = (p: number): boolean => rng.next() < p;
  const nodes = int(r.nodes);
  const roles = rng.pick(r.roles);
  const coordinators = rng.pick(coordinatorChoices(r.coordinators, nodes));
  const desiredLogs = int(r.desiredLogs);
  const replicationFactor = int(r.replicationFactor);
  const ratePerSec = int(r.ratePerSec);
  const readShare = real(r.readShare);
  const duplication = flag(r.duplication);
  const duplicateRate = real(r.duplicateRate);
  const loss = flag(r.loss);
  // Drawn last, so shapes drawn before shards existed keep their other values.
  const shards = int(r.shards);
  const logGroups = int(r.logGroups);
  const spareStorage = int(r.spareStorage);
  // Drawn after the data plane, for the same reason.
  const commitProxies = int(r.commitProxies);
  const strictPlacement = flag(r.strictPlacement);
  const changes = flag(r.replicationChange);
  const changeAt = rng.next();
  const changeTo = int(SHAPE_DEFAULTS.replicationFactor);
  const replicationChange = changes ? { at: changeAt, replicationFactor: changeTo } : null;
  // Drawn last: the network.
  const wan = flag(r.wan);
  const latency = int(WAN_LATENCY_MS);
  return shapeCluster({
    nodes, coordinators, roles, desiredLogs, replicationFactor, ratePerSec, readShare, duplication, duplicateRate, loss, shards, logGroups, spareStorage,
    commitProxies, strictPlacement, replicationChange, wanLatencyMs: wan ? latency : null,
  });
}
