import type { FaultAction, Link } from './faults.js';
import type { NodeId } from './network.js';
import type { Rng } from './rng.js';

/** Families of faults the generator can draw; each expands into a few timed actions. */
export type FaultFamily =
  | 'crash'
  | 'kill'
  | 'partition'
  | 'one-way'
  | 'clog'
  | 'loss'
  | 'lose-node'
  | 'pause'
  | 'reorder'
  | 'partial-heal'
  | 'link-clog'
  | 'coordinator-partition'
  | 'slow-disk'
  | 'wipe-disk';

/** A node down over [from, until); a node lost for good has `until` Infinity. */
export interface Outage {
  readonly node: NodeId;
  readonly from: number;
  readonly until: number;
}

/** What every family's draw may read, and the state the plan's families share. */
export interface FamilyContext {
  readonly nodes: readonly NodeId[];
  readonly startMs: number;
  readonly quiet: number;
  /** Most nodes down at once, lost ones included. */
  readonly maxDown: number;
  readonly processPatterns: readonly string[];
  readonly coordinatorProcess: string;
  /** Nodes running `coordinatorProcess` (the generator cannot know; the caller says). */
  readonly coordinatorNodes: readonly NodeId[];
  readonly maxLossRate: number;
  readonly maxClogMs: number;
  readonly maxOutageMs: number;
  /** Crash outages so far, in start order (a lost node's never ends). */
  readonly outages: Outage[];
  /**
   * Whether a node was already lost for good, or replaced with an empty disk. A plan loses one
   * node's data at most: two can take a majority of a small shard's logs, and then no recovery
   * can be judged for liveness.
   */
  lost: boolean;
  wiped: boolean;
  /** The next partition id of this plan (`p1`, `p2`, …). */
  nextId(): string;
}

/** Draws one occurrence of a family at `at` from `rng`; may draw nothing when it cannot apply. */
export type FamilyDraw = (ctx: FamilyContext, rng: Rng, at: number) => FaultAction[];

/** The end of a fault that started at `start`: a duration like an outage's, never past quiet. */
function endOf(ctx: FamilyContext, rng: Rng, start: number): number {
  return Math.floor(Math.min(ctx.quiet, start + rng.intInclusive(50, ctx.maxOutageMs)));
}

function downAt(ctx: FamilyContext, at: number): NodeId[] {
  return ctx.outages.filter((o) => o.from <= at && o.until > at).map((o) => o.node);
}

/** A random pair of distinct nodes, sorted so that the same pair always reads the same. */
function pickLink(rng: Rng, nodes: readonly NodeId[]): Link {
  const [a, b] = rng.shuffle(nodes).slice(0, 2).sort() as [NodeId, NodeId];
  return [a, b];
}

/**
 * One side of up to half the nodes against the rest, or (half the time) against only some of
 * the rest, who then still reach both sides.
 */
function sides(rng: Rng, nodes: readonly NodeId[]): { side: NodeId[]; rest: NodeId[] } {
  const shuffled = rng.shuffle(nodes);
  const size = rng.intInclusive(1, Math.max(1, Math.floor(nodes.length / 2)));
  const side = shuffled.slice(0, size).sort();
  let rest = shuffled.slice(size);
  if (rng.chance(0.5) && rest.length > 1) rest = rest.slice(0, rng.intInclusive(1, rest.length - 1));
  return { side, rest: rest.sort() };
}

const crash: FamilyDraw = (ctx, rng, at) => {
  const down = downAt(ctx, at);
  const up = ctx.nodes.filter((n) => !down.includes(n));
  if (down.length >= ctx.maxDown || up.length === 0) return [];
  const node = rng.pick(up);
  const until = endOf(ctx, rng, at);
  ctx.outages.push({ node, from: at, until });
  const actions: FaultAction[] = [{ at, kind: 'crash-node', node }];
  if (until < ctx.quiet) actions.push({ at: until, kind: 'restart-node', node });
  return actions;
};

