import { escapeText, quote } from './quote.js';

/**
 * Where JSON text first goes wrong, and how, in words that point at the fix. V8's own messages
 * give no position for most mistakes and quote the file raw ("Unexpected token 'x', "…" is not
 * valid JSON"), so a file that fails to parse is scanned again here. One pass, no recursion:
 * linear in the text, whatever its nesting.
 */
export interface JsonSyntaxError {
  /** Offset of the offending character in the text. */
  readonly offset: number;
  readonly problem: string;
}

type Expect = 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'comma' | 'done';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$-]*/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function shown(text: string, at: number): string {
  const word = WORD;
  word.lastIndex = at;
  const m = word.exec(text);
  if (m !== null) return `the word ${quote(m[0], 20)}`;
  return `"${escapeText(text.charAt(at)).replace('"', '\\"')}"`;
}

/** The end of the string starting at `at` (its opening quote), or the problem in it. */
function scanString(text: string, at: number): number | JsonSyntaxError {
  for (let j = at + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return { offset: j, problem: `a control character (${escapeText(text.charAt(j))}) inside a string; write a line break as \\n and a tab as \\t` };
    if (c !== 0x5c) continue;
    const next = text.charAt(j + 1);
    if (next === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return { offset: j, problem: 'a \\u escape needs four hex digits (\\u00e9)' };
      j += 5;
    } else if (ESCAPES.has(next)) {
      j += 1;
    } else {
      return { offset: j, problem: `${quote(`\\${next}`)} is not an escape JSON knows; write a backslash as \\\\` };
    }
  }
  return { offset: at, problem: 'this string is never closed (a " is missing)' };
}

function unexpected(text: string, at: number, where: string, state: Expect, afterComma: boolean): JsonSyntaxError {
  const c = text.charAt(at);
  if (afterComma && (c === ']' || c === '}')) return { offset: at, problem: `a comma before "${c}": remove it (JSON has no trailing commas)` };
  if (c === "'") return { offset: at, problem: 'JSON strings are in double quotes ("), not single ones' };
  if (c === '/' && (text.charAt(at + 1) === '/' || text.charAt(at + 1) === '*')) return { offset: at, problem: 'JSON has no comments; remove it (or write the file in YAML, which has # comments)' };
  const hint = state === 'comma' ? ' (a comma missing before it?)' : state === 'key' || state === 'first-key' ? '; field names are in double quotes' : '';
  return { offset: at, problem: `expected ${where}, found ${shown(text, at)}${hint}` };
}

export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const open: ('{' | '[')[] = [];
  let state: Expect = 'value';
  let afterComma = false;
  let i = 0;
  const after = (): Expect => (open.length === 0 ? 'done' : 'comma');
  while (true) {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
    if (i >= text.length) {
      if (state === 'done') return undefined;
      if (open.length === 0) return { offset: i, problem: 'the file is empty: a scenario is a JSON object, {"name": …}' };
      const inside = open.at(-1) === '{' ? 'an object (a "}" is missing)' : 'a list (a "]" is missing)';
      return { offset: i, problem: `the file ends inside ${inside}` };
    }
    const c = text.charAt(i);
    switch (state) {
      case 'done':
        return { offset: i, problem: `more text after the end of the scenario, starting with ${shown(text, i)}; a file holds one JSON object` };
      case 'colon':
        if (c !== ':') return unexpected(text, i, '":" after the field name', state, false);
        i++;
        state = 'value';
        continue;
      case 'comma': {
        const close = open.at(-1) === '{' ? '}' : ']';
        if (c === ',') {
          state = close === '}' ? 'key' : 'value';
          afterComma = true;
          i++;
          continue;
        }
        if (c !== close) return unexpected(text, i, `"," or "${close}"`, state, false);
        open.pop();
        i++;
        state = after();
        continue;
      }
      case 'key':
      case 'first-key': {
        if (state === 'first-key' && c === '}') {
          open.pop();
          i++;
          state = after();
          continue;
        }
        if (c !== '"') return unexpected(text, i, 'a field name in double quotes', state, afterComma);
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        state = 'colon';
        afterComma = false;
        continue;
      }
      case 'value':
      case 'first-value': {
        if (state === 'first-value' && c === ']') {
          open.pop();
          i++;
          state = after();
          continue;
        }
        const wasAfterComma = afterComma;
        afterComma = false;
        if (c === '{' || c === '[') {
          open.push(c);
          i++;
          state = c === '{' ? 'first-key' : 'first-value';
          continue;
        }
        if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          state = after();
          continue;
        }
        NUMBER.lastIndex = i;
        const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (literal !== undefined) i += literal.length;
        else if (NUMBER.exec(text) !== null) i = NUMBER.lastIndex;
        else return unexpected(text, i, 'a value (an object, a list, a string in double quotes, a number, true, false or null)', state, wasAfterComma);
        state = after();
        continue;
      }
    }
  }
}
