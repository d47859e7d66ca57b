import type { NodeId } from './network.js';

/**
 * A fault plan is data: timed actions that the nemesis applies. Times are in virtual
 * milliseconds so plans read naturally in scenario files.
 */
export type FaultAction =
  | { readonly at: number; readonly kind: 'crash-node'; readonly node: NodeId }
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
      readonly kind: 'partition';
      readonly from: readonly NodeId[];
      readonly to: readonly NodeId[];
      /** Only `from → to` is cut; replies still flow the other way. */
      readonly oneWay?: boolean;
    }
  | { readonly at: number; readonly kind: 'heal' }
  | {
      readonly at: number;
      readonly kind: 'clog';
      readonly node?: NodeId;
      readonly link?: readonly [NodeId, NodeId];
      readonly delayMs: number;
    }
  | { readonly at: number; readonly kind: 'unclog'; readonly node?: NodeId; readonly link?: readonly [NodeId, NodeId] }
  | { readonly at: number; readonly kind: 'set-loss'; readonly rate: number };

export type FaultKind = FaultAction['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'crash-node',
  'restart-node',
  'kill-process',
  'partition',
  'heal',
  'clog',
  'unclog',
  'set-loss',
];

export interface FaultPlan {
  readonly actions: readonly FaultAction[];
  /**
   * From this time (ms) on, no fault is in force: partitions healed, clogs removed, loss off,
   * crashed nodes restarted. Liveness is judged after it.
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

/** One line for timelines: `partition n1,n2 -/-> n3`. */
export function describeFault(action: FaultAction): string {
  switch (action.kind) {
    case 'crash-node':
      return `crash node ${action.node}`;
    case 'restart-node':
      return `restart node ${action.node}`;
    case 'kill-process':
      return `kill process ${action.process} on ${action.node}`;
    case 'partition':
      return `partition ${action.from.join(',')} ${action.oneWay === true ? '-/->' : '<-/->'} ${action.to.join(',')}`;
    case 'heal':
      return 'heal all partitions';
    case 'clog':
      return `clog ${action.node ?? action.link?.join('<->') ?? 'network'} +${action.delayMs}ms`;
    case 'unclog':
      return `unclog ${action.node ?? action.link?.join('<->') ?? 'all'}`;
    case 'set-loss':
      return `message loss ${(action.rate * 100).toFixed(1)}%`;
  }
}
