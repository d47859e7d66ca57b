import type { ChalkInstance } from 'chalk';
import { clock, clockColumn } from './clock.js';
import type { ProcessColours } from './colours.js';
import { hang } from './fit.js';
import { epochOf, type Line } from './timeline-lines.js';

/**
 * The timeline's rows before they become text: a line in the fixed columns, a narration line
 * (a demo's comment on the line above) or a note (why the line above is so). Kept as data until
 * the run ends, so repeated stretches can be folded and every line fitted to the width.
 */

/** One recovery attempt of one director, as far as folding needs it. */
export interface Attempt {
  readonly director: string;
  readonly epoch: number;
  readonly attempt: number;
  readonly phases: string[];
  stall: { readonly reason: string; readonly detail: string; readonly t: number } | undefined;
  /** A demo said something about it: a key moment, never folded away. */
  narrated: boolean;
}

export interface Row {
  readonly event: number;
  readonly t: number;
  readonly kind: 'line' | 'narration' | 'note';
  readonly line: Line;
  /** The attempt a director's line belongs to. */
  readonly attempt?: Attempt;
}

/** The time, process and epoch columns take this many: continuation lines start under the text. */
export const TEXT_COLUMN = 38;
const PROC_WIDTH = 22;
const NARRATION_INDENT = 10;

function styled(chalk: ChalkInstance, line: Line): string {
  switch (line.style) {
    case 'bad':
      return chalk.red.bold(line.text);
    case 'warn':
      return chalk.yellow(line.text);
    case 'good':
      return chalk.green(line.text);
    case 'fault':
      return chalk.magenta.bold(line.text);
    case 'dim':
      return chalk.dim(line.text);
    default:
      return line.text;
  }
}

/** A row as text, fitted to `width` with a hanging indent under its text. */
export function renderRow(row: Row, chalk: ChalkInstance, colours: ProcessColours, width: number): string {
  if (row.kind === 'narration') return hang(`${' '.repeat(NARRATION_INDENT)}${chalk.cyan('▸')} `, chalk.cyan.italic(row.line.text), width);
  if (row.kind === 'note') return hang(`${' '.repeat(TEXT_COLUMN)}${chalk.dim('↳')} `, chalk.dim(row.line.text), width);
  const proc = colours.paint(row.line.proc, row.line.proc.slice(0, PROC_WIDTH).padEnd(PROC_WIDTH));
  const prefix = `${chalk.dim(clockColumn(row.t))} ${proc} ${chalk.dim(epochOf(row.line.epoch).padEnd(5))}`;
  return hang(prefix, styled(chalk, row.line), width, TEXT_COLUMN);
}

// ---- folding repeated attempts ----

const signature = (a: Attempt): string => `${a.phases.join('>')}|${a.stall?.reason ?? ''}`;

/** Distinct values in order, at most `max` of them, then `…`. */
function distinct(values: readonly string[], max = 4): string {
  const seen = [...new Set(values.filter((v) => v !== ''))];
  return seen.length > max ? `${seen.slice(0, max).join('; ')}; …` : seen.join('; ');
}

/**
 * A director that stalls the same way again and again (the same phases, the same reason) prints
 * one attempt in full, then one line for the rest: `attempts 3 … 41 went as attempt 2 did (× 39
 * more, until 28.400 s)`. An attempt a demo narrates is never folded: it starts a new run.
 * Lines of other processes in between stay where they are.
 */
export function foldAttempts(rows: readonly Row[], attempts: readonly Attempt[]): Row[] {
  const runOf = new Map<Attempt, Attempt[]>();
  const modelOf = new Map<Attempt[], Attempt>();
  const last = new Map<string, { model: Attempt; run: Attempt[] | undefined; previous: Attempt }>();
  for (const a of attempts) {
    const state = last.get(a.director);
    const same = state !== undefined && a.stall !== undefined && state.previous.stall !== undefined && a.attempt === state.previous.attempt + 1 && signature(a) === signature(state.model) && !a.narrated;
    if (state !== undefined && same) {
      let run = state.run;
      if (run === undefined) {
        run = [];
        modelOf.set(run, state.model);
      }
      run.push(a);
      runOf.set(a, run);
      last.set(a.director, { model: state.model, run, previous: a });
    } else {
      last.set(a.director, { model: a, run: undefined, previous: a });
    }
  }
  if (runOf.size === 0) return [...rows];
  const out: Row[] = [];
  const told = new Set<Attempt[]>();
  for (const row of rows) {
    const run = row.attempt !== undefined ? runOf.get(row.attempt) : undefined;
    if (run === undefined) {
      out.push(row);
      continue;
    }
    if (told.has(run)) continue;
    told.add(run);
    const model = modelOf.get(run) as Attempt;
    const first = run[0] as Attempt;
    const end = run[run.length - 1] as Attempt;
    const which = run.length === 1 ? `attempt ${first.attempt}` : `attempts ${first.attempt} … ${end.attempt}`;
    const details = distinct(run.flatMap((a) => (a.stall?.detail ?? '').split('; ')));
    const phase = first.phases[first.phases.length - 1] ?? 'its first phase';
    out.push({
      event: row.event,
      t: row.t,
      kind: 'line',
      line: {
        proc: row.line.proc,
        epoch: row.line.epoch,
        text: `${which} went as attempt ${model.attempt} did (× ${run.length} more, until ${clock(end.stall?.t ?? row.t)}): each stalled in ${phase} on ${first.stall?.reason ?? '?'}${details !== '' ? ` (${details})` : ''}; retrying`,
        style: 'warn',
      },
    });
  }
  return out;
}

// ---- compressing runs of near-identical lines ----

/**
 * Lines that differ only in standalone numbers (versions, terms, counts) are near-identical;
 * numbers inside names (n12, e46, ids) tell things apart and must match.
 */
const shape = (row: Row): string => `${row.kind}|${row.line.proc}|${row.line.epoch ?? ''}|${row.line.style ?? ''}|${row.line.text.replace(/\b\d+(?:\.\d+)?\b/g, '#')}`;

/**
 * Three or more consecutive near-identical lines print as the first and `× N more, until T`.
 * The client's periodic commit counts and the faults are left alone: each says something new.
 */
export function compressRuns(rows: readonly Row[]): Row[] {
  const out: Row[] = [];
  let k = 0;
  while (k < rows.length) {
    const row = rows[k] as Row;
    let end = k + 1;
    if (row.kind !== 'note' && row.line.proc !== 'client' && row.line.style !== 'fault') {
      const key = shape(row);
      while (end < rows.length && shape(rows[end] as Row) === key) end++;
    }
    out.push(row);
    if (end - k >= 3) {
      const lastRow = rows[end - 1] as Row;
      const more = `× ${end - k - 1} more, until ${clock(lastRow.t)}`;
      out.push(row.kind === 'narration' ? { ...lastRow, line: { ...lastRow.line, text: more } } : { event: lastRow.event, t: lastRow.t, kind: 'line', line: { proc: row.line.proc, epoch: row.line.epoch ?? null, text: more, style: 'dim' } });
    } else {
      for (let j = k + 1; j < end; j++) out.push(rows[j] as Row);
    }
    k = end;
  }
  return out;
}
