import type { z } from 'zod';
import { isRangeMessage } from './numbers.js';
import { count, describeValue, quote } from './quote.js';
import { closest } from './suggest.js';

/** `cluster.nodes[2].capabilities[0]`; the empty path is the file's top level. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    // A key of the file is shown escaped and cut; a field name of ours never needs it.
    const name = typeof key === 'string' && !/^[A-Za-z0-9_$.-]{1,64}$/.test(key) ? quote(key, 40) : String(key);
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? name : `.${name}`;
  }
  return out === '' ? '(top level)' : out;
}

function suggestion(input: unknown, values: readonly unknown[]): string {
  if (typeof input !== 'string') return '';
  const near = closest(input, values.map(String));
  return near !== undefined ? ` (did you mean "${near}"?)` : '';
}

function describeType(expected: string): string {
  switch (expected) {
    case 'int':
      return 'an integer';
    case 'array':
      return 'a list';
    case 'tuple':
      return 'a list of fixed length';
    case 'object':
      return 'an object';
    default:
      return `a ${expected}`;
  }
}

function lengthOf(input: unknown, unit: string): string {
  const n = Array.isArray(input) || typeof input === 'string' ? input.length : undefined;
  return n === undefined ? `too many ${unit}` : `${count(n)} ${unit}`;
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, side: 'min' | 'max'): string {
  const value = side === 'min' ? issue.minimum : issue.maximum;
  const op = side === 'min' ? (issue.inclusive === false ? '>' : '>=') : issue.inclusive === false ? '<' : '<=';
  return `${op} ${String(value)}`;
}

/** One problem in words: what was expected and what the file holds. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `missing: required (${describeType(issue.expected)})`;
      return `expected ${describeType(issue.expected)}, got ${describeValue(input)}`;
    case 'invalid_value':
      if (issue.values.length === 1) return `expected ${JSON.stringify(issue.values[0])}, got ${describeValue(input)}`;
      return `expected one of ${issue.values.map(String).join('|')}, got ${describeValue(input)}${suggestion(input, issue.values)}`;
    case 'invalid_union': {
      const u = issue as { discriminator?: string; options?: unknown[] };
      if (u.discriminator !== undefined && u.options !== undefined) {
        const given = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[u.discriminator] : undefined;
        return `expected one of ${u.options.map(String).join('|')}, got ${describeValue(given)}`;
      }
      // Every union of the format words what it takes; zod's own words say nothing of it.
      return `${issue.message === 'Invalid input' ? 'not any of the forms this field takes' : issue.message}, got ${describeValue(input)}`;
    }
    case 'too_small':
      if (isRangeMessage(issue.message)) return issue.message;
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return issue.minimum === 1 ? 'must not be empty' : `needs at least ${String(issue.minimum)} characters`;
      return `must be ${bound(issue, 'min')}, got ${describeValue(input)}`;
    case 'too_big':
      if (isRangeMessage(issue.message)) return issue.message;
      if (issue.origin === 'array') return `has ${lengthOf(input, 'items')}; at most ${count(Number(issue.maximum))} are allowed`;
      if (issue.origin === 'string') return `is ${lengthOf(input, 'characters')}; at most ${count(Number(issue.maximum))} are allowed`;
      return `must be ${bound(issue, 'max')}, got ${describeValue(input)}`;
    case 'invalid_format':
      return `${issue.message}, got ${describeValue(input)}`;
    case 'invalid_key':
      return `field name ${typeof input === 'string' ? quote(input, 40) : describeValue(input)}: ${issue.issues.map((i) => describeIssue(i)).join('; ')}`;
    default:
      return issue.message;
  }
}

/** How many unknown fields a message names; the rest are counted. */
const SHOWN_UNKNOWN_FIELDS = 5;

/** The words for fields a strict object does not have: each quoted, the likely intended one named, a long list cut. */
export function unknownFields(keys: readonly string[], allowed: readonly string[]): string {
  const shown = keys.slice(0, SHOWN_UNKNOWN_FIELDS).map((k) => {
    const near = closest(k, allowed);
    return near === undefined ? quote(k, 40) : `${quote(k, 40)} (did you mean "${near}"?)`;
  });
  const more = keys.length > SHOWN_UNKNOWN_FIELDS ? ` and ${count(keys.length - SHOWN_UNKNOWN_FIELDS)} more` : '';
  return `unknown field ${shown.join(', ')}${more}; allowed: ${allowed.join('|')}`;
}

/**
 * One line per problem, `file: path: what is wrong`. A discriminator problem is reported at the
 * discriminating field (`faults.script[0].kind`), which is where the fix goes.
 */
export function issueLines(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const inner = matchingBranch(issue);
    if (inner !== undefined) return issueLines(file, inner.map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
    const u = issue as { discriminator?: string };
    const path = issue.code === 'invalid_union' && u.discriminator !== undefined && issue.path.at(-1) !== u.discriminator ? [...issue.path, u.discriminator] : issue.path;
    return [`${file}: ${formatPath(path)}: ${describeIssue(issue)}`];
  });
}

/**
 * A value that fails a union (`"aimed": {"triggers": …}`) but has the type of exactly one of its
 * forms is told what is wrong inside that form, not only which forms there are.
 */
function matchingBranch(issue: z.core.$ZodIssue): readonly z.core.$ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union' || (issue as { discriminator?: string }).discriminator !== undefined) return undefined;
  const rightType = issue.errors.filter((branch) => branch.length > 0 && !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  return rightType.length === 1 ? rightType[0] : undefined;
}
