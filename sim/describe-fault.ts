import type { FaultAction, Link } from './faults.js';

const linkText = (link: Link): string => link.join('<->');

/** One line for timelines: `partition n1,n2 -/-> n3`. */
export function describeFault(action: FaultAction): string {
  switch (action.kind) {
    case 'crash-node':
      return action.permanent === true ? `crash node ${action.node} for good (it never restarts)` : `crash node ${action.node}`;
    case 'restart-node':
      return `restart node ${action.node}`;
    case 'kill-process':
      return `kill process ${action.process} on ${action.node}`;
    case 'pause-process':
      return `pause process ${action.process} on ${action.node} for ${action.durationMs}ms`;
    case 'partition': {
      const name = action.id !== undefined ? ` ${action.id}` : '';
      const only =
        action.only !== undefined ? ` (only ${action.only} to ${action.only})` : action.onlyTo !== undefined ? ` (only to ${action.onlyTo})` : '';
      return `partition${name} ${action.from.join(',')} ${action.oneWay === true ? '-/->' : '<-/->'} ${action.to.join(',')}${only}`;
    }
    case 'heal':
      return action.id !== undefined ? `heal partition ${action.id}` : 'heal all partitions';
    case 'clog':
      return `clog ${action.node ?? (action.link !== undefined ? linkText(action.link) : 'network')} +${action.delayMs}ms`;
    case 'unclog':
      return `unclog ${action.node ?? (action.link !== undefined ? linkText(action.link) : 'all')}`;
    case 'set-loss':
      return `message loss ${(action.rate * 100).toFixed(1)}%`;
    case 'reorder':
      return `reorder messages on ${action.link !== undefined ? linkText(action.link) : 'every link'}`;
    case 'unreorder':
      return action.link !== undefined ? `keep order again on ${linkText(action.link)}` : 'keep order again on every link';
    case 'wipe-disk':
      return `replace node ${action.node}: down, and its disk emptied`;
    case 'slow-disk':
      return action.factor === 1 ? `disk of ${action.node} at full speed again` : `disk of ${action.node} ${action.factor}× slower`;
  }
}
