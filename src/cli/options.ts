import { isMutationId, MUTATION_IDS, type MutationId } from '../cluster/mutations.js';
import { closest } from '../scenario/suggest.js';
import type { MessageOrdering } from '../scenario/types.js';
import { UsageError } from './errors.js';

/**
 * Flag parsing and validation shared by the commands. commander hands options over as strings;
 * every check here fails with a UsageError that names the flag, what it got and an example.
 */

const MAX_SEED = Number.MAX_SAFE_INTEGER;

function integer(value: string): number | undefined {
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

export function parseSeed(value: string | undefined, flag = '--seed', fallback = 1): number {
  if (value === undefined) return fallback;
  const n = integer(value);
  if (n === undefined || n > MAX_SEED) throw new UsageError(`${flag} must be a non-negative integer (at most ${MAX_SEED}), got "${value}". Example: ${flag} 42.`);
  return n;
}

export interface SeedRange {
  readonly first: number;
  readonly last: number;
}

/**
 * `A..B` (both included) or a single seed `A`. With `openEnd` (a time-budgeted sweep), `A..`
 * runs from A for as long as the budget lasts, and no `--seeds` at all means `1..`.
 */
export function parseSeedRange(value: string | undefined, openEnd = false): SeedRange {
  const example = 'Example: --seeds 1..100 (both ends included).';
  if (value === undefined) {
    if (openEnd) return { first: 1, last: MAX_SEED };
    throw new UsageError(`sweep needs --seeds A..B, the range of seeds to run. ${example}`);
  }
  const open = /^\s*(\d+)\s*\.\.\s*$/.exec(value);
  if (open?.[1] !== undefined) {
    if (!openEnd) throw new UsageError(`--seeds ${value.trim()} has no last seed: an open range needs a time budget (--for 10m), or give both ends. ${example}`);
    return parseSeedRange(`${open[1]}..${MAX_SEED}`);
  }
  const m = /^\s*(\S+?)\s*(?:\.\.\s*(\S+))?\s*$/.exec(value);
  const first = m?.[1] !== undefined ? integer(m[1]) : undefined;
  const last = m?.[2] !== undefined ? integer(m[2]) : m?.[1] !== undefined && m[2] === undefined ? first : undefined;
  if (first === undefined || last === undefined) {
    throw new UsageError(`--seeds must be A..B with non-negative integer seeds, got "${value}". ${example}`);
  }
  if (first > MAX_SEED || last > MAX_SEED) throw new UsageError(`--seeds ${value.trim()}: a seed must be at most ${MAX_SEED} (the largest integer a seed keeps exactly). ${example}`);
  if (first > last) throw new UsageError(`--seeds ${value} is empty: the first seed (${first}) is above the last (${last}). Write the smaller first, e.g. --seeds ${last}..${first}.`);
  // Seeds are counted as well as named: the count must be exact too.
  if (!Number.isSafeInteger(last - first + 1)) throw new UsageError(`--seeds ${value} holds more than ${MAX_SEED} seeds. Start at 1, e.g. --seeds 1..${last}.`);
  return { first, last };
}

export function parsePositive(value: string | undefined, flag: string, what: string, fallback: number, max = 1_000_000): number {
  if (value === undefined) return fallback;
  const n = integer(value);
  if (n === undefined || n < 1 || !Number.isSafeInteger(n)) throw new UsageError(`${flag} must be a positive integer (${what}), got "${value}". Example: ${flag} 4.`);
  if (n > max) throw new UsageError(`${flag} ${value} is too many ${what}: at most ${max}. Example: ${flag} 4.`);
  return n;
}

/**
 * `--jobs N`: worker threads. More threads than cores run no faster, and each holds a whole
 * simulation in memory, so a larger N is capped at the machine's available parallelism with a
 * warning rather than refused: the same command line works on a laptop and on a CI runner.
 */
export function parseJobs(value: string | undefined, cores: number, warn: (text: string) => void): number {
  const jobs = parsePositive(value, '--jobs', 'worker threads', cores, Number.MAX_SAFE_INTEGER);
  if (jobs <= cores) return jobs;
  warn(`recovery-sim: warning: --jobs ${jobs} is more than the ${cores} core${cores === 1 ? '' : 's'} this machine offers; running ${cores} worker thread${cores === 1 ? '' : 's'} (more would only hold more simulations in memory).`);
  return cores;
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `--ordering`: how deliveries racing within the jitter window are ordered. */
export function parseOrdering(value: string | undefined): MessageOrdering | undefined {
  if (value === undefined) return undefined;
  if (value === 'random' || value === 'pct') return value;
  throw new UsageError(`--ordering must be random or pct (PCT priorities over racing deliveries), got "${value.slice(0, 40)}". Example: --ordering pct.`);
}

/** More machines than this sharing one range is a typo, not a plan. */
export const MAX_SHARDS = 1_000_000;

/** `I/N`, 1-based: this machine takes block I of the range cut into N consecutive blocks. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m?.[1] !== undefined ? Number(m[1]) : NaN;
  const count = m?.[2] !== undefined ? Number(m[2]) : NaN;
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1) {
    throw new UsageError(`--shard must be I/N with 1 <= I <= N (this machine's part I of N), got "${value}". Example: --shard 2/4.`);
  }
  // Digits beyond the safe integers round (2^53 + 1 reads as 2^53), so I and N would not be what was typed.
  if (!Number.isSafeInteger(count) || count > MAX_SHARDS) {
    throw new UsageError(`--shard ${value.trim()}: N (the number of parts) must be at most ${MAX_SHARDS.toLocaleString('en-US')}, got ${m?.[2] ?? ''}. Example: --shard 2/4.`);
  }
  if (index < 1 || index > count) throw new UsageError(`--shard ${value}: the part I must be between 1 and N=${count}, got ${Number.isSafeInteger(index) ? index : (m?.[1] ?? '')}. Example: --shard 1/${count} … --shard ${count}/${count}.`);
  return { index, count };
}

/** The seeds of a range that one shard runs, in order, without listing them: ranges can be huge. */
export interface SeedList {
  readonly count: number;
  readonly seedAt: (k: number) => number;
}

/**
 * Shard I of N is the I-th of N consecutive blocks (sizes differ by one at most), so the shards'
 * outputs, concatenated in shard order, are the whole sweep's output byte for byte. Block ends
 * are computed in BigInt: (I-1)·size can pass the safe integers when the range is huge.
 */
export function shardSeeds(range: SeedRange, shard: Shard | undefined): SeedList {
  const size = BigInt(range.last - range.first + 1);
  const n = BigInt(shard?.count ?? 1);
  const i = BigInt(shard?.index ?? 1);
  const start = Number(((i - 1n) * size) / n);
  const end = Number((i * size) / n);
  return { count: end - start, seedAt: (k) => range.first + start + k };
}

export function seedArray(list: SeedList): number[] {
  return Array.from({ length: list.count }, (_, k) => list.seedAt(k));
}

/**
 * `--mutate a b` / `--mutate a,b` and `--no-mutations`: the mutation list that replaces the
 * scenario's own, or undefined to keep the scenario's.
 */
export function parseMutations(values: readonly string[] | undefined, keepScenarioMutations: boolean, scenarioNames: readonly string[] = [], flag = '--mutate'): MutationId[] | undefined {
  const ids = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (!keepScenarioMutations && ids.length > 0) throw new UsageError(`${flag} and --no-mutations contradict each other: give one of them.`);
  if (!keepScenarioMutations) return [];
  if (values === undefined) return undefined;
  if (ids.length === 0) throw new UsageError(`${flag} needs at least one mutation id. Allowed: ${MUTATION_IDS.join(', ')}.`);
  const unknown = ids.filter((id) => !isMutationId(id));
  if (unknown.length > 0) {
    const first = unknown[0] as string;
    const near = closest(first, MUTATION_IDS);
    const hint = near !== undefined ? ` Did you mean "${near}"?` : scenarioNames.includes(first) ? ` ("${first}" is a scenario: name the scenario before ${flag}.)` : '';
    throw new UsageError(`${flag}: unknown mutation${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}.${hint} Allowed: ${MUTATION_IDS.join(', ')} (see \`recovery-sim list mutations\`).`);
  }
  return [...new Set(ids)] as MutationId[];
}
