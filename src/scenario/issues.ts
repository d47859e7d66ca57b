import type { z } from 'zod';
import { closest } from './suggest.js';

/** `cluster.nodes[2].capabilities[0]`; the empty path is the file's top level. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
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
      return issue.message;
    }
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${bound(issue, 'min')}, got ${describeValue(input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `has more than ${String(issue.maximum)} items`;
      return `must be ${bound(issue, 'max')}, got ${describeValue(input)}`;
    case 'invalid_format':
      return `${issue.message}, got ${describeValue(input)}`;
    default:
      return issue.message;
  }
}

/**
 * One line per problem, `file: path: what is wrong`. A discriminator problem is reported at the
 * discriminating field (`faults.script[0].kind`), which is where the fix goes.
 */
export function issueLines(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const u = issue as { discriminator?: string };
    const path = issue.code === 'invalid_union' && u.discriminator !== undefined && issue.path.at(-1) !== u.discriminator ? [...issue.path, u.discriminator] : issue.path;
    return `${file}: ${formatPath(path)}: ${describeIssue(issue)}`;
  });
}
