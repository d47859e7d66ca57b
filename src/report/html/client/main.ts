/**
 * Browser code (plain JS): boots the page: decodes the data, builds the panels, sizes the canvases,
 * draws, and keeps `window.__report` (what is on screen, for people poking in devtools and for tests).
 */
export const MAIN_JS = String.raw`
// ---- main: boot --------------------------------------------------------------------------
function startReport() {
  const $ = (id) => document.getElementById(id);
  const R = decodeReport(JSON.parse($('report-data').textContent));
  const S = createView(R);
  const els = { top: $('top'), overview: $('overview'), lanes: $('lanes'), wrap: $('lanes-wrap'), spacer: $('lanes-spacer'), chart: $('chart') };
  const stats = { arrowsDrawn: 0, arrowsVisible: 0, aggregated: false, aggregatedMessages: 0, bandsDrawn: 0, directorSpansDrawn: 0, marksDrawn: 0, violationMarkersDrawn: 0 };
  const report = {
    ready: false, readyAt: null, draws: 0, lastDrawMs: 0,
    events: R.ev.n, lanesTotal: R.lanes.length, lanes: 0, arrowsTotal: R.ar.n,
    bands: R.bands.length, directorSpans: R.directors.length, phases: R.phases.length,
    violations: R.violations.length, violationMarkers: R.markers.length, currentEvent: -1, view: { t0: 0, t1: R.endT },
  };
  window.__report = report;
  let pending = false;

  const app = {
    R: R, S: S, els: els, stats: stats, hits: { top: newHits(), lanes: newHits() },
    draw: function () {
      const started = performance.now();
      app.hits = { top: newHits(), lanes: newHits() };
      drawLanes(R, S, setupCanvas(els.lanes, S.width, S.lanesH), app.hits.lanes, stats);
      drawTop(R, S, setupCanvas(els.top, S.width, topHeight(R)), app.hits.top, stats);
      drawOverview(R, S, setupCanvas(els.overview, S.width, G.overviewH));
      report.draws++;
      report.lastDrawMs = performance.now() - started;
      report.lanes = S.visibleLanes;
      report.arrowsDrawn = stats.arrowsDrawn;
      report.arrowsVisible = stats.arrowsVisible;
      report.aggregated = stats.aggregated;
      report.bandsDrawn = stats.bandsDrawn;
      report.directorSpansDrawn = stats.directorSpansDrawn;
      report.marksDrawn = stats.marksDrawn;
      report.violationMarkersDrawn = stats.violationMarkersDrawn;
      report.currentEvent = S.current;
      report.view = { t0: S.t0, t1: S.t1 };
      els.chart.setAttribute('data-lanes', String(S.visibleLanes));
      els.chart.setAttribute('data-arrows-drawn', String(stats.arrowsDrawn));
      els.chart.setAttribute('data-current-event', String(S.current));
    },
    redraw: function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; app.draw(); });
    },
    resize: function () {
      layoutRows(R, S);
      setupCanvas(els.top, els.chart.clientWidth, topHeight(R));
      setupCanvas(els.overview, els.chart.clientWidth, G.overviewH);
      S.lanesH = Math.max(60, els.wrap.clientHeight);
      els.spacer.style.height = Math.max(0, S.totalH - S.lanesH) + 'px';
      S.width = Math.max(300, els.wrap.clientWidth);
      S.scrollY = Math.min(els.wrap.scrollTop, Math.max(0, S.totalH - S.lanesH));
      app.draw();
    },
    filtersChanged: function () {
      layoutRows(R, S);
      els.spacer.style.height = Math.max(0, S.totalH - S.lanesH) + 'px';
      S.scrollY = els.wrap.scrollTop;
      app.redraw();
    },
    // Make event k current; with zoom, narrow a wide window around it first.
    select: function (k, zoom) {
      S.current = k;
      const t = R.ev.t[k];
      reveal(R, S, t, zoom && S.t1 - S.t0 > 1000000 ? 500000 : undefined);
      const lane = R.ev.lane[k], y = lane >= 0 ? S.laneY[lane] : -1;
      if (y >= 0 && (y < els.wrap.scrollTop || y + G.laneH > els.wrap.scrollTop + S.lanesH)) {
        els.wrap.scrollTop = Math.max(0, y - S.lanesH / 2);
        S.scrollY = els.wrap.scrollTop;
      }
      renderDetails(app);
      app.redraw();
    },
    jump: function (k) { app.select(k, true); },
  };

  // Where event k is drawn, in page coordinates, or null when it is off screen (devtools, tests).
  report.positionOf = function (k) {
    const lane = R.ev.lane[k], t = R.ev.t[k];
    if (lane < 0 || S.laneY[lane] < 0 || t < S.t0 || t > S.t1) return null;
    const r = els.lanes.getBoundingClientRect(), y = r.top + S.laneY[lane] + G.base - S.scrollY;
    return y < r.top || y > r.bottom ? null : { x: r.left + xOf(S, t), y: y };
  };

  renderPanels(app);
  installControls(app);
  app.resize();
  report.ready = true;
  report.readyAt = performance.now();
  document.body.setAttribute('data-ready', '1');
}

startReport();
`;
