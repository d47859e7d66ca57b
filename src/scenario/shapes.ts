import type { NodeSpec } from '../cluster/cluster.js';
import { newClusterSize } from '../cluster/decisions/layout-plan.js';
import type { Capability, NodeId } from '../cluster/types.js';
import type { Range, ShapeRole, ShapeSpec } from './types.js';

/**
 * Cluster shapes drawn from a seed: the default ranges, and the pure function that turns drawn
 * values into nodes and settings. The seeded draw (`shape-draw.ts`) and the property suite's
 * arbitraries both feed this function, so they build clusters the same way.
 */

export const SHAPE_ROLES = ['shared', 'split'] as const satisfies readonly ShapeRole[];

/** Every field of `ShapeSpec`, filled in. */
export interface ShapeRanges {
  readonly nodes: Range;
  readonly coordinators: readonly number[];
  readonly roles: readonly ShapeRole[];
  readonly desiredLogs: Range;
  readonly replicationFactor: Range;
  readonly shards: Range;
  readonly logGroups: Range;
  readonly spareStorage: Range;
  readonly ratePerSec: Range;
  readonly readShare: Range;
  readonly duplicateRate: Range;
  readonly duplication: number;
  readonly loss: number;
  readonly commitProxies: Range;
  readonly strictPlacement: number;
  readonly replicationChange: number;
  readonly wan: number;
}

/** One-way latency of a wide-area shape, and its jitter: a round trip of 200 to 320 ms. */
export const WAN_LATENCY_MS: Range = [100, 140];
const WAN_JITTER_MS = 20;

/** The network settings of a wide-area shape of one-way latency `latencyMs`. */
export function wanNetwork(latencyMs: number): { baseLatencyMs: number; jitterMs: number } {
  return { baseLatencyMs: latencyMs, jitterMs: WAN_JITTER_MS };
}

/**
 * The default election timeouts (250 to 350 ms) are shorter than a wide-area round trip plus a
 * heartbeat: candidates would duel for ever. Across data centres they grow with the latency.
 */
export function wanElectionTimeouts(latencyMs: number): { electionTimeoutMinMs: number; electionTimeoutMaxMs: number } {
  return { electionTimeoutMinMs: 250 + 2 * latencyMs, electionTimeoutMaxMs: 350 + 3 * latencyMs };
}

/** The ranges a `shape` block narrows; `shape: {}` draws from all of them. */
export const SHAPE_DEFAULTS: ShapeRanges = {
  nodes: [3, 12],
  coordinators: [1, 3, 5],
  roles: SHAPE_ROLES,
  desiredLogs: [1, 5],
  replicationFactor: [1, 3],
  shards: [1, 3],
  logGroups: [1, 3],
  spareStorage: [0, 2],
  ratePerSec: [5, 40],
  readShare: [0, 0.5],
  duplicateRate: [0.01, 0.05],
  duplication: 0.5,
  loss: 0.5,
  commitProxies: [1, 3],
  strictPlacement: 0.25,
  replicationChange: 0.25,
  wan: 0.15,
};

export function shapeRanges(spec: ShapeSpec): ShapeRanges {
  const d = SHAPE_DEFAULTS;
  return {
    nodes: spec.nodes ?? d.nodes,
    coordinators: spec.coordinators ?? d.coordinators,
    roles: spec.roles ?? d.roles,
    desiredLogs: spec.desiredLogs ?? d.desiredLogs,
    replicationFactor: spec.replicationFactor ?? d.replicationFactor,
    shards: spec.shards ?? d.shards,
    logGroups: spec.logGroups ?? d.logGroups,
    spareStorage: spec.spareStorage ?? d.spareStorage,
    ratePerSec: spec.ratePerSec ?? d.ratePerSec,
    readShare: spec.readShare ?? d.readShare,
    duplicateRate: spec.duplicateRate ?? d.duplicateRate,
    duplication: spec.duplication ?? d.duplication,
    loss: spec.loss ?? d.loss,
    commitProxies: spec.commitProxies ?? d.commitProxies,
    strictPlacement: spec.strictPlacement ?? d.strictPlacement,
    replicationChange: spec.replicationChange ?? d.replicationChange,
    wan: spec.wan ?? d.wan,
  };
}