const kill: FamilyDraw = (ctx, rng, at) => [{ at, kind: 'kill-process', node: rng.pick(ctx.nodes), process: rng.pick(ctx.processPatterns) }];

/** `partition` and `one-way`: one cut, then a heal of every partition at its end. */
function partitionFamily(oneWay: boolean): FamilyDraw {
  return (ctx, rng, at) => {
    if (ctx.nodes.length < 2) return [];
    const { side, rest } = sides(rng, ctx.nodes);
    const [from, to] = oneWay && rng.chance(0.5) ? [rest, side] : [side, rest];
    const actions: FaultAction[] = [{ at, kind: 'partition', from, to, ...(oneWay ? { oneWay: true } : {}) }];
    const until = endOf(ctx, rng, at);
    if (until < ctx.quiet) actions.push({ at: until, kind: 'heal' });
    return actions;
  };
}

const clog: FamilyDraw = (ctx, rng, at) => {
  const node = rng.pick(ctx.nodes);
  const actions: FaultAction[] = [{ at, kind: 'clog', node, delayMs: rng.intInclusive(10, ctx.maxClogMs) }];
  const until = endOf(ctx, rng, at);
  if (until < ctx.quiet) actions.push({ at: until, kind: 'unclog', node });
  return actions;
};

const loss: FamilyDraw = (ctx, rng, at) => {
  const rate = Math.round(rng.next() * ctx.maxLossRate * 1000) / 1000;
  const actions: FaultAction[] = [{ at, kind: 'set-loss', rate }];
  const until = endOf(ctx, rng, at);
  if (until < ctx.quiet) actions.push({ at: until, kind: 'set-loss', rate: 0 });
  return actions;
};

/**
 * A node that never comes back: only among five nodes or more, and only while
 * fewer than `maxDown` are down, since it stays down through every later crash's window.
 */
const loseNode: FamilyDraw = (ctx, rng, at) => {
  if (ctx.lost || ctx.wiped || ctx.nodes.length < 5) return [];
  const down = downAt(ctx, at);
  const up = ctx.nodes.filter((n) => !down.includes(n));
  if (down.length >= ctx.maxDown || up.length === 0) return [];
  const node = rng.pick(up);
  ctx.lost = true;
  ctx.outages.push({ node, from: at, until: Number.POSITIVE_INFINITY });
  return [{ at, kind: 'crash-node', node, permanent: true }];
};

/** A process stops running for as long as an outage lasts (ending by quiet at the latest). */
const pause: FamilyDraw = (ctx, rng, at) => {
  const node = rng.pick(ctx.nodes);
  const process = rng.pick(ctx.processPatterns);
  const durationMs = endOf(ctx, rng, at) - at;
  return durationMs > 0 ? [{ at, kind: 'pause-process', node, process, durationMs }] : [];
};

/** Mostly one link, sometimes every link, out of order until its end. */
const reorder: FamilyDraw = (ctx, rng, at) => {
  const link = ctx.nodes.length >= 2 && rng.chance(0.75) ? pickLink(rng, ctx.nodes) : undefined;
  const actions: FaultAction[] = [{ at, kind: 'reorder', ...(link !== undefined ? { link } : {}) }];
  const until = endOf(ctx, rng, at);
  if (until < ctx.quiet) actions.push({ at: until, kind: 'unreorder', ...(link !== undefined ? { link } : {}) });
  return actions;
};

/** Two or three overlapping partitions, each with an id, healed one by one at their own ends. */
const partialHeal: FamilyDraw = (ctx, rng, at) => {
  if (ctx.nodes.length < 2) return [];
  const actions: FaultAction[] = [];
  const count = rng.intInclusive(2, 3);
  for (let i = 0; i < count; i++) {
    const start = i === 0 ? at : Math.min(ctx.quiet - 1, at + rng.intInclusive(0, 500));
    const { side, rest } = sides(rng, ctx.nodes);
    const id = ctx.nextId();
    actions.push({ at: start, kind: 'partition', from: side, to: rest, id });
    const until = endOf(ctx, rng, start);
    if (until < ctx.quiet) actions.push({ at: until, kind: 'heal', id });
  }
  return actions;
};

