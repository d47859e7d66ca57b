/**
 * Input echoed in a message, made safe for a terminal: control characters and other invisible
 * or reordering characters are shown as escapes (ESC as \x1b), so a file cannot colour, move or
 * rewrite what the message prints, and long values are cut so one field cannot flood it.
 */

/** C0 and C1 controls, DEL, line and paragraph separators, bidirectional marks and overrides, BOM, lone surrogates. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every unsafe character escaped (no quotes added, nothing cut). */
export function escapeText(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** The first `max` characters of `text`, never half of a surrogate pair. */
function head(text: string, max: number): string {
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** A number the way people read it: 1,234,567. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `"text"`, escaped, and cut after `max` characters: `"aaaa…" (20,000 characters)`. */
export function quote(text: string, max = 60): string {
  const shown = text.length > max ? head(text, max) : text;
  // Quotes and backslashes first, so the escapes added after them stay single.
  const body = escapeText(shown.replace(/["\\]/g, (c) => `\\${c}`));
  return text.length > max ? `"${body}…" (${count(text.length)} characters)` : `"${body}"`;
}

/** Text that is not quoted in a message (a path): escaped and cut, but otherwise as given. */
export function plain(text: string, max = 300): string {
  return text.length > max ? `${escapeText(head(text, max))}… (${count(text.length)} characters)` : escapeText(text);
}

/**
 * Names joined for a message, at most `max` of them: `n1|n2|n3|… (256 in all)`. Names come from
 * the file, so each is escaped and cut too.
 */
export function nameList(names: readonly string[], max = 12, separator = '|'): string {
  const shown = names.slice(0, max).map((n) => plain(n, 64));
  return names.length > max ? `${shown.join(separator)}${separator}… (${count(names.length)} in all)` : shown.join(separator);
}

/** A value from the file, as a message shows it: `"logs"`, `12`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return quote(value, 40);
  return String(value);
}
