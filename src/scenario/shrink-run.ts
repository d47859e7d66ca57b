import type { FaultAction } from '../../sim/index.js';
import type { InvariantId } from '../check/types.js';
import type { MutationId } from '../cluster/mutations.js';
import type { RunResult } from '../runner/result.js';
import { runResolved, runScenario } from '../runner/run.js';
import type { LoadedScenario } from './load.js';
import { resolveScenario } from './resolve.js';
import { ddmin, scriptedScenario, withActions } from './shrink.js';
import type { MessageOrdering, Scenario } from './types.js';

/** The invariant a run broke first (violations are reported in event order). */
export function firstViolated(result: Pick<RunResult, 'violations'>): InvariantId | undefined {
  return [...result.violations].sort((a, b) => a.event - b.event)[0]?.invariant;
}

export interface ShrinkRequest {
  readonly loaded: LoadedScenario;
  readonly seed: number;
  /** Replaces the scenario's mutations when given. */
  readonly mutations?: readonly MutationId[];
  readonly ordering?: MessageOrdering;
  /** The name the shrunk scenario gets. */
  readonly name: string;
  /** Told of each try: how many actions it kept and whether the violation stayed. */
  readonly onTry?: (actions: number, kept: boolean) => void;
}

export type ShrinkOutcome =
  | { readonly kind: 'passes'; readonly original: RunResult }
  | { readonly kind: 'plan-does-not-reproduce'; readonly target: InvariantId; readonly scripted: RunResult }
  | {
      readonly kind: 'shrunk';
      readonly target: InvariantId;
      readonly original: RunResult;
      readonly scenario: Scenario;
      readonly before: number;
      readonly after: number;
      readonly tries: number;
    };

/**
 * A failing seed's fault plan written as a script, then cut down by ddmin to the actions that
 * still make the first violated invariant fail. Everything else (shape, timeouts, mutations) is
 * pinned, so each try differs from the last only in the actions removed.
 */
export function shrinkFailingSeed(r: ShrinkRequest): ShrinkOutcome {
  const ordering = r.ordering !== undefined ? { ordering: r.ordering } : {};
  const resolved = resolveScenario(r.loaded.scenario, r.seed, r.mutations, r.ordering);
  const original = runResolved(resolved, { seed: r.seed, source: r.loaded.source, ...(r.mutations !== undefined ? { mutations: r.mutations } : {}), ...ordering });
  const target = firstViolated(original);
  if (target === undefined) return { kind: 'passes', original };

  const description = `Shrunk from ${r.loaded.source} seed ${r.seed}${resolved.mutations.length > 0 ? ` with ${resolved.mutations.join(', ')}` : ''}: the fault actions that still make ${target} fail.`;
  const base = scriptedScenario(resolved, r.name, target, description);
  const before = base.faults?.script?.length ?? 0;
  const scripted = runScenario(base, { seed: r.seed, ...ordering });
  if (firstViolated(scripted) !== target) return { kind: 'plan-does-not-reproduce', target, scripted };

  let tries = 0;
  const keeps = (actions: readonly FaultAction[]): boolean => {
    tries++;
    const kept = runScenario(withActions(base, actions), { seed: r.seed, ...ordering }).violated.includes(target);
    r.onTry?.(actions.length, kept);
    return kept;
  };
  const minimal = ddmin(base.faults?.script ?? [], keeps);
  return { kind: 'shrunk', target, original, scenario: withActions(base, minimal), before, after: minimal.length, tries };
}
