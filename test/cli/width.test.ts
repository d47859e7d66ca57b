import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitText } from '../../src/cli/io.js';
import { outputWidth } from '../../src/cli/terminal.js';
import { fitLine, hang } from '../../src/report/fit.js';
import { ANSI, cli } from './helpers.js';

/** Lines wider than `width` columns as a terminal draws them (colour codes take none, ⚡ two). */
function tooWide(text: string, width: number): string[] {
  return text.split('\n').filter((line) => stringWidth(line) > width);
}

describe.concurrent('output fits the terminal (COLUMNS when not a terminal)', () => {
  it.each([
    ['director-race', 80],
    ['director-race', 120],
    ['dead-spares', 80],
    ['dead-spares', 120],
  ])('demo %s with COLUMNS=%i: no line is wider', async (demo, width) => {
    const r = await cli(['demo', demo], { env: { COLUMNS: String(width) } });
    expect(r.code).toBe(0);
    expect(tooWide(r.stdout, width)).toEqual([]);
    // Wrapped, not cut: the lines that had to break continue under the text column.
    expect(r.stdout).toMatch(/\n {38}\S/);
  });

  it('colours do not count: a coloured demo fits too', async () => {
    const r = await cli(['demo', 'director-race'], { env: { COLUMNS: '80', NO_COLOR: undefined, FORCE_COLOR: '3' } });
    expect(r.stdout).toMatch(ANSI);
    expect(tooWide(r.stdout, 80)).toEqual([]);
  });

  it('timeline continuation lines keep the hanging indent of the time column', async () => {
    const r = await cli(['run', 'director-race'], { env: { COLUMNS: '80' } });
    const lines = r.stdout.split('\n');
    const start = lines.findIndex((l) => /^ +\d+\.\d{3}s director-e1@n1 +e1 +layout built: /.test(l));
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toMatch(/^ {38}\S/);
    expect(tooWide(r.stdout, 80)).toEqual([]);
  });

  it('JSON output is never broken, however narrow', async () => {
    const r = await cli(['run', 'bootstrap', '--json'], { env: { COLUMNS: '60' } });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });

  it('explain glossary and the help fit too', async () => {
    const [glossary, help] = await Promise.all([cli(['explain', 'glossary'], { env: { COLUMNS: '80' } }), cli(['list', 'mutations'], { env: { COLUMNS: '80' } })]);
    expect(tooWide(glossary.stdout, 80)).toEqual([]);
    expect(tooWide(help.stdout, 80)).toEqual([]);
  });
});

describe('the width and the fitting', () => {
  it('takes the terminal\'s width, else COLUMNS, else 100, never below 60', () => {
    expect(outputWidth({ isTTY: true, columns: 132 }, { COLUMNS: '80' })).toBe(132);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '80' })).toBe(80);
    expect(outputWidth({ isTTY: false }, {})).toBe(100);
    expect(outputWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBe(100);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '20' })).toBe(60);
  });

  it('hangs continuation lines under the body and breaks between words', () => {
    const text = hang('prefix: ', 'one two three four five six seven eight', 20);
    expect(text.split('\n')).toEqual(['prefix: one two', '        three four', '        five six', '        seven eight']);
  });

  it('puts a labelled line\'s continuation under its value, and leaves lines that fit alone', () => {
    expect(fitLine('short', 60)).toBe('short');
    const fitted = fitLine(`probes        ${'word '.repeat(20).trim()}`, 60).split('\n');
    expect(fitted.length).toBeGreaterThan(1);
    for (const line of fitted.slice(1)) expect(line).toMatch(/^ {14}\S/);
    expect(fitText(`{"a":"${'x'.repeat(200)}"}`, 60)).not.toContain('\n');
  });
});
