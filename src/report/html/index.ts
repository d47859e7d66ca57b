import { CLIENT_JS } from './client.js';
import { embedJson, encodePayload } from './encode.js';
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