/**
 * A long clog of one link: up to three times the swarm's clog delay, and about a third of them
 * last most of the fault window (they start near its beginning, whenever they were drawn).
 */
const linkClog: FamilyDraw = (ctx, rng, at) => {
  if (ctx.nodes.length < 2) return [];
  const link = pickLink(rng, ctx.nodes);
  const delayMs = rng.intInclusive(10, ctx.maxClogMs * 3);
  let start = at;
  let until: number;
  if (rng.chance(0.3)) {
    const window = ctx.quiet - ctx.startMs;
    start = Math.min(at, ctx.startMs + rng.int(0, Math.max(1, Math.floor(window / 4))));
    until = Math.min(ctx.quiet, start + rng.intInclusive(Math.ceil(window * 0.6), window));
  } else {
    until = endOf(ctx, rng, at);
  }
  const actions: FaultAction[] = [{ at: start, kind: 'clog', link, delayMs }];
  if (until < ctx.quiet) actions.push({ at: until, kind: 'unclog', link });
  return actions;
};

/**
 * Cuts some coordinators off from the others while every other process still talks: a leader
 * isolated from its peers but not from the services on its node.
 */
const coordinatorPartition: FamilyDraw = (ctx, rng, at) => {
  const candidates = ctx.coordinatorNodes.filter((n) => ctx.nodes.includes(n));
  if (candidates.length < 2) return [];
  const shuffled = rng.shuffle(candidates);
  const size = rng.intInclusive(1, Math.max(1, Math.floor(candidates.length / 2)));
  const from = shuffled.slice(0, size).sort();
  const to = shuffled.slice(size).sort();
  const id = ctx.nextId();
  const actions: FaultAction[] = [{ at, kind: 'partition', from, to, id, only: ctx.coordinatorProcess }];
  const until = endOf(ctx, rng, at);
  if (until < ctx.quiet) actions.push({ at: until, kind: 'heal', id });
  return actions;
};

/** A disk that takes 5 to 100 times as long to sync, for as long as an outage lasts. */
const slowDisk: FamilyDraw = (ctx, rng, at) => {
  const node = rng.pick(ctx.nodes);
  const actions: FaultAction[] = [{ at, kind: 'slow-disk', node, factor: rng.intInclusive(5, 100) }];
  const until = endOf(ctx, rng, at);
  if (until < ctx.quiet) actions.push({ at: until, kind: 'slow-disk', node, factor: 1 });
  return actions;
};

/**
 * A replaced machine: a node that runs no coordinator (a coordinator that forgets its promises
 * breaks consensus; replacing one is a reconfiguration) goes down, its disk emptied, and comes
 * back empty after an outage. Counted like a crash.
 */
const wipeDisk: FamilyDraw = (ctx, rng, at) => {
  if (ctx.wiped || ctx.lost) return [];
  const down = downAt(ctx, at);
  const candidates = ctx.nodes.filter((n) => !down.includes(n) && !ctx.coordinatorNodes.includes(n));
  if (down.length >= ctx.maxDown || candidates.length === 0) return [];
  const node = rng.pick(candidates);
  const until = endOf(ctx, rng, at);
  ctx.wiped = true;
  ctx.outages.push({ node, from: at, until });
  const actions: FaultAction[] = [{ at, kind: 'wipe-disk', node }];
  if (until < ctx.quiet) actions.push({ at: until, kind: 'restart-node', node });
  return actions;
};

export const FAMILY_DRAWS: Readonly<Record<FaultFamily, FamilyDraw>> = {
  crash,
  kill,
  partition: partitionFamily(false),
  'one-way': partitionFamily(true),
  clog,
  loss,
  'lose-node': loseNode,
  pause,
  reorder,
  'partial-heal': partialHeal,
  'link-clog': linkClog,
  'coordinator-partition': coordinatorPartition,
  'slow-disk': slowDisk,
  'wipe-disk': wipeDisk,
};
