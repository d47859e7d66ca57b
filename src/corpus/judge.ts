import type { RunResult } from '../runner/result.js';
import type { CorpusEntry } from './entry.js';

export interface Judgement {
  readonly ok: boolean;
  /** What happened against what the entry expects, in a few words. */
  readonly what: string;
}

/**
 * A protocol entry (no mutation) must pass now: it failed once, and the fix must hold. A mutation
 * entry must still be caught, by the invariant that caught it (other invariants may join in).
 */
export function judge(entry: Pick<CorpusEntry, 'expect'>, run: Pick<RunResult, 'verdict' | 'violated'>): Judgement {
  const got = run.verdict === 'pass' ? 'passes' : `violates ${run.violated.join(', ')}`;
  if (entry.expect.verdict === 'pass') return { ok: run.verdict === 'pass', what: run.verdict === 'pass' ? 'passes, as it must since its fix' : `${got}: the bug it records is back` };
  const by = entry.expect.invariant;
  const caught = by === undefined ? run.verdict === 'violation' : run.violated.includes(by);
  const name = by ?? 'any invariant';
  return { ok: caught, what: caught ? `still caught by ${name}` : `${got}, no longer caught by ${name}` };
}
