import type { TraceRecord } from '../../../sim/index.js';
import type { RunEvent } from '../../cluster/events.js';
import type { RunResult } from '../../runner/result.js';
import type { Scenario } from '../../scenario/types.js';

/** Everything the HTML report is drawn from: the scenario, the run's summary and its full trace. */
export interface ReportInput {
  readonly scenario: Scenario;
  readonly result: RunResult;
  readonly records: readonly TraceRecord<RunEvent>[];
}

/** A self-contained HTML page (no network, no external scripts) showing one run. */
export function renderHtmlReport(input: ReportInput): string {
  const title = `${input.scenario.name} seed ${input.result.seed}`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${input.records.length} events, verdict ${input.result.verdict}</p></body></html>`;
}
