import { z } from 'zod';
import { isMutationId, type MutationId } from '../cluster/mutations.js';
import { isInvariantId, type InvariantId } from '../check/types.js';
import type { MessageOrdering, Scenario } from '../scenario/types.js';

/**
 * One failing run kept for good: the scenario as it was (so a later change to a bundled scenario
 * does not silently change what the entry tests), the seed and switches that made it fail, what
 * it must do from now on, and, where it could be shrunk, the few fault actions that suffice.
 */
export interface CorpusEntry {
  /** The file's name without `.json`. */
  readonly id: string;
  /** How the scenario was named when the failure was found (a bundled name or a path). */
  readonly source: string;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly mutations: readonly MutationId[];
  readonly ordering?: MessageOrdering;
  /**
   * What the run must do: the scenario's own expectation when it has one; else, with no mutation,
   * the failure was a protocol bug and once fixed the run must pass; with a mutation, the bug is
   * deliberate and the run must still be caught by the invariant that caught it.
   */
  readonly expect: { readonly verdict: 'pass' } | { readonly verdict: 'violation'; readonly invariant?: InvariantId };
  /** What the run did when it was found. */
  readonly found: { readonly by: string; readonly verdict: 'pass' | 'violation'; readonly violated: readonly InvariantId[]; readonly traceHash: string };
  /** The fault plan cut down to what the violation needs (a scripted scenario), when it could be. */
  readonly shrunk?: Scenario;
  readonly replay: string;
}

const invariantId = z.string().refine(isInvariantId, 'an unknown invariant id (see `recovery-sim list invariants`)');

/** The entry's own fields; the scenarios inside are checked by the scenario schema afterwards. */
export const corpusEntrySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only (it names the shrunk scenario too)'),
  source: z.string(),
  scenario: z.record(z.string(), z.unknown()),
  seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  mutations: z.array(z.string().refine(isMutationId, 'an unknown mutation id (see `recovery-sim list mutations`)')),
  ordering: z.enum(['random', 'pct']).optional(),
  expect: z.discriminatedUnion('verdict', [z.strictObject({ verdict: z.literal('pass') }), z.strictObject({ verdict: z.literal('violation'), invariant: invariantId.optional() })]),
  found: z.strictObject({ by: z.string(), verdict: z.enum(['pass', 'violation']), violated: z.array(invariantId), traceHash: z.string() }),
  shrunk: z.record(z.string(), z.unknown()).optional(),
  replay: z.string(),
});

/**
 * `random-faults-seed17-no-fencing`, `stale-unlock-seed1-a.b` for two switches: what ran, readable
 * in a directory listing, and a valid scenario name (the shrunk scenario is named after it).
 */
export function entryId(o: { scenario: string; seed: number; mutations: readonly string[]; ordering?: MessageOrdering }): string {
  const safe = o.scenario.replace(/[^A-Za-z0-9._-]+/g, '_');
  const full = [`${safe}-seed${o.seed}`, ...(o.mutations.length > 0 ? [o.mutations.join('.')] : []), ...(o.ordering !== undefined ? [o.ordering] : [])].join('-');
  // Scenario names stop at 100 characters and the shrunk one adds "-shrunk": a long id is cut
  // and told apart from others cut alike by a hash of the whole.
  return full.length <= MAX_ID ? full : `${full.slice(0, MAX_ID - 9)}-${fnv1a(full)}`;
}

const MAX_ID = 90;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
