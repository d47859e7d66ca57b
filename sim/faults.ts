import type { NodeId } from './network.js';

/** Two nodes: the link between them (both directions). */
export type Link = readonly [NodeId, NodeId];

/**
 * A fault plan is data: timed actions that the nemesis applies. Times are in virtual
 * milliseconds so plans read naturally in scenario files.
 */
export type FaultAction =
  | {
      readonly at: number;
      readonly kind: 'crash-node';
      readonly node: NodeId;
      /** The node never comes back: the quiet time does not restart it (a later `restart-node` still does). */
      readonly permanent?: boolean;
    }
  | { readonly at: number; readonly kind: 'restart-node'; readonly node: NodeId }
  | {
      readonly at: number;
      readonly kind: 'kill-process';
      readonly node: NodeId;
      /** A process name, or a prefix ending in `*` (one matching process is chosen by the seed). */
      readonly process: string;
    }
  | {
      readonly at: number;
      readonly kind: 'pause-process';
      readonly node: NodeId;
      /** A process name, or a prefix ending in `*` (one matching process is chosen by the seed). */
      readonly process: string;
      /** How long it stops running; what reaches it meanwhile is handled when it resumes. */
      readonly durationMs: number;
    }
  | {
      readonly at: number;
      readonly kind: 'partition';
      readonly from: readonly NodeId[];
      readonly to: readonly NodeId[];
      /** Only `from → to` is cut; replies still flow the other way. */
      readonly oneWay?: boolean;
      /** A name that `heal` with the same id ends, leaving other partitions in force. */
      readonly id?: string;
      /** Cut only messages whose sender and receiver processes both match (a name, or a prefix ending in `*`). */
      readonly only?: string;
      /** Cut only messages whose receiving process matches (a name, or a prefix ending in `*`). */
      readonly onlyTo?: string;
    }
  /** Without `id`: every partition ends; with it, only the partitions of that id. */
  | { readonly at: number; readonly kind: 'heal'; readonly id?: string }
  | {
      readonly at: number;
      readonly kind: 'clog';
      readonly node?: NodeId;
      readonly link?: Link;
      readonly delayMs: number;
    }
  | { readonly at: number; readonly kind: 'unclog'; readonly node?: NodeId; readonly link?: Link }
  | { readonly at: number; readonly kind: 'set-loss'; readonly rate: number }
  /** Messages on the link (every link without one) lose their order and get an extra jitter. */
  | { readonly at: number; readonly kind: 'reorder'; readonly link?: Link }
  /** Ends `reorder` on the link; without one, every reorder ends. */
  | { readonly at: number; readonly kind: 'unreorder'; readonly link?: Link }
  /** A replaced machine: the node goes down and its disk is emptied; it comes back empty when restarted. */
  | { readonly at: number; readonly kind: 'wipe-disk'; readonly node: NodeId }
  /** Every sync on the node's disk takes `factor` times as long (1 restores it). */
  | { readonly at: number; readonly kind: 'slow-disk'; readonly node: NodeId; readonly factor: number };

export type FaultKind = FaultAction['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'crash-node',
  'restart-node',
  'kill-process',
  'pause-process',
  'partition',
  'heal',
  'clog',
  'unclog',
  'set-loss',
  'reorder',
  'unreorder',
  'wipe-disk',
  'slow-disk',
];

export interface FaultPlan {
  readonly actions: readonly FaultAction[];
  /**
   * From this time (ms) on, no fault is in force: partitions healed, clogs and reorders removed,
   * loss off, paused processes resumed, crashed nodes restarted (except those lost for good:
   * see `nodesLostAtQuiet`). Liveness is judged after it.
   */
  readonly quietAtMs: number;
}

/** Actions sorted by time; equal times keep their written order. */
export function sortedActions(plan: FaultPlan): FaultAction[] {
  return plan.actions
    .map((action, index) => ({ action, index }))
    .sort((a, b) => a.action.at - b.action.at || a.index - b.index)
    .map((x) => x.action);
}

/**
 * The nodes that stay down after the quiet time: crashed with `permanent` and not restarted by a
 * later scripted `restart-node` (explicit wins). Actions at or after `quietAtMs` never run, so
 * they do not count. Sorted, so callers can compare lists.
 */
export function nodesLostAtQuiet(plan: FaultPlan): NodeId[] {
  const lost = new Set<NodeId>();
  for (const action of sortedActions(plan)) {
    if (action.at >= plan.quietAtMs) break;
    // A temporary crash of a node already lost changes nothing: it is down and stays down.
    if (action.kind === 'crash-node' && action.permanent === true) lost.add(action.node);
    else if (action.kind === 'restart-node') lost.delete(action.node);
  }
  return [...lost].sort();
}

/**
 * The nodes whose disk a `wipe-disk` emptied before the quiet time, each with the time (ms) of
 * its last wipe: whatever they held before that is gone for good. Sorted by node.
 */
export function disksWipedBeforeQuiet(plan: FaultPlan): { readonly node: NodeId; readonly at: number }[] {
  const wiped = new Map<NodeId, number>();
  for (const action of sortedActions(plan)) {
    if (action.at >= plan.quietAtMs) break;
    if (action.kind === 'wipe-disk') wiped.set(action.node, action.at);
  }
  return [...wiped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([node, at]) => ({ node, at }));
}
