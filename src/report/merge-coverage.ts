/**
 * Which seeds of a sweep's range the merged files hold: kept as runs of consecutive seeds, so a
 * million-seed sweep in a few shards costs a few numbers, not a million.
 */
export interface SeedRun {
  readonly first: number;
  readonly last: number;
}

/** The seeds one file holds for one sweep; they must come in ascending order. */
export class Segment {
  readonly runs: { first: number; last: number }[] = [];
  lines = 0;

  constructor(readonly file: string) {}

  /** Returns why the seed cannot follow the previous one, if it cannot. */
  add(seed: number): 'repeated' | 'out-of-order' | undefined {
    const tail = this.runs[this.runs.length - 1];
    if (tail !== undefined && seed <= tail.last) return seed === tail.last ? 'repeated' : 'out-of-order';
    this.lines++;
    if (tail !== undefined && seed === tail.last + 1) tail.last = seed;
    else this.runs.push({ first: seed, last: seed });
    return undefined;
  }

  get first(): number {
    return this.runs[0]?.first ?? Infinity;
  }

  get last(): number {
    return this.runs[this.runs.length - 1]?.last ?? -Infinity;
  }
}

export interface Coverage {
  /** How many seeds of the range the files hold. */
  readonly held: number;
  /** The range's size. */
  readonly size: number;
  /** The first few stretches of the range no file holds. */
  readonly gaps: readonly SeedRun[];
  readonly gapCount: number;
  /** A seed two files both hold, and which files: shards that overlap. */
  readonly overlap?: { readonly seed: number; readonly files: readonly [string, string] };
}

const GAPS_SHOWN = 5;

/** Put a sweep's segments side by side against its range. */
export function coverage(range: SeedRun, segments: readonly Segment[]): Coverage {
  const runs = segments.flatMap((s) => s.runs.map((r) => ({ ...r, file: s.file }))).sort((a, b) => a.first - b.first);
  const gaps: SeedRun[] = [];
  let gapCount = 0;
  let held = 0;
  let next = range.first;
  let previous: (typeof runs)[number] | undefined;
  for (const r of runs) {
    if (previous !== undefined && r.first <= previous.last) {
      return { held, size: range.last - range.first + 1, gaps, gapCount, overlap: { seed: r.first, files: [previous.file, r.file] } };
    }
    if (r.first > next) {
      gapCount++;
      if (gaps.length < GAPS_SHOWN) gaps.push({ first: next, last: r.first - 1 });
    }
    held += r.last - r.first + 1;
    next = r.last + 1;
    previous = r;
  }
  if (next <= range.last) {
    gapCount++;
    if (gaps.length < GAPS_SHOWN) gaps.push({ first: next, last: range.last });
  }
  return { held, size: range.last - range.first + 1, gaps, gapCount };
}

/** The stretches no file holds, the first few named and the rest counted. */
export function gapsText(c: Coverage): string {
  const more = c.gapCount > c.gaps.length ? ` and ${c.gapCount - c.gaps.length} more stretches` : '';
  return `${c.gaps.map(runText).join(', ')}${more}`;
}

function runText(r: SeedRun): string {
  return r.first === r.last ? String(r.first) : `${r.first}..${r.last}`;
}
