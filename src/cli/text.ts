/** Word-wrap `text` to `width` columns, every line prefixed with `indent`. */
export function wrap(text: string, width = 100, indent = ''): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line !== '' && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line === '' ? word : `${line} ${word}`;
      }
    }
    lines.push(indent + line);
  }
  return lines;
}

/** Left-aligned columns; the last column is not padded. */
export function table(rows: readonly (readonly string[])[], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + gap))).join('').trimEnd());
}

/** The first sentence of a description, for one-line listings. */
export function firstSentence(text: string | undefined): string {
  if (text === undefined) return '';
  const m = /^(.*?[.!?])(\s|$)/.exec(text);
  return m?.[1] ?? text;
}
