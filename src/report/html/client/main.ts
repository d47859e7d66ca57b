/**
 * Browser code (plain JS): boots the page: decodes the data, builds the panels, sizes the canvases,
 * draws, and keeps `window.__report` (what is on screen, for people poking in devtools and for tests).
 */
export const MAIN_JS = String.raw`
// ---- main: boot --------------------------------------------------------------------------
// The per-run state tests and devtools read (window.__report, or one of window.__report.runs).
function reportState(R, S) {
  return {
    ready: false, readyAt: null, draws: 0, lastDrawMs: 0,
    events: R.ev.n, lanesTotal: R.lanes.length, lanes: 0, rows: 0, arrowsTotal: R.ar.n,
    bands: R.bands.length, directorSpans: R.directors.length, phases: R.phases.length,
    violations: R.violations.length, violationMarkers: R.markers.length, currentEvent: -1, view: { t0: 0, t1: R.endT },
    chapters: R.chapters.map((c) => ({ event: c.event, t: c.t, kind: c.kind, title: c.title, lanes: c.lanes.length, t0: c.t0, t1: c.t1, violation: c.violation })),
    chapter: -1, focusViolation: S.violation, headline: R.headline, violationOrder: R.violationOrder.slice(0, 50),
    epochColors: Array.from(R.epochColor.entries()),
    generations: R.generations.map((g) => ({ epoch: g.epoch, acks: g.n, first: g.first, last: g.last, stale: g.stale })),
    outages: R.outages.length, lensRows: R.lens.rows.length, lensColumns: R.lens.columns.length,
    liveness: R.liveness ? { t: R.liveness.t, directors: R.liveness.directors.length, calls: R.liveness.directors.reduce((n, d) => n + d.calls.length, 0) } : null,
    causalViolations: Array.from(R.causal.keys()), causal: null, verdict: R.meta.verdict,
  };
}

function startReport() {
  const $ = (id) => document.getElementById(id);
  const payload = JSON.parse($('report-data').textContent);
  if (payload.compare) { startCompare(payload.compare); return; }
  const R = decodeReport(payload);
  const S = createView(R);
  const els = { top: $('top'), overview: $('overview'), lanes: $('lanes'), wrap: $('lanes-wrap'), spacer: $('lanes-spacer'), chart: $('chart') };
  const report = reportState(R, S);
  window.__report = report;
  const app = createApp(R, S, els, report);
  renderPanels(app);
  installControls(app, [app], () => app);
  installCausalControls(app);
  app.resize();
  report.ready = true;
  report.readyAt = performance.now();
  document.body.setAttribute('data-ready', '1');
}

// One run's chart: its canvases, its view, drawing and navigation. The page has one, a comparison two.
function createApp(R, S, els, report) {
  const stats = { arrowsDrawn: 0, arrowsVisible: 0, aggregated: false, aggregatedMessages: 0, bandsDrawn: 0, directorSpansDrawn: 0, marksDrawn: 0, violationMarkersDrawn: 0, labelsDrawn: 0, chapterPinsDrawn: 0, divergenceDrawn: 0 };
  S.followLanes = true;
  let pending = false;

  const app = {
    R: R, S: S, els: els, stats: stats, report: report, hits: { top: newHits(), lanes: newHits() },
    // The label of the run in a comparison ('A', 'B'), '' on a page of one run.
    label: '',
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
      report.labelsDrawn = stats.labelsDrawn;
      report.chapterPinsDrawn = stats.chapterPinsDrawn;
      report.livenessDrawn = stats.livenessDrawn;
      report.divergenceDrawn = stats.divergenceDrawn;
      report.marksFaded = S.marksFaded || 0;
      report.arrowsFaded = stats.arrowsFaded || 0;
      report.rows = S.rows.length;
      report.collapsed = Array.from(S.collapsed);
      report.chapter = S.chapter;
      report.focusViolation = S.violation;
      report.focusLanes = S.focus ? Array.from(S.focus) : null;
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
      els.chart.classList.toggle('no-aside', document.body.classList.contains('aside-hidden'));
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
      // the number of processes shown changed: the story box says how many
      const shown = document.getElementById('moment-shown');
      if (shown && S.focus && shown.firstChild) shown.firstChild.textContent = S.visibleLanes + ' of ' + R.lanes.length + ' processes · ';
      app.redraw();
    },
    // Make event k current. zoom true: narrow a wide window to 0.5 s around it; 'step': the view
    // follows a step, narrowing a window wider than 2 s to 0.25 s so the event can be seen.
    select: function (k, zoom) {
      S.current = k;
      const t = R.ev.t[k], w = S.t1 - S.t0;
      reveal(R, S, t, zoom === 'step' ? (w > 2000000 ? 250000 : undefined) : zoom && w > 1000000 ? 500000 : undefined);
      app.scrollToLane(R.ev.lane[k]);
      renderDetails(app);
      app.redraw();
    },
    scrollToLane: function (lane) {
      const y = lane >= 0 ? S.laneY[lane] : -1;
      if (y >= 0 && (y < els.wrap.scrollTop || y + G.laneH > els.wrap.scrollTop + S.lanesH)) {
        els.wrap.scrollTop = Math.max(0, y - S.lanesH / 2);
        S.scrollY = els.wrap.scrollTop;
      }
    },
    jump: function (k) { app.select(k, true); },
    // Focus violation k: its event becomes current, its line and witnesses are drawn, its invariant tags the event.
    focusViolation: function (k) {
      S.violation = k;
      const v = R.violations[k];
      document.querySelectorAll('#violations .vio').forEach((n) => n.classList.toggle('focus', n.getAttribute('data-violation') === String(k)));
      if (S.causal) { applyCausal(app, true); app.scrollToLane(R.ev.lane[v.event]); app.redraw(); return; }
      if (S.focus && !laneVisible(R, S, R.ev.lane[v.event])) { S.focus = null; app.filtersChanged(); updateStory(app); }
      updateCausalControls(app);
      app.select(v.event, true);
    },
    // Focus violation k and show only what led to it.
    showCausal: function (k) {
      S.violation = k;
      document.querySelectorAll('#violations .vio').forEach((n) => n.classList.toggle('focus', n.getAttribute('data-violation') === String(k)));
      applyCausal(app, true);
      app.scrollToLane(R.ev.lane[R.violations[k].event]);
      app.redraw();
    },
    // Go to chapter k of the story: zoom to its window, show the processes involved, select its event.
    goChapter: function (k) {
      if (k < 0 || k >= R.chapters.length) return;
      const c = R.chapters[k];
      S.chapter = k;
      if (c.violation >= 0) S.violation = c.violation;
      setWindow(R, S, c.t0, c.t1);
      S.current = c.event;
      if (S.causal) applyCausal(app, true, true);
      app.applyChapterLanes();
      app.scrollToLane(R.ev.lane[c.event]);
      renderDetails(app);
      document.querySelectorAll('#violations .vio').forEach((n) => n.classList.toggle('focus', n.getAttribute('data-violation') === String(S.violation)));
      app.redraw();
    },
    moveChapter: function (dir) {
      const n = R.chapters.length;
      if (n === 0) return;
      let k = S.chapter;
      if (k < 0) {
        // From wherever the view is: the first moment after (or before) the current event.
        const t = S.current >= 0 ? R.ev.t[S.current] : (dir > 0 ? -1 : Infinity);
        k = dir > 0 ? R.chapters.findIndex((c) => c.t > t) : R.chapters.map((c) => c.t < t).lastIndexOf(true);
        if (k < 0) k = dir > 0 ? 0 : n - 1;
      } else k = Math.max(0, Math.min(n - 1, k + dir));
      app.goChapter(k);
    },
    applyChapterLanes: function () {
      const c = S.chapter >= 0 ? R.chapters[S.chapter] : null;
      S.focus = c && S.followLanes && c.lanes.length && !S.causal ? new Set(c.lanes) : null;
      app.filtersChanged();
      updateStory(app);
    },
  };

  // Where event k is drawn, in page coordinates, or null when it is off screen (devtools, tests).
  report.positionOf = function (k) {
    const lane = R.ev.lane[k], t = R.ev.t[k];
    if (lane < 0 || S.laneY[lane] < 0 || t < S.t0 || t > S.t1) return null;
    const r = els.lanes.getBoundingClientRect(), y = r.top + S.laneY[lane] + G.base - S.scrollY;
    return y < r.top || y > r.bottom ? null : { x: r.left + xOf(S, t), y: y };
  };

  // Where lane l's row is on the page, and the part of the page the lanes show (tests: what fits without scrolling).
  report.laneNames = R.lanes.map((l) => ({ name: l.name, role: l.role, node: l.node }));
  report.rowOf = function (l) {
    const y = S.laneY[l];
    if (y < 0) return null;
    const r = els.wrap.getBoundingClientRect(), top = r.top + y - els.wrap.scrollTop;
    return { top: top, bottom: top + G.laneH, visibleTop: r.top, visibleBottom: Math.min(r.bottom, window.innerHeight) };
  };
  return app;
}

startReport();
`;
