import { FAMILY_DRAWS, type FamilyContext, type FaultFamily } from './fault-families.js';
import type { FaultAction, FaultPlan } from './faults.js';
import type { NodeId } from './network.js';
import { Rng } from './rng.js';

export type { FaultFamily } from './fault-families.js';

/**
 * The first families, drawn from the swarm's and the plan's main streams in this order. Later
 * families draw from streams of their own, so a seed that enables none of them keeps the plan it
 * always had.
 */
const FIRST_FAMILIES: readonly FaultFamily[] = ['crash', 'kill', 'partition', 'one-way', 'clog', 'loss'];

export const FAULT_FAMILIES: readonly FaultFamily[] = [
  ...FIRST_FAMILIES,
  'lose-node',
  'pause',
  'reorder',
  'partial-heal',
  'link-clog',
  'coordinator-partition',
  'slow-disk',
  'wipe-disk',
];

/** What the generator may touch and when. */
export interface FaultSpace {
  /** Nodes that faults may hit. */
  readonly nodes: readonly NodeId[];
  /** No fault before this time (ms). */
  readonly startMs: number;
  /** Faults end here; the plan heals everything at this time (ms), except a node lost for good. */
  readonly quietAtMs: number;
  /** Families allowed (default: all). A seed enables a random non-empty subset of them. */
  readonly families?: readonly FaultFamily[];
  /** Process name patterns (`log-*`) that `kill` and `pause` may target. Without any, neither is drawn. */
  readonly processPatterns?: readonly string[];
  /** At most this many nodes down at once, a node lost for good included (default: a minority). */
  readonly maxCrashedNodes?: number;
  /** Mean gap between faults in ms (default: drawn per seed between 300 and 3000). */
  readonly meanGapMs?: number;
  /** The process name `coordinator-partition` cuts off from its peers (default "coordinator"). */
  readonly coordinatorProcess?: string;
  /** Nodes that run `coordinatorProcess` (default: every node in `nodes`). */
  readonly coordinatorNodes?: readonly NodeId[];
}

/** The swarm settings one seed drew: which families are on and how often they fire. */
export interface SwarmConfig {
  readonly families: readonly FaultFamily[];
  readonly weights: Readonly<Partial<Record<FaultFamily, number>>>;
  readonly meanGapMs: number;
  readonly maxLossRate: number;
  readonly maxClogMs: number;
  readonly maxOutageMs: number;
}

export interface GeneratedPlan {
  readonly plan: FaultPlan;
  readonly swarm: SwarmConfig;
}

const isFirst = (f: FaultFamily): boolean => FIRST_FAMILIES.includes(f);

/** Families that cannot apply to this space are never enabled (they would only dilute the others). */
function possible(f: FaultFamily, space: FaultSpace): boolean {
  if (f === 'kill' || f === 'pause') return (space.processPatterns?.length ?? 0) > 0;
  if (f === 'lose-node') return space.nodes.length >= 5;
  return true;
}

const DATA_LOSS: ReadonlySet<FaultFamily> = new Set(['lose-node', 'wipe-disk']);

/** Swarm testing: each seed switches on a random subset of families with random rates. */
export function drawSwarm(rng: Rng, space: FaultSpace): SwarmConfig {
  const allowed = (space.families ?? FAULT_FAMILIES).filter((f) => possible(f, space));
  // A later family decides on its own fork, so the first families' draws never move.
  const ownStreams = new Map(allowed.filter((f) => !isFirst(f)).map((f) => [f, rng.fork(f)] as const));
  const own = (f: FaultFamily): Rng => ownStreams.get(f) ?? rng;
  // Losing a node's data for good often leaves too little for liveness to be judged: rarer.
  let families = allowed.filter((f) => own(f).chance(DATA_LOSS.has(f) ? 0.3 : 0.6));
  if (families.length === 0 && allowed.length > 0) families = [rng.pick(allowed)];
  const weights: Partial<Record<FaultFamily, number>> = {};
  for (const f of families) weights[f] = own(f).intInclusive(1, 5);
  return {
    families,
    weights,
    meanGapMs: space.meanGapMs ?? rng.intInclusive(300, 3000),
    maxLossRate: [0.02, 0.05, 0.1, 0.25][rng.int(0, 4)] as number,
    maxClogMs: [50, 200, 1000, 3000][rng.int(0, 4)] as number,
    maxOutageMs: [500, 2000, 5000][rng.int(0, 3)] as number,
  };
}

/** Draw a plan from a seed; the same seed and space always give the same plan. */
export function generateFaultPlan(seed: number | string | Rng, space: FaultSpace): GeneratedPlan {
  const rng = seed instanceof Rng ? seed : Rng.fromSeed(seed).fork('fault-plan');
  const swarm = drawSwarm(rng.fork('swarm'), space);
  const draw = rng.fork('actions');
  // The first families draw their details from `draw`, as they always have; each later one from its own stream.
  const streams = new Map(swarm.families.map((f) => [f, isFirst(f) ? draw : rng.fork(`actions/${f}`)] as const));
  const nodes = space.nodes;
  let ids = 0;
  const ctx: FamilyContext = {
    nodes,
    startMs: space.startMs,
    quiet: space.quietAtMs,
    maxDown: space.maxCrashedNodes ?? Math.max(0, Math.floor((nodes.length - 1) / 2)),
    processPatterns: space.processPatterns ?? [],
    coordinatorProcess: space.coordinatorProcess ?? 'coordinator',
    coordinatorNodes: space.coordinatorNodes ?? nodes,
    maxLossRate: swarm.maxLossRate,
    maxClogMs: swarm.maxClogMs,
    maxOutageMs: swarm.maxOutageMs,
    outages: [],
    lost: false,
    wiped: false,
    nextId: () => `p${++ids}`,
  };
  const actions: FaultAction[] = [];
  const totalWeight = swarm.families.reduce((sum, f) => sum + (swarm.weights[f] ?? 0), 0);

  let t = space.startMs;
  while (totalWeight > 0 && nodes.length > 0) {
    t += draw.exponential(swarm.meanGapMs);
    if (t >= ctx.quiet) break;
    const at = Math.floor(t);
    let ticket = draw.int(0, totalWeight);
    let family = swarm.families[0] as FaultFamily;
    for (const f of swarm.families) {
      ticket -= swarm.weights[f] ?? 0;
      if (ticket < 0) {
        family = f;
        break;
      }
    }
    actions.push(...FAMILY_DRAWS[family](ctx, streams.get(family) ?? draw, at));
  }
  // Stable: actions at the same time keep the order they were drawn in.
  actions.sort((a, b) => a.at - b.at);
  return { plan: { actions, quietAtMs: ctx.quiet }, swarm };
}
