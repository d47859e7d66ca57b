import type { FaultAction, FaultPlan } from './faults.js';
import type { NodeId } from './network.js';
import { Rng } from './rng.js';

/** Families of faults the generator can draw; each expands into one or two timed actions. */
export type FaultFamily = 'crash' | 'kill' | 'partition' | 'one-way' | 'clog' | 'loss';

export const FAULT_FAMILIES: readonly FaultFamily[] = ['crash', 'kill', 'partition', 'one-way', 'clog', 'loss'];

/** What the generator may touch and when. */
export interface FaultSpace {
  /** Nodes that faults may hit. */
  readonly nodes: readonly NodeId[];
  /** No fault before this time (ms). */
  readonly startMs: number;
  /** Faults end here; the plan heals everything at this time (ms). */
  readonly quietAtMs: number;
  /** Families allowed (default: all). A seed enables a random non-empty subset of them. */
  readonly families?: readonly FaultFamily[];
  /** Process name patterns (`log-*`) that `kill` may target. Without any, `kill` is never drawn. */
  readonly processPatterns?: readonly string[];
  /** At most this many nodes down at once (default: a minority). */
  readonly maxCrashedNodes?: number;
  /** Mean gap between faults in ms (default: drawn per seed between 300 and 3000). */
  readonly meanGapMs?: number;
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

/** Swarm testing: each seed switches on a random subset of families with random rates. */
export function drawSwarm(rng: Rng, space: FaultSpace): SwarmConfig {
  const allowed = (space.families ?? FAULT_FAMILIES).filter(
    (f) => f !== 'kill' || (space.processPatterns?.length ?? 0) > 0,
  );
  let families = allowed.filter(() => rng.chance(0.6));
  if (families.length === 0 && allowed.length > 0) families = [rng.pick(allowed)];
  const weights: Partial<Record<FaultFamily, number>> = {};
  for (const f of families) weights[f] = rng.intInclusive(1, 5);
  return {
    families,
    weights,
    meanGapMs: space.meanGapMs ?? rng.intInclusive(300, 3000),
    maxLossRate: [0.02, 0.05, 0.1, 0.25][rng.int(0, 4)] as number,
    maxClogMs: [50, 200, 1000, 3000][rng.int(0, 4)] as number,
    maxOutageMs: [500, 2000, 5000][rng.int(0, 3)] as number,
  };
}

interface Outage {
  readonly node: NodeId;
  readonly from: number;
  readonly until: number;
}

/** Draw a plan from a seed; the same seed and space always give the same plan. */
export function generateFaultPlan(seed: number | string | Rng, space: FaultSpace): GeneratedPlan {
  const rng = seed instanceof Rng ? seed : Rng.fromSeed(seed).fork('fault-plan');
  const swarm = drawSwarm(rng.fork('swarm'), space);
  const draw = rng.fork('actions');
  const actions: FaultAction[] = [];
  const outages: Outage[] = [];
  const nodes = space.nodes;
  const maxDown = space.maxCrashedNodes ?? Math.max(0, Math.floor((nodes.length - 1) / 2));
  const totalWeight = swarm.families.reduce((sum, f) => sum + (swarm.weights[f] ?? 0), 0);
  const quiet = space.quietAtMs;
  const round = (t: number): number => Math.floor(t);
  const endOf = (start: number): number => round(Math.min(quiet, start + draw.intInclusive(50, swarm.maxOutageMs)));

  let t = space.startMs;
  while (totalWeight > 0 && nodes.length > 0) {
    t += draw.exponential(swarm.meanGapMs);
    if (t >= quiet) break;
    const at = round(t);
    let ticket = draw.int(0, totalWeight);
    let family = swarm.families[0] as FaultFamily;
    for (const f of swarm.families) {
      ticket -= swarm.weights[f] ?? 0;
      if (ticket < 0) {
        family = f;
        break;
      }
    }
    switch (family) {
      case 'crash': {
        const down = outages.filter((o) => o.from <= at && o.until > at).map((o) => o.node);
        const up = nodes.filter((n) => !down.includes(n));
        if (down.length >= maxDown || up.length === 0) break;
        const node = draw.pick(up);
        const until = endOf(at);
        outages.push({ node, from: at, until });
        actions.push({ at, kind: 'crash-node', node });
        if (until < quiet) actions.push({ at: until, kind: 'restart-node', node });
        break;
      }
      case 'kill': {
        const patterns = space.processPatterns ?? [];
        actions.push({ at, kind: 'kill-process', node: draw.pick(nodes), process: draw.pick(patterns) });
        break;
      }
      case 'partition':
      case 'one-way': {
        if (nodes.length < 2) break;
        const shuffled = draw.shuffle(nodes);
        const size = draw.intInclusive(1, Math.max(1, Math.floor(nodes.length / 2)));
        const side = shuffled.slice(0, size).sort();
        let rest = shuffled.slice(size);
        // Half the time a partial partition: the side loses only some of the others (the rest still reach both).
        if (draw.chance(0.5) && rest.length > 1) rest = rest.slice(0, draw.intInclusive(1, rest.length - 1));
        rest = rest.sort();
        const oneWay = family === 'one-way';
        const [from, to] = oneWay && draw.chance(0.5) ? [rest, side] : [side, rest];
        actions.push({ at, kind: 'partition', from, to, ...(oneWay ? { oneWay: true } : {}) });
        const until = endOf(at);
        if (until < quiet) actions.push({ at: until, kind: 'heal' });
        break;
      }
      case 'clog': {
        const node = draw.pick(nodes);
        actions.push({ at, kind: 'clog', node, delayMs: draw.intInclusive(10, swarm.maxClogMs) });
        const until = endOf(at);
        if (until < quiet) actions.push({ at: until, kind: 'unclog', node });
        break;
      }
      case 'loss': {
        const rate = Math.round(draw.next() * swarm.maxLossRate * 1000) / 1000;
        actions.push({ at, kind: 'set-loss', rate });
        const until = endOf(at);
        if (until < quiet) actions.push({ at: until, kind: 'set-loss', rate: 0 });
        break;
      }
    }
  }
  actions.sort((a, b) => a.at - b.at);
  return { plan: { actions, quietAtMs: quiet }, swarm };
}
