import fc from 'fast-check';
import type { FaultAction } from '../../sim/index.js';
import { COORDINATOR } from '../../src/cluster/names.js';
import { DEFAULT_PROCESS_PATTERNS } from '../../src/scenario/resolve.js';
import { coordinatorChoices, SHAPE_DEFAULTS, shapeCluster, WAN_LATENCY_MS, type ShapeDraw, type ShapedCluster } from '../../src/scenario/shapes.js';
import type { Range, Scenario } from '../../src/scenario/types.js';

/** How long faults last in generated scenarios (ms); liveness is judged `livenessBoundMs` after. */
export const FAULT_WINDOW_MS = 12_000;
const START_MS = 1_500;

const d = SHAPE_DEFAULTS;
const intIn = ([min, max]: Range): fc.Arbitrary<number> => fc.integer({ min, max });
const realIn = ([min, max]: Range): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
const flag = (p: number): fc.Arbitrary<boolean> => (p <= 0 ? fc.constant(false) : p >= 1 ? fc.constant(true) : fc.boolean());

/**
 * The values a `shape: {}` scenario draws from its seed, over the same ranges (SHAPE_DEFAULTS);
 * only the coordinator count depends on another draw, the node count, as in the seeded draw.
 */
export const shapeDraw: fc.Arbitrary<ShapeDraw> = intIn(d.nodes).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    coordinators: fc.constantFrom(...coordinatorChoices(d.coordinators, nodes)),
    roles: fc.constantFrom(...d.roles),
    desiredLogs: intIn(d.desiredLogs),
    replicationFactor: intIn(d.replicationFactor),
    ratePerSec: intIn(d.ratePerSec),
    readShare: realIn(d.readShare),
    duplication: flag(d.duplication),
    duplicateRate: realIn(d.duplicateRate),
    loss: flag(d.loss),
    shards: intIn(d.shards),
    logGroups: intIn(d.logGroups),
    spareStorage: intIn(d.spareStorage),
    commitProxies: intIn(d.commitProxies),
    strictPlacement: flag(d.strictPlacement),
    replicationChange: fc.option(fc.record({ at: fc.double({ min: 0, max: 0.999, noNaN: true }), replicationFactor: intIn(d.replicationFactor) }), { nil: null }),
    wanLatencyMs: fc.option(intIn(WAN_LATENCY_MS), { nil: null, freq: 6 }),
  }),
);

/** A cluster shape built from the drawn values by the simulator's own function. */
export const clusterShape: fc.Arbitrary<ShapedCluster> = shapeDraw.map(shapeCluster);

const at = fc.integer({ min: START_MS, max: FAULT_WINDOW_MS - 1 });

/** Two different nodes of `n1..n{count}`, sorted: a link. */
function linkOf(count: number): fc.Arbitrary<readonly [string, string]> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: count }), { minLength: 2, maxLength: 2 })
    .map(([a, b]) => [`n${Math.min(a as number, b as number)}`, `n${Math.max(a as number, b as number)}`] as const);
}

/**
 * One timed fault over nodes `n1..n{count}`, of any kind: crashes (for good too, among five nodes
 * or more, as the generator does), kills, pauses, partitions (also cutting only coordinators),
 * heals, node and link clogs, reorders, slow disks and (on `wipeable` nodes) wiped disks; without
 * `loss`, never a change of the loss rate (as a shape with loss off). Partitions with ids come with their heal in `faultPlan`.
 */
export function faultAction(count: number, loss = true, wipeable: readonly string[] = []): fc.Arbitrary<FaultAction> {
  const node = fc.integer({ min: 1, max: count }).map((i) => `n${i}`);
  const nodeSet = fc.uniqueArray(node, { minLength: 1, maxLength: Math.max(1, count - 1) });
  const process = fc.constantFrom(...DEFAULT_PROCESS_PATTERNS);
  const setLoss = fc.record({ at, kind: fc.constant('set-loss' as const), rate: fc.constantFrom(0, 0.01, 0.05, 0.15) });
  const partition = fc
    .tuple(at, nodeSet, nodeSet, fc.boolean(), fc.boolean())
    .filter(([, from, to]) => to.some((x) => !from.includes(x)))
    .map(([t, from, to, oneWay, coordinatorsOnly]): FaultAction => ({
      at: t,
      kind: 'partition',
      from,
      to: to.filter((x) => !from.includes(x)),
      ...(oneWay ? { oneWay: true } : {}),
      ...(coordinatorsOnly ? { only: COORDINATOR } : {}),
    }));
  const links =
    count < 2
      ? []
      : [
          fc.record({ at, kind: fc.constant('clog' as const), link: linkOf(count), delayMs: fc.integer({ min: 10, max: 9_000 }) }),
          fc.record({ at, kind: fc.constant('unclog' as const), link: linkOf(count) }),
          fc.tuple(at, fc.option(linkOf(count), { nil: undefined })).map(([t, link]): FaultAction => ({ at: t, kind: 'reorder', ...(link !== undefined ? { link } : {}) })),
          fc.tuple(at, fc.option(linkOf(count), { nil: undefined })).map(([t, link]): FaultAction => ({ at: t, kind: 'unreorder', ...(link !== undefined ? { link } : {}) })),
        ];
  return fc.oneof(
    fc.record({ at, kind: fc.constant('crash-node' as const), node }),
    ...(count >= 5 ? [fc.record({ at, kind: fc.constant('crash-node' as const), node, permanent: fc.constant(true) })] : []),
    fc.record({ at, kind: fc.constant('restart-node' as const), node }),
    fc.record({ at, kind: fc.constant('kill-process' as const), node, process }),
    fc.record({ at, kind: fc.constant('pause-process' as const), node, process, durationMs: fc.integer({ min: 50, max: 5_000 }) }),
    partition,
    fc.record({ at, kind: fc.constant('heal' as const) }),
    fc.record({ at, kind: fc.constant('clog' as const), node, delayMs: fc.integer({ min: 10, max: 2_000 }) }),
    fc.record({ at, kind: fc.constant('unclog' as const), node }),
    ...links,
    ...(loss ? [setLoss] : []),
    fc.record({ at, kind: fc.constant('slow-disk' as const), node, factor: fc.constantFrom(1, 5, 20, 100) }),
    // A replaced machine never runs a coordinator (as in the generator): that would be a reconfiguration.
    ...(wipeable.length > 0 ? [fc.record({ at, kind: fc.constant('wipe-disk' as const), node: fc.constantFrom(...wipeable) })] : []),
  );
}