/** Values as drawn from the ranges, before the caps that depend on the drawn roles. */
export interface ShapeDraw {
  readonly nodes: number;
  /** One of `coordinatorChoices(allowed, nodes)`. */
  readonly coordinators: number;
  readonly roles: ShapeRole;
  readonly desiredLogs: number;
  readonly replicationFactor: number;
  readonly ratePerSec: number;
  readonly readShare: number;
  readonly duplication: boolean;
  readonly duplicateRate: number;
  readonly loss: boolean;
  readonly shards: number;
  readonly logGroups: number;
  readonly spareStorage: number;
  readonly commitProxies: number;
  readonly strictPlacement: boolean;
  /** A replication change: when in the fault window (a fraction of it), and to what R; null for none. */
  readonly replicationChange: { readonly at: number; readonly replicationFactor: number } | null;
  /** One-way latency of a wide-area network, in ms; null for the default local network. */
  readonly wanLatencyMs: number | null;
}

/** The shape a seed drew, as the cluster uses it (after caps and rounding). */
export interface DrawnShape {
  readonly nodes: number;
  readonly roles: ShapeRole;
  readonly coordinators: number;
  readonly desiredLogs: number;
  readonly replicationFactor: number;
  readonly ratePerSec: number;
  readonly readShare: number;
  /** 0 when duplication is off for the seed. */
  readonly duplicateRate: number;
  /** Whether the random fault plan may use the `loss` family. */
  readonly loss: boolean;
  readonly shards: number;
  readonly logGroups: number;
  /** Storage servers teams are drawn from (R when none are spare). */
  readonly storageServers: number;
  readonly commitProxies: number;
  /** Strict placement, when drawn and the nodes allow it. */
  readonly strictPlacement: boolean;
  /** The replication factor changes to this, at `at` (a fraction of the fault window); null for none. */
  readonly replicationChange: { readonly at: number; readonly replicationFactor: number } | null;
  /**
   * One-way latency of a wide-area network, in ms; null for the default local network. A round
   * trip then outlasts the shortest timeouts a seed may draw, so such a shape keeps the default
   * timeouts (the slow network is what it explores); a timeout preset shorter than a round trip
   * (short-lock-timeout) stalls every attempt.
   */
  readonly wanLatencyMs: number | null;
}

/** A drawn cluster: the nodes and the settings the shape decides. */
export interface ShapedCluster {
  readonly shape: DrawnShape;
  readonly nodes: readonly NodeSpec[];
  readonly coordinators: readonly NodeId[];
  readonly params: {
    readonly desiredLogs: number;
    readonly replicationFactor: number;
    readonly shards: number;
    readonly logGroups: number;
    readonly storageServers: number;
    readonly desiredCommitProxies: number;
    readonly strictPlacement: boolean;
    /** On a wide-area network, election timeouts above a round trip plus a heartbeat. */
    readonly electionTimeoutMinMs?: number;
    readonly electionTimeoutMaxMs?: number;
  };
  readonly workload: { readonly ratePerSec: number; readonly readShare: number };
  readonly network: { readonly duplicateRate: number; readonly baseLatencyMs?: number; readonly jitterMs?: number };
}

/** The largest odd count that fits: an even count of coordinators survives no more failures than the odd one below it. */
export function largestOddUpTo(n: number): number {
  return Math.max(1, n % 2 === 1 ? n : n - 1);
}

/** The coordinator counts a seed may draw for `nodes` nodes: the allowed ones that fit, else the largest odd that does. */
export function coordinatorChoices(allowed: readonly number[], nodes: number): number[] {
  const fitting = allowed.filter((c) => c <= nodes);
  return fitting.length > 0 ? fitting : [largestOddUpTo(nodes)];
}

