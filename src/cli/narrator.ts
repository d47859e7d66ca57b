import type { Rec } from '../check/types.js';
import type { NarrationRule } from '../scenario/types.js';

function field(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function matches(rule: NarrationRule, record: Rec): boolean {
  if (record.type !== rule.on) return false;
  return Object.entries(rule.when ?? {}).every(([path, expected]) => field(record, path) === expected);
}

/**
 * A demo's narration as an event observer: the first rule that matches an event says its line;
 * a rule speaks once (after skipping `skip` matches) unless it repeats, so a story's key moment
 * is explained where it happens.
 */
export function createNarrator(rules: readonly NarrationRule[]): (record: Rec) => string | undefined {
  const spoken = new Set<NarrationRule>();
  const seen = new Map<NarrationRule, number>();
  return (record) => {
    // Every rule counts its matches, whether or not another rule speaks for this event.
    let say: NarrationRule | undefined;
    for (const rule of rules) {
      if (!matches(rule, record)) continue;
      const n = (seen.get(rule) ?? 0) + 1;
      seen.set(rule, n);
      if (say === undefined && !spoken.has(rule) && n > (rule.skip ?? 0)) say = rule;
    }
    if (say === undefined) return undefined;
    if (say.repeat !== true) spoken.add(say);
    return say.say;
  };
}
