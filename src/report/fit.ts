import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/**
 * Fitting text to a terminal: widths are counted in columns as the terminal draws them (colour
 * codes take none, ⚡ takes two), and lines break between words. The width is always given: code
 * in src/report never asks the terminal itself.
 */

/** The narrowest width the timeline's columns (time, process, epoch: 38 columns) still fit in. */
export const MIN_WIDTH = 60;

/**
 * The width of a string without ANSI codes when every character is one column wide for sure
 * (ASCII, Latin, arrows, box and math symbols, …), else undefined: segmenting graphemes for every
 * line of a long verbose timeline is most of its cost.
 */
function narrowWidth(plain: string): number | undefined {
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    const unsure =
      c < 0xa0 ||
      c >= 0x2600 || // symbols that may be emoji, CJK, surrogate pairs
      (c >= 0x0300 && c < 0x0370) || // combining marks
      (c >= 0x1100 && c < 0x1200) || // wide Hangul jamo
      (c >= 0x1ab0 && c < 0x1b00) ||
      (c >= 0x1dc0 && c < 0x1e00) ||
      (c >= 0x200b && c < 0x2010) || // zero-width spaces and joiners
      (c >= 0x2028 && c < 0x2030) ||
      (c >= 0x2060 && c < 0x2070) ||
      (c >= 0x20d0 && c < 0x2100) ||
      (c >= 0x2300 && c < 0x2400) || // a few wide emoji (⌚ ⏳)
      c === 0x25fd ||
      c === 0x25fe;
    if (unsure) return undefined;
  }
  return plain.length;
}

export function visibleWidth(text: string): number {
  const plain = text.includes('\u001b') ? stripVTControlCharacters(text) : text;
  return narrowWidth(plain) ?? stringWidth(plain);
}

/**
 * `body` wrapped so that `prefix` + its first line, and each later line indented by `indent`
 * spaces, fit in `width` columns (a hanging indent, by default under the body's first column).
 * Colours carry over the breaks; a word longer than the room is cut.
 */
export function hang(prefix: string, body: string, width: number, indent: number = visibleWidth(prefix)): string {
  const room = Math.max(1, width - indent);
  const first = Math.max(1, width - visibleWidth(prefix));
  if (visibleWidth(body) <= first && !body.includes('\n')) return prefix + body;
  // The first line may have less (or more) room than the rest: wrap it alone, then the remainder.
  const lines: string[] = [];
  if (first !== room) {
    const [head = '', ...rest] = wrapAnsi(body, first, { hard: true }).split('\n');
    lines.push(head);
    const remainder = rest.join(' ');
    if (remainder !== '') lines.push(...wrapAnsi(remainder, room, { hard: true }).split('\n'));
  } else {
    lines.push(...wrapAnsi(body, room, { hard: true }).split('\n'));
  }
  const pad = ' '.repeat(indent);
  return lines.map((line, i) => (i === 0 ? prefix + line : pad + line)).join('\n');
}

/**
 * A line that is already laid out, made to fit: unchanged when it fits, else broken between words.
 * Continuation lines go under its value when it starts with a label column (a label, then two or
 * more spaces: `probes        …`, `  --seed <n>   …`), else under its first word.
 */
export function fitLine(line: string, width: number): string {
  if (visibleWidth(line) <= width) return line;
  const plain = stripVTControlCharacters(line);
  const lead = /^ */.exec(plain)?.[0].length ?? 0;
  const label = /^ *\S+(?: \S+)*? {2,}(?=\S)/.exec(plain)?.[0];
  const column = label !== undefined && visibleWidth(label) <= width / 2 ? visibleWidth(label) : Math.min(lead, Math.floor(width / 2));
  return hang(' '.repeat(lead), line.replace(/^ +/, ''), width, column);
}