const ALL: readonly Capability[] = ['coordination', 'log', 'storage'];

/**
 * shared: every node does everything. split: n1..nc coordinate, the rest alternate log, storage,
 * log, …; coordination nodes take over logs or storage when nothing else would run them.
 */
function layout(count: number, coordinators: number, roles: ShapeRole): Capability[][] {
  if (roles === 'shared') return Array.from({ length: count }, () => [...ALL]);
  const caps = Array.from({ length: count }, (_, i): Capability[] =>
    i < coordinators ? ['coordination'] : [(i - coordinators) % 2 === 0 ? 'log' : 'storage'],
  );
  for (const needed of ['log', 'storage'] as const) {
    if (caps.some((c) => c.includes(needed))) continue;
    for (const c of caps.slice(0, coordinators)) c.push(needed);
  }
  return caps;
}

const round = (x: number, decimals: number): number => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** Turn drawn values into nodes and settings. Pure: the same draw always builds the same cluster. */
export function shapeCluster(draw: ShapeDraw): ShapedCluster {
  // A draw from coordinatorChoices always fits; this only guards hand-made draws.
  const c = draw.coordinators <= draw.nodes ? draw.coordinators : largestOddUpTo(draw.nodes);
  const caps = layout(draw.nodes, c, draw.roles);
  const nodes: NodeSpec[] = caps.map((capabilities, i) => ({ id: `n${i + 1}`, capabilities }));
  const logNodes = caps.filter((x) => x.includes('log')).length;
  const storageNodes = caps.filter((x) => x.includes('storage')).length;
  const desiredLogs = Math.min(draw.desiredLogs, logNodes);
  const replicationFactor = Math.min(draw.replicationFactor, storageNodes);
  const logGroups = Math.min(draw.logGroups, draw.shards + 1);
  const storageServers = replicationFactor + draw.spareStorage;
  const change = draw.replicationChange === null ? null : { at: draw.replicationChange.at, replicationFactor: Math.min(draw.replicationChange.replicationFactor, storageNodes) };
  // Strict placement needs a node of its own for every log and storage server a new cluster
  // creates (and for every replica a changed R asks for): drawn, it applies only where that holds.
  const needs = newClusterSize({ desiredLogs, replicationFactor: Math.max(replicationFactor, change?.replicationFactor ?? 0), shards: draw.shards, logGroups, storageServers });
  const strict = draw.strictPlacement && needs.logs <= logNodes && needs.storage <= storageNodes;
  const shape: DrawnShape = {
    nodes: draw.nodes,
    roles: draw.roles,
    coordinators: c,
    desiredLogs,
    replicationFactor,
    ratePerSec: draw.ratePerSec,
    readShare: round(draw.readShare, 2),
    // Three decimals keep the printed rate readable; the default range stays inside itself.
    duplicateRate: draw.duplication ? round(draw.duplicateRate, 3) : 0,
    loss: draw.loss,
    shards: draw.shards,
    logGroups,
    storageServers,
    commitProxies: draw.commitProxies,
    strictPlacement: strict,
    replicationChange: change !== null && change.replicationFactor !== replicationFactor ? change : null,
    wanLatencyMs: draw.wanLatencyMs,
  };
  return {
    shape,
    nodes,
    coordinators: nodes.slice(0, c).map((n) => n.id),
    params: {
      desiredLogs: shape.desiredLogs,
      replicationFactor: shape.replicationFactor,
      shards: shape.shards,
      logGroups: shape.logGroups,
      storageServers: shape.storageServers,
      desiredCommitProxies: shape.commitProxies,
      strictPlacement: shape.strictPlacement,
      ...(shape.wanLatencyMs !== null ? wanElectionTimeouts(shape.wanLatencyMs) : {}),
    },
    workload: { ratePerSec: shape.ratePerSec, readShare: shape.readShare },
    network: { duplicateRate: shape.duplicateRate, ...(shape.wanLatencyMs !== null ? wanNetwork(shape.wanLatencyMs) : {}) },
  };
}
