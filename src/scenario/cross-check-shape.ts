import { COORDINATOR_COUNT, NODE_COUNT, within } from './bounds.js';
import type { Report } from './cross-check.js';
import { coordinatorChoices, shapeRanges } from './shapes.js';
import type { ShapeSpec } from './types.js';

const RANGES = ['nodes', 'desiredLogs', 'replicationFactor', 'shards', 'logGroups', 'spareStorage', 'ratePerSec', 'readShare', 'duplicateRate', 'commitProxies'] as const;

/** Checks within `shape`: ranges run upwards, coordinator counts are odd. Field types are already checked. */
export function checkShape(shape: ShapeSpec, report: Report): void {
  for (const field of RANGES) {
    const r = shape[field];
    if (r !== undefined && r[0] > r[1]) {
      report(['shape', field], `min ${r[0]} is above max ${r[1]}; a range is [min, max] with min <= max, e.g. [${r[1]}, ${r[0]}]`);
    }
  }
  shape.coordinators?.forEach((c, i) => {
    if (c % 2 === 0) report(['shape', 'coordinators', i], `${c} is even; give odd counts (${c} coordinators survive no more failures than ${c - 1})`);
  });
}

/**
 * What every cluster drawn from `shape` has, so scripted faults and elections can name it:
 * nodes n1..n{min nodes}, and coordinators on n1..n{the fewest any seed may draw}. Undefined
 * while a count is out of its range (reported at its field): there is nothing sure to name then.
 */
export function shapeGuarantees(shape: ShapeSpec): { nodes: string[]; coordinators: string[] } | undefined {
  const r = shapeRanges(shape);
  if (!r.nodes.every((n) => within(n, NODE_COUNT)) || !r.coordinators.every((c) => within(c, COORDINATOR_COUNT))) return undefined;
  const fewestNodes = Math.min(...r.nodes);
  // Fewer nodes never allow more coordinators, so the fewest nodes give the fewest coordinators.
  const fewestCoordinators = Math.min(...coordinatorChoices(r.coordinators, fewestNodes));
  const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `n${i + 1}`);
  return { nodes: ids(fewestNodes), coordinators: ids(fewestCoordinators) };
}
