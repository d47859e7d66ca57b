import { z } from 'zod';
import type { Bound } from './bounds.js';
import { describeValue } from './quote.js';

/**
 * Numbers with a valid range, as zod schemas whose JSON Schema shows the range (minimum and
 * maximum). A value of the wrong sign is told only that ("must be > 0, got 0"); any other value
 * outside the range is told the whole range ("must be >= 1 and <= 60000, got 0.0001"). A value
 * above its maximum stops the checks that relate fields to each other, so no such check ever
 * sizes anything by it; values below their minimum are left to those checks' own guards
 * (`within`), as they always have been, so a file shows all its problems at once.
 */

/** Our words for a number out of range; zod's own start differently ("Too small: …"). */
const OURS = 'must be ';

export function rangeMessage(bound: Bound, input: unknown): string {
  const wrongSign = typeof input === 'number' && (bound.sign === 'positive' ? input <= 0 : input < 0);
  if (wrongSign) return `${OURS}${bound.sign === 'positive' ? '>' : '>='} 0, got ${describeValue(input)}`;
  return `${OURS}>= ${bound.min} and <= ${bound.max}, got ${describeValue(input)}`;
}

/** Whether a zod issue's message is one of ours (the bound, with what the file holds). */
export function isRangeMessage(message: string): boolean {
  return message.startsWith(OURS);
}

export function bounded(bound: Bound): z.ZodNumber {
  const error = (issue: { input?: unknown }): string => rangeMessage(bound, issue.input);
  const n = bound.int === true ? z.number().int() : z.number();
  return n.min(bound.min, { error }).max(bound.max, { error, abort: true });
}
