import { MAX_LENGTH } from './bounds.js';
import type { Problem } from './cross-check.js';
import { count } from './quote.js';

/**
 * Limits on the shape of any parsed file, checked before the schema: how deep it nests, how long
 * its lists and texts are, how many fields an object has. Every real scenario is far inside them
 * (each field has its own, smaller limit in the schema); they are here so that what the schema
 * does with a hostile file (a hundred thousand nodes, a megabyte-long string, ten thousand
 * levels of brackets) stays quick. One pass over the data, no recursion.
 */
export const STRUCTURE_LIMITS = {
  /** A scenario nests about five levels (`demo.narration[0].when.kind`). */
  depth: 16,
  /** The longest list a scenario may have (`faults.script`) is shorter. */
  items: 10_000,
  fields: 200,
  text: MAX_LENGTH.text,
} as const;

export function structureProblems(data: unknown): Problem[] {
  const problems: Problem[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  const L = STRUCTURE_LIMITS;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === 'string' && value.length > L.text) {
      problems.push({ path, message: `a text of ${count(value.length)} characters; no text in a scenario is longer than ${count(L.text)}` });
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= L.depth) {
      problems.push({ path, message: `nested more than ${L.depth} levels deep; a scenario nests a few levels: look for unbalanced brackets` });
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > L.items) {
        problems.push({ path, message: `a list of ${count(value.length)} items; no list in a scenario has more than ${count(L.items)}` });
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i] as unknown, path: [...path, i] });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > L.fields) {
      problems.push({ path, message: `an object with ${count(keys.length)} fields; no object in a scenario has more than ${count(L.fields)}` });
      continue;
    }
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k] as string;
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return problems;
}