/** A partition that a heal of its id ends later, leaving other partitions in force; given its id. */
function namedPartition(count: number): fc.Arbitrary<(id: string) => FaultAction[]> {
  return fc
    .tuple(faultAction(count, false).filter((a) => a.kind === 'partition' && a.at < FAULT_WINDOW_MS - 1), fc.integer({ min: 1, max: 6_000 }))
    .map(([partition, lasts]) => (id: string): FaultAction[] => [
      { ...partition, id } as FaultAction,
      { at: Math.min(FAULT_WINDOW_MS - 1, partition.at + lasts), kind: 'heal', id },
    ]);
}

/**
 * Keep the first loss of a node's data (a permanent crash or a wiped disk, in time order); later
 * ones become ordinary crashes: one node's data lost per plan at most, as in the generator.
 */
function oneDataLoss(actions: readonly FaultAction[]): FaultAction[] {
  let lost = false;
  return actions.map((a) => {
    const losesData = (a.kind === 'crash-node' && a.permanent === true) || a.kind === 'wipe-disk';
    if (!losesData) return a;
    if (!lost) {
      lost = true;
      return a;
    }
    return { at: a.at, kind: 'crash-node', node: a.node };
  });
}

/**
 * A fault plan: up to 12 faults, sorted by time. A partition with an id and its heal are one
 * fault, so fast-check shrinks them away together and no heal is left naming nothing.
 */
export function faultPlan(count: number, loss = true, wipeable: readonly string[] = []): fc.Arbitrary<FaultAction[]> {
  const unit = fc.oneof(
    { arbitrary: faultAction(count, loss, wipeable).map((a) => (): FaultAction[] => [a]), weight: 5 },
    { arbitrary: namedPartition(count), weight: 1 },
  );
  return fc
    .array(unit, { maxLength: 12 })
    .map((units) => oneDataLoss(units.flatMap((u, k) => u(`p${k + 1}`)).sort((a, b) => a.at - b.at)));
}

/** A whole experiment: a drawn cluster shape, a fault plan over its nodes, aimed triggers and timeouts, and a seed. */
export const experiment = clusterShape.chain((cluster) =>
  fc.record({
    cluster: fc.constant(cluster),
    faults: faultPlan(
      cluster.nodes.length,
      cluster.shape.loss,
      cluster.nodes.map((n) => n.id).filter((id) => !cluster.coordinators.includes(id)),
    ),
    // Faults aimed at protocol moments and seeded timeouts, drawn per run like the rest.
    aimed: fc.constantFrom('off' as const, 'swarm' as const, 'all' as const),
    timeouts: fc.constantFrom('fixed' as const, 'seeded' as const),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  }),
);

export type Experiment = typeof experiment extends fc.Arbitrary<infer T> ? T : never;

/**
 * The experiment as a scenario file: the drawn cluster written out by name with the settings it
 * decided, so a saved failure replays the same cluster whatever seed it is run with.
 */
export function toScenario(e: Experiment, name = 'property'): Scenario {
  const c = e.cluster;
  return {
    name,
    description: 'Generated by the property suite (cluster shape, parameters and fault plan drawn by fast-check).',
    cluster: { nodes: c.nodes.map((n) => ({ ...n, capabilities: [...n.capabilities] })), coordinators: [...c.coordinators] },
    params: { ...c.params },
    workload: { ...c.workload },
    network: { ...c.network },
    ...(c.shape.replicationChange !== null
      ? { reconfigure: [{ atMs: Math.round(START_MS + c.shape.replicationChange.at * (FAULT_WINDOW_MS - START_MS)), replicationFactor: c.shape.replicationChange.replicationFactor }] }
      : {}),
    // On a wide-area network the default timeouts stand, as in a drawn shape (resolve.ts).
    faults: { script: e.faults, quietAtMs: FAULT_WINDOW_MS, aimed: e.aimed, timeouts: c.shape.wanLatencyMs !== null ? 'fixed' : e.timeouts },
    expect: { verdict: 'pass' },
  };
}
