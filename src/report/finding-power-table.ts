import type { ChalkInstance } from 'chalk';
import { invariantsOverScenarios, OFTEN_PERCENT, rowsBySubject, summarizePower, type CatchRow } from './finding-power.js';

export interface PowerTableOptions {
  /** The scenarios in column order. */
  readonly scenarios: readonly string[];
  readonly seeds: { readonly first: number; readonly last: number };
  readonly jobs: number;
  readonly wallMs: number;
}

/** Floored, so a rate shown as 10% really is at least the "often" threshold. */
export function formatRate(row: Pick<CatchRow, 'caught' | 'ratePercent'>): string {
  if (row.caught === 0) return '0%';
  if (row.ratePercent >= 10) return `${Math.floor(row.ratePercent)}%`;
  return `${(Math.floor(row.ratePercent * 10) / 10).toFixed(1)}%`;
}

export function formatSeconds(seconds: number | null): string {
  return seconds === null ? '-' : seconds.toFixed(1);
}

const GAP = '   ';

/** rate, first seed and seconds of one scenario, right-aligned in fixed sub-columns. */
interface Widths {
  readonly rate: number;
  readonly first: number;
  readonly secs: number;
}

function cell(w: Widths, rate: string, first: string, secs: string): string {
  return `${rate.padStart(w.rate)}  ${first.padStart(w.first)}  ${secs.padStart(w.secs)}`;
}

/** A staged row names only its mutation (its stage is listed under the table: the names are long). */
function label(row: CatchRow): string {
  if (row.stage.length > 0) return `${row.mutation} (staged)`;
  const along = row.runWith.filter((m) => m !== row.mutation);
  return along.length > 0 ? `${row.mutation} +${along.join(' +')}` : row.mutation;
}

/** One line per mutation: per scenario its catch rate, first catching seed and seconds to it; then the invariants. */
export function powerTableLines(rows: readonly CatchRow[], o: PowerTableOptions, chalk: ChalkInstance): string[] {
  const groups = [...rowsBySubject(rows).values()];
  const w: Widths = {
    rate: Math.max(4, ...rows.map((r) => formatRate(r).length)),
    first: Math.max(5, ...rows.map((r) => String(r.firstSeed ?? '-').length)),
    secs: Math.max(4, ...rows.map((r) => formatSeconds(r.secondsToFirst).length)),
  };
  const inScenario = (group: readonly CatchRow[], scenario: string): string => {
    const r = group.find((x) => x.scenario === scenario);
    return r === undefined ? '' : cell(w, formatRate(r), String(r.firstSeed ?? '-'), formatSeconds(r.secondsToFirst));
  };
  const body = groups.map((group) => {
    const first = group[0] as CatchRow;
    const invariants = invariantsOverScenarios(group).map((i) => `${i.id} ${i.runs}`).join(' · ');
    return { never: group.every((r) => r.caught === 0), cells: [label(first), ...o.scenarios.map((s) => inScenario(group, s)), invariants || '-'] };
  });
  const names = ['', ...o.scenarios, ''];
  const heads = ['mutation', ...o.scenarios.map(() => cell(w, 'rate', 'first', 'secs')), 'invariants violated (runs)'];
  const widths = names.map((_, i) => Math.max(names[i]?.length ?? 0, heads[i]?.length ?? 0, ...body.map((b) => b.cells[i]?.length ?? 0)));
  const layout = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join(GAP).trimEnd();

  const range = `${o.seeds.first}..${o.seeds.last}`;
  const s = summarizePower(rows);
  const lines = [
    chalk.bold(`── finding power: ${s.mutations} mutation${s.mutations === 1 ? '' : 's'} · seeds ${range} · ${o.jobs} job${o.jobs === 1 ? '' : 's'} · ${(o.wallMs / 1000).toFixed(1)} s wall ──`),
    chalk.bold(layout(names)),
    chalk.bold(layout(heads)),
    ...body.map((b) => (b.never ? chalk.yellow(layout(b.cells)) : layout(b.cells))),
    chalk.dim(`rate: seeds with a violation · first: the first such seed · secs: wall time of the seeds up to it, in seed order, over ${o.jobs} job${o.jobs === 1 ? '' : 's'} (an estimate on that many cores)`),
  ];
  const head = (name: string): string => chalk.bold(name.padEnd(14));
  lines.push(`${head('caught')}${s.caught.length} of ${s.mutations} mutations, by at least one scenario within seeds ${range}`);
  lines.push(`${head('caught often')}${s.caughtOften.length} of ${s.mutations}, in >= ${OFTEN_PERCENT}% of the seeds of at least one scenario`);
  lines.push(`${head('never caught')}${s.neverCaught.length === 0 ? 'none' : chalk.yellow(s.neverCaught.join(', '))}`);
  const staged = groups.map((g) => g[0] as CatchRow).filter((r) => r.stage.length > 0);
  if (staged.length > 0) {
    lines.push(`${head('only staged')}${s.onlyWithStage.length === 0 ? 'none' : s.onlyWithStage.join(', ')}`);
    lines.push(
      chalk.dim(
        `staged: measured with the switches that set its stage (${staged.map((r) => `${r.mutation} with ${r.stage.join(' and ')}`).join('; ')}); a seed counts when the mutation's own invariants fail with them and hold with them alone`,
      ),
    );
  }
  return lines;
}
