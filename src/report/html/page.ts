/** The page's skeleton: header, the story box (what to watch, the moments), toolbar, the chart's canvases, the side panels. The client script fills them. */
export function pageHtml(parts: { title: string; styles: string; dataJson: string; script: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<style>${parts.styles}</style>
</head>
<body>
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
  <input type="text" id="lane-filter" placeholder="filter processes&hellip;" title="Show only processes whose address contains this text">
  <span class="hint">wheel: zoom &middot; drag: pan &middot; alt+wheel: scroll lanes &middot; &larr;/&rarr;: step &middot; [ ]: moments</span>
  <button id="btn-panels" title="Hide or show the side panels">Hide panels &#x25B8;</button>
</div>
<main>
  <div id="chart">
    <canvas id="top"></canvas>
    <canvas id="overview" title="The whole run: drag the window to pan"></canvas>
    <div id="lanes-wrap"><canvas id="lanes"></canvas><div id="lanes-spacer"></div></div>
  </div>
  <aside>
    <details open id="sec-details"><summary>Current event</summary><div class="body" id="details"></div></details>
    <details open id="sec-violations"><summary>Violations</summary><div class="body" id="violations"></div></details>
    <details open id="sec-lens"><summary>Split-brain lens</summary><div class="body" id="lens"></div></details>
    <details id="sec-layouts"><summary>Published layouts</summary><div class="body" id="layouts"></div></details>
    <details id="sec-directors"><summary>Directors</summary><div class="body" id="directors"></div></details>
    <details open id="sec-filters"><summary>Filters</summary><div class="body filters" id="filters"></div></details>
    <details open id="sec-legend"><summary>Legend</summary><div class="body legend" id="legend"></div></details>
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
