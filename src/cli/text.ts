import wrapAnsi from 'wrap-ansi';
import { hang, visibleWidth } from '../report/fit.js';
import { outputWidth } from './terminal.js';

/**
 * Word-wrap `text` to `width` columns, every line prefixed with `indent`. The width is the most a
 * caller wants: a narrower terminal (or COLUMNS) wins. Colour codes take no room.
 */
export function wrap(text: string, width = outputWidth(), indent = ''): string[] {
  const room = Math.max(1, Math.min(width, outputWidth()) - visibleWidth(indent));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/\s+/).filter((w) => w !== '').join(' ');
    // A command in backticks stays on one line when it fits one, so it can be copied and run.
    const kept = words.replace(/`[^`]+`/g, (code) => (visibleWidth(code) <= room ? code.replaceAll(' ', NBSP) : code));
    lines.push(...wrapAnsi(kept, room, { hard: true }).split('\n').map((line) => indent + line.replaceAll(NBSP, ' ')));
  }
  return lines;
}

const NBSP = '\u00a0';

/**
 * Left-aligned columns; the last column is not padded. A row wider than `width` wraps its last
 * column under itself (when the columns before it leave room for that).
 */
export function table(rows: readonly (readonly string[])[], gap = 2, width = outputWidth()): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => {
    const before = row.slice(0, -1).map((cell, i) => cell.padEnd((widths[i] ?? 0) + gap)).join('');
    const last = row[row.length - 1] ?? '';
    if (visibleWidth(before) + visibleWidth(last) <= width) return `${before}${last}`.trimEnd();
    // Too little room beside the other columns: the last one goes under them, indented.
    if (visibleWidth(before) > width / 2) return `${before.trimEnd()}\n${hang('    ', last, width)}`;
    return hang(before, last, width);
  });
}

/** The first sentence of a description, for one-line listings. */
export function firstSentence(text: string | undefined): string {
  if (text === undefined) return '';
  const m = /^(.*?[.!?])(\s|$)/.exec(text);
  return m?.[1] ?? text;
}
