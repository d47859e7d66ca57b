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
  id: z.string().regex(/^[A-Za-z0-9._+-]+$/, 'letters, digits and . _ + - only'),
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

/** `random-faults-seed17-no-fencing`: what ran, readable in a directory listing. */
export function entryId(o: { scenario: string; seed: number; mutations: readonly string[]; ordering?: MessageOrdering }): string {
  const safe = o.scenario.replace(/[^A-Za-z0-9._-]+/g, '_');
  return [`${safe}-seed${o.seed}`, ...(o.mutations.length > 0 ? [o.mutations.join('+')] : []), ...(o.ordering !== undefined ? [o.ordering] : [])].join('-');
}
