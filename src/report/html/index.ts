import type { RunResult } from '../../runner/result.js';
import { CLIENT_JS } from './client.js';
import { embedJson, encodePayload } from './encode.js';
import { buildComparison, type Comparison } from './model/compare.js';
import { buildReportModel } from './model/index.js';
import { pageHtml } from './page.js';
import { STYLES } from './styles.js';
import type { ReportInput } from './types.js';

export type { ReportInput } from './types.js';
export { buildReportModel, type ReportModel } from './model/index.js';

/** A self-contained HTML page (no network, no external scripts) showing one run. */
export function renderHtmlReport(input: ReportInput): string {
  const model = buildReportModel(input);
  const payload = encodePayload(input, model);
  const mutations = input.result.mutations.length > 0 ? ` (${input.result.mutations.join(', ')})` : '';
  return pageHtml({
    title: `${input.scenario.name} seed ${input.result.seed}${mutations}: ${input.result.verdict}`,
    styles: STYLES,
    dataJson: embedJson(payload),
    script: CLIENT_JS,
  });
}

/** Two runs for one comparison page, and where their traces part (see src/cli/report-run.ts). */
export interface CompareInput {
  readonly a: ReportInput;
  readonly b: ReportInput;
  /** The trace index of the first differing event; -1: the traces are the same; null: the same as far as compared. */
  readonly firstDifference: number | null;
  /** That event's position in each run's records (-1: the run had ended there). */
  readonly positions: { readonly a: number; readonly b: number } | null;
}

/** How a run is told apart from the other: its seed and mutations. */
export function runLabel(result: RunResult): string {
  return `seed ${result.seed} · ${result.mutations.length > 0 ? result.mutations.join(', ') : 'no mutations'}`;
}

/** The comparison's model: what the page draws of each run, and how they differ. */
export function buildComparePayload(input: CompareInput): { readonly compare: { readonly a: ReturnType<typeof encodePayload>; readonly b: ReturnType<typeof encodePayload>; readonly diff: Comparison; readonly labels: { readonly a: string; readonly b: string } } } {
  const ma = buildReportModel(input.a);
  const mb = buildReportModel(input.b);
  const diff = buildComparison(
    { records: input.a.records, layouts: ma.layouts, acks: ma.acks, violations: ma.violations },
    { records: input.b.records, layouts: mb.layouts, acks: mb.acks, violations: mb.violations },
    input.firstDifference,
    input.positions,
  );
  return { compare: { a: encodePayload(input.a, ma), b: encodePayload(input.b, mb), diff, labels: { a: runLabel(input.a.result), b: runLabel(input.b.result) } } };
}

/**
 * A self-contained page comparing two runs of a scenario: one above the other on a shared time
 * axis, each with its verdict, the first event where their traces part marked on both, and what
 * differs in what they published, acknowledged and violated.
 */
export function renderCompareReport(input: CompareInput): string {
  const payload = buildComparePayload(input);
  const verdict = (r: RunResult): string => `${runLabel(r)} (${r.verdict})`;
  return pageHtml({
    title: `${input.a.scenario.name}: A ${verdict(input.a.result)} vs B ${verdict(input.b.result)}`,
    styles: STYLES,
    dataJson: embedJson(payload),
    script: CLIENT_JS,
    compare: true,
  });
}
