import type { ChalkInstance } from 'chalk';
import { INVARIANTS } from '../check/invariants/index.js';
import type { InvariantId, Violation } from '../check/types.js';
import { clockColumn } from './clock.js';
import { hang } from './fit.js';
import type { TimelineEntry } from './timeline.js';
import { TEXT_COLUMN } from './timeline-rows.js';

export function invariantMeaning(id: InvariantId): string {
  return INVARIANTS.find((i) => i.id === id)?.meaning ?? '';
}

/** Violations grouped by invariant, in order of first occurrence. */
export function violationsByInvariant(violations: readonly Violation[]): Map<InvariantId, Violation[]> {
  const by = new Map<InvariantId, Violation[]>();
  for (const v of violations) {
    const list = by.get(v.invariant) ?? [];
    list.push(v);
    by.set(v.invariant, list);
  }
  return by;
}

/**
 * Timeline lines for violations, highlighted, each with the invariant's meaning the first time.
 * A broken invariant often fires hundreds of times (every lost commit); the first few are shown
 * where they happen and the rest are counted once.
 */
export function violationEntries(violations: readonly Violation[], chalk: ChalkInstance, shownPerInvariant = 3, width = 100): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const lead = (time: number, bold: boolean): string => `${chalk.dim(clockColumn(time))} ${(bold ? chalk.red.bold : chalk.red)('✗ VIOLATION'.padEnd(22))} `;
  for (const [id, list] of violationsByInvariant(violations)) {
    list.slice(0, shownPerInvariant).forEach((v, n) => {
      const head = hang(lead(v.time, true), `${chalk.red.bold(`${id}: ${v.message}`)} ${chalk.dim(`(event #${v.event})`)}`, width, TEXT_COLUMN);
      const means = hang(' '.repeat(TEXT_COLUMN), chalk.red(`means: ${invariantMeaning(id)}`), width);
      entries.push({ event: v.event, text: n === 0 ? `${head}\n${means}` : head });
    });
    const rest = list.length - shownPerInvariant;
    const last = list[list.length - 1];
    if (rest > 0 && last !== undefined) {
      entries.push({ event: last.event, text: hang(lead(last.time, false), chalk.red(`${id}: ${rest} more (see the summary)`), width, TEXT_COLUMN) });
    }
  }
  return entries.sort((a, b) => a.event - b.event);
}

/** Merge extra lines into the timeline: each goes after the last line of an event at or before its own. */
export function mergeByEvent(timeline: readonly TimelineEntry[], extra: readonly TimelineEntry[]): string[] {
  const out: string[] = [];
  let j = 0;
  for (const entry of timeline) {
    while (j < extra.length && (extra[j] as TimelineEntry).event < entry.event) out.push((extra[j++] as TimelineEntry).text);
    out.push(entry.text);
  }
  while (j < extra.length) out.push((extra[j++] as TimelineEntry).text);
  return out;
}
