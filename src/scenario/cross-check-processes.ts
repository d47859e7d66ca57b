import { CLIENT, COORDINATOR, FOREMAN } from '../cluster/names.js';
import type { Capability } from '../cluster/types.js';
import type { Report } from './cross-check.js';
import { quote } from './quote.js';
import { closest } from './suggest.js';
import type { Scenario } from './types.js';

/**
 * Fault actions name processes (`kill-process`, `pause-process`, a partition's `only`, the random
 * plan's `processPatterns`). A name no process of the cluster can ever have makes the action do
 * nothing, silently: a typo ("logs-*", "director" for "director-*"). The check is about the
 * cluster as a whole: a pattern that only misses on one node (a `log-*` kill on a storage node)
 * is a fault that finds nothing to hit there, which random plans do on purpose.
 */

/** The processes a cluster can run: exact names, and families named by a prefix and an id or epoch. */
interface ProcessNames {
  readonly exact: readonly string[];
  readonly prefixes: readonly string[];
}

/** How to write each family in a message and as a pattern. */
const SHAPES: Readonly<Record<string, string>> = {
  'director-e': 'director-e<epoch>',
  'sequencer-e': 'sequencer-e<epoch>.<attempt>',
  'proxy-e': 'proxy-e<epoch>.<attempt>.<n>',
  'log-': 'log-<id>',
  'storage-': 'storage-<id>',
};

function processNames(capabilities: ReadonlySet<Capability>, withClient: boolean): ProcessNames {
  // Directors and sequencers run where a coordinator leads, proxies on coordination nodes.
  const coordination = capabilities.has('coordination');
  return {
    exact: [FOREMAN, ...(coordination ? [COORDINATOR] : []), ...(withClient ? [CLIENT] : [])],
    prefixes: [
      ...(coordination ? ['director-e', 'sequencer-e', 'proxy-e'] : []),
      ...(capabilities.has('log') ? ['log-'] : []),
      ...(capabilities.has('storage') ? ['storage-'] : []),
    ],
  };
}

/** Whether some process the cluster can run matches `pattern` (a name, or a prefix ending in `*`). */
export function canMatch(pattern: string, names: ProcessNames): boolean {
  if (!pattern.endsWith('*')) return names.exact.includes(pattern) || names.prefixes.some((p) => pattern.length > p.length && pattern.startsWith(p));
  const prefix = pattern.slice(0, -1);
  return names.exact.some((e) => e.startsWith(prefix)) || names.prefixes.some((p) => p.startsWith(prefix) || prefix.startsWith(p));
}

function noSuchProcess(pattern: string, names: ProcessNames): string {
  const patterns = [...names.exact, ...names.prefixes.map((p) => `${p.replace(/-e$/, '-')}*`)];
  const near = closest(pattern, patterns);
  const shown = [...names.exact, ...names.prefixes.map((p) => SHAPES[p] ?? `${p}…`)].join(', ');
  return (
    `${quote(pattern)} matches no process this cluster can run${near !== undefined ? ` (did you mean "${near}"?)` : ''}; ` +
    `its processes are ${shown}: give one name, or a prefix ending in * such as "log-*"`
  );
}

/**
 * `brokenActions`: scripted actions that already have a problem at a field of their own; their
 * process name waits until that is fixed (the slip may be the kind or the node, not the name).
 */
export function checkProcessNames(s: Scenario, report: Report, brokenActions: ReadonlySet<number>): void {
  const capabilities = new Set<Capability>();
  // A drawn cluster may have every capability; the named one has what its nodes list.
  if (s.cluster !== undefined) for (const n of s.cluster.nodes) for (const c of n.capabilities) capabilities.add(c);
  else for (const c of ['coordination', 'log', 'storage'] as const) capabilities.add(c);
  const onNodes = processNames(capabilities, false);
  const anywhere = processNames(capabilities, true);
  const check = (pattern: string, names: ProcessNames, path: (string | number)[]): void => {
    if (!canMatch(pattern, names)) report(path, noSuchProcess(pattern, names));
  };
  s.faults?.script?.forEach((a, i) => {
    if (brokenActions.has(i)) return;
    const path = ['faults', 'script', i];
    if (a.kind === 'kill-process' || a.kind === 'pause-process') check(a.process, onNodes, [...path, 'process']);
    // A partition may cut the client off too, so its filter may name the client's process.
    if (a.kind === 'partition' && a.only !== undefined) check(a.only, anywhere, [...path, 'only']);
  });
  s.faults?.random?.processPatterns?.forEach((p, i) => check(p, onNodes, ['faults', 'random', 'processPatterns', i]));
}
