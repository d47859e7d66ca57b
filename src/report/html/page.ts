/** One run's chart: the strips above the lanes, the overview bar, the lanes (`suffix` tells a comparison's two apart). */
function chartHtml(suffix: string): string {
  return `<canvas id="top${suffix}" class="strips"></canvas>
    <canvas id="overview${suffix}" class="overview" title="The whole run: drag the window to pan"></canvas>
    <div id="lanes-wrap${suffix}" class="lanes-wrap"><canvas id="lanes${suffix}" class="lanes"></canvas><div id="lanes-spacer${suffix}"></div></div>`;
}

/** A comparison's chart: run A above run B, each with its own head line (label, verdict, seed, mutations). */
function compareChartHtml(): string {
  return ['a', 'b']
    .map((x) => `<section class="run" id="run-${x}" aria-label="Run ${x.toUpperCase()}">
    <div class="run-head" id="run-head-${x}"></div>
    ${chartHtml(`-${x}`)}
  </section>`)
    .join('\n  ');
}

/**
 * The page's skeleton: header, the story box (what to watch, the moments), toolbar, the chart's
 * canvases, the side panels. The client script fills them. A comparison (`compare`) draws two
 * runs one above the other and lists their differences where one run lists its violations.
 */
export function pageHtml(parts: { title: string; styles: string; dataJson: string; script: string; compare?: boolean }): string {
  const compare = parts.compare === true;
  const aside = compare
    ? `<details open id="sec-diff"><summary>Differences</summary><div class="body" id="diff"></div></details>
    <details open id="sec-details"><summary>Current event</summary><div class="body" id="details"></div></details>
    <details id="sec-legend"><summary>Legend</summary><div class="body legend" id="legend"></div></details>`
    : `<details open id="sec-details"><summary>Current event</summary><div class="body" id="details"></div></details>
    <details open id="sec-liveness" style="display:none"><summary>Liveness</summary><div class="body" id="liveness"></div></details>
    <details open id="sec-violations"><summary>Violations</summary><div class="body" id="violations"></div></details>
    <details open id="sec-lens"><summary>Split-brain lens</summary><div class="body" id="lens"></div></details>
    <details id="sec-layouts"><summary>Published layouts</summary><div class="body" id="layouts"></div></details>
    <details id="sec-directors"><summary>Directors</summary><div class="body" id="directors"></div></details>
    <details open id="sec-filters"><summary>Filters</summary><div class="body filters" id="filters"></div></details>
    <details open id="sec-legend"><summary>Legend</summary><div class="body legend" id="legend"></div></details>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<style>${parts.styles}</style>
</head>
<body${compare ? ' class="compare"' : ''}>
<header class="top" id="hdr"></header>
<section class="story" id="story" aria-label="What to watch, and the moments of the story"></section>
<div class="toolbar" id="toolbar">
  <button id="btn-zoom-out" title="Zoom out (-)">&minus;</button>
  <button id="btn-zoom-in" title="Zoom in (+)">+</button>
  <button id="btn-fit" title="Show the whole run (0)">Fit</button>
  <span class="sep"></span>
  <button id="btn-first" title="First event (Home)">&laquo; First</button>
  <button id="btn-prev" title="Previous event (&larr;; shift: previous key event)">&#x25C0; Prev</button>
  <button id="btn-next" title="Next event (&rarr;; shift: next key event)">Next &#x25B6;</button>
  <button id="btn-last" title="Last event (End)">Last &raquo;</button>
  <label title="Step over messages and frequent data-plane events"><input type="checkbox" id="key-only"> key events only</label>
  <span class="pos mono" id="pos"></span>
  <span class="sep"></span>
  <input type="text" id="lane-filter" placeholder="filter processes&hellip;" title="Show only processes whose address contains one of these words (several: log, director-e6)">
  ${compare ? '<span class="active-run" id="active-run" title="Stepping and the current event follow the run last clicked"></span>' : ''}
  <span class="causal-ctl" id="causal-ctl"${compare ? ' style="display:none"' : ''}><label><input type="checkbox" id="causal-past"> what led to it</label><select id="causal-since" title="How far back to look: from this long before the violation's first witness, or the whole run"></select><label title="Hide the events outside the causal past instead of fading them"><input type="checkbox" id="causal-hide"> hide rest</label><span class="causal-info" id="causal-info"></span></span>
  <span class="hint">wheel: zoom &middot; drag: pan &middot; alt+wheel: scroll lanes &middot; &larr;/&rarr;: step &middot; [ ]: moments</span>
  <button id="btn-panels" title="Hide or show the side panels">Panels &#x25B8;</button>
</div>
<main>
  <div id="chart"${compare ? ' class="compare"' : ''}>
    ${compare ? compareChartHtml() : chartHtml('')}
  </div>
  <aside>
    ${aside}
  </aside>
</main>
<div id="tip"></div>
<script type="application/json" id="report-data">${parts.dataJson}</script>
<script>
${parts.script.replace(/<\/(script)/gi, '<\\/$1')}
</script>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
