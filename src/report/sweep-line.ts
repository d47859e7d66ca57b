import { z } from 'zod';
import { isMutationId, type MutationId } from '../cluster/mutations.js';
import { isInvariantId, type InvariantId } from '../check/types.js';
import type { RunResult } from '../runner/result.js';
import type { MessageOrdering } from '../scenario/types.js';

/**
 * One line of `sweep --json`: a run's result plus what identifies the sweep it belongs to. The
 * line holds nothing that depends on the machine, the jobs or the shard, so the lines of a sweep
 * are the same bytes wherever and however it ran; the run's wall time, the one thing that is
 * not, sits in a separate `timings` field that `--no-timings` leaves out.
 */
export interface SweepIdentity {
  /** The whole range the sweep was asked for (the same on every shard of it), `A..B`. */
  readonly seeds: string;
  /** The message ordering given on the command line, when it replaced the scenario's. */
  readonly ordering?: MessageOrdering;
}

export interface SweepLineOptions {
  readonly identity: SweepIdentity;
  readonly timings: boolean;
}

export function sweepLine(result: RunResult, o: SweepLineOptions): string {
  const { wallMs, ...deterministic } = result;
  return JSON.stringify({ ...deterministic, sweep: o.identity, ...(o.timings ? { timings: { wallMs } } : {}) });
}

/** What a merge reads back from a line: the run as a sweep tallies it, and its sweep. */
export interface ParsedLine {
  readonly result: RunResult;
  readonly identity: SweepIdentity;
  /** Whether the line carried its wall time. */
  readonly timed: boolean;
}

const identitySchema = z.object({ seeds: z.string().regex(/^\d+\.\.\d+$/), ordering: z.enum(['random', 'pct']).optional() });

/** Only the fields a tally reads are checked; the rest pass through untouched. */
const lineSchema = z
  .object({
    scenario: z.string(),
    seed: z.number().int().nonnegative(),
    mutations: z.array(z.string().refine(isMutationId, 'an unknown mutation id')),
    verdict: z.enum(['pass', 'violation']),
    expectationMet: z.boolean(),
    expectation: z.string().nullable(),
    events: z.number().int().nonnegative(),
    violated: z.array(z.string().refine(isInvariantId, 'an unknown invariant id')),
    livenessJudged: z.boolean(),
    livenessSkipped: z.string().nullable(),
    published: z.array(z.object({ placement: z.object({ shared: z.array(z.unknown()) }).loose() }).loose()),
    probes: z.record(z.string(), z.number()),
    mutationPoints: z.record(z.string(), z.number()),
    replay: z.string(),
    sweep: identitySchema,
    timings: z.object({ wallMs: z.number().nonnegative() }).optional(),
  })
  .loose();

/** Why a line cannot be read, in words a person can act on. */
export class LineError extends Error {}

export function parseSweepLine(text: string): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new LineError(text.length === 0 ? 'an empty line' : `not JSON (${text.length > 60 ? `${text.slice(0, 60)}…` : text}); a line cut off mid-write means the sweep that wrote it was stopped`);
  }
  const parsed = lineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    const missingSweep = issue?.path[0] === 'sweep' && issue.code === 'invalid_type';
    throw new LineError(
      missingSweep
        ? 'a line without "sweep": it was not written by `recovery-sim sweep --json` (a `run --json` result, or a sweep from an older version)'
        : `field "${where}": ${issue?.message ?? 'invalid'}`,
    );
  }
  const { sweep, timings, ...rest } = parsed.data;
  const result = { ...rest, mutations: rest.mutations as MutationId[], violated: rest.violated as InvariantId[], wallMs: timings?.wallMs ?? 0 } as unknown as RunResult;
  return { result, identity: { seeds: sweep.seeds, ...(sweep.ordering !== undefined ? { ordering: sweep.ordering } : {}) }, timed: timings !== undefined };
}

/** The range `A..B` of an identity as numbers. */
export function identityRange(identity: SweepIdentity): { first: number; last: number } {
  const [first, last] = identity.seeds.split('..').map(Number) as [number, number];
  return { first, last };
}
