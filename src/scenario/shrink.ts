import type { FaultAction } from '../../sim/index.js';
import type { InvariantId } from '../check/types.js';
import { pinnedShape } from './pin-shape.js';
import type { ResolvedScenario } from './resolve.js';
import type { Scenario } from './types.js';

/**
 * Delta debugging (Zeller's ddmin): the smallest list `keeps` still accepts that this search
 * finds. It tries removing chunks (halves, quarters, …) and then single items, and repeats single
 * removals until none can go. `keeps` must be deterministic; it is never asked about `items`.
 */
export function ddmin<T>(items: readonly T[], keeps: (candidate: readonly T[]) => boolean): T[] {
  let current = [...items];
  if (current.length > 0 && keeps([])) return [];
  let chunks = 2;
  while (current.length >= 2) {
    const size = Math.ceil(current.length / chunks);
    let reduced = false;
    for (let start = 0; start < current.length; start += size) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)];
      if (keeps(candidate)) {
        current = candidate;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (reduced) continue;
    if (size <= 1) break;
    chunks = Math.min(current.length, chunks * 2);
  }
  // One at a time until a whole pass removes nothing (1-minimal).
  for (let changed = true; changed && current.length > 0; ) {
    changed = false;
    for (let i = 0; i < current.length; i++) {
      const candidate = [...current.slice(0, i), ...current.slice(i + 1)];
      if (keeps(candidate)) {
        current = candidate;
        changed = true;
        i--;
      }
    }
  }
  return current;
}

/**
 * The same experiment with the seed's drawn fault plan written out as a script: the random
 * generator is dropped, a drawn cluster shape, quiet time, duration and mutations are pinned, so
 * removing actions is the only thing that changes between shrinking steps.
 */
export function scriptedScenario(resolved: ResolvedScenario, name: string, invariant: InvariantId, description: string): Scenario {
  const { demo: _demo, watch: _watch, expect: _expect, faults: _faults, ...rest } = pinnedShape(resolved);
  const script: FaultAction[] = resolved.plan.actions.filter((a) => a.at < resolved.quietAtMs);
  return {
    ...rest,
    name,
    description,
    // The seed's aimed triggers and drawn timeouts, written out: the same seed fires them alike.
    ...(Object.keys(resolved.timeouts).length > 0 ? { params: { ...rest.params, ...resolved.timeouts } } : {}),
    faults: { script, quietAtMs: resolved.quietAtMs, aimed: resolved.aimed ?? 'off', timeouts: 'fixed' },
    durationMs: resolved.durationMs,
    mutations: [...resolved.mutations],
    expect: { verdict: 'violation', invariant },
  };
}

/**
 * The scenario with `script` as its fault actions. Removing a partition can leave a `heal` of
 * its id behind, which would heal nothing and make the file invalid (cross-check), so such heals
 * go with it; every other action stands on its own.
 */
export function withActions(scenario: Scenario, script: readonly FaultAction[]): Scenario {
  return { ...scenario, faults: { ...scenario.faults, script: withoutOrphanHeals(script) } };
}

/** `script` without the heals whose id no partition in it has. */
export function withoutOrphanHeals(script: readonly FaultAction[]): FaultAction[] {
  const ids = new Set(script.flatMap((a) => (a.kind === 'partition' && a.id !== undefined ? [a.id] : [])));
  return script.filter((a) => a.kind !== 'heal' || a.id === undefined || ids.has(a.id));
}
