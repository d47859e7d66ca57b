/**
 * Browser code (plain JS): everything the user does: zoom and pan (wheel, drag, buttons, the
 * overview bar), stepping event by event (buttons and keys), filters, hover tooltips and clicks.
 */
export const CONTROLS_JS = String.raw`
// ---- controls: stepping, zoom and pan, hover, keyboard ------------------------------------
// Whether event k is reachable by stepping under the current filters.
// With "what led to it" on, stepping walks the causal past.
function stepStop(R, S, k, keyOnly) {
  const ty = R.ev.type[k], lane = R.ev.lane[k];
  if (R.isMessage[ty]) {
    if (keyOnly) return false;
    const a = R.ev.ref[k];
    return a >= 0 && S.kindOn[R.ar.kind[a]] === 1 && laneVisible(R, S, lane) && arrowInCausal(R, S, a);
  }
  if (keyOnly && R.isMinor[ty] && !R.restart.has(k) && !R.markerOf.has(k)) return false;
  if (S.causal && !inCausal(R, S, k) && !R.markerOf.has(k)) return false;
  return lane < 0 || laneVisible(R, S, lane);
}

// One step (the view follows: a window wider than 2 s narrows around the event).
function step(app, dir, keyOnly) {
  const R = app.R, S = app.S;
  for (let k = S.current + dir; k >= 0 && k < R.ev.n; k += dir) {
    if (stepStop(R, S, k, keyOnly)) { app.select(k, 'step'); return; }
  }
}

function distToSegment(px, py, x1, y1, x2, y2) {
  const dx = x2 - x1, dy = y2 - y1, len2 = dx * dx + dy * dy;
  const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
  const cx = x1 + u * dx, cy = y1 + u * dy;
  return Math.sqrt((px - cx) * (px - cx) + (py - cy) * (py - cy));
}

// What is under the pointer: a mark, then an arrow, then a span; with the tooltip text and the event to select.
function pick(app, hits, x, y) {
  const R = app.R;
  let best = null, bestD = 7;
  hits.marks.forEach((m) => {
    const d = Math.abs(m.x - x) + Math.abs(m.y - y);
    if (d < bestD) { bestD = d; best = m; }
  });
  if (best && best.chapter !== undefined) {
    const c = R.chapters[best.chapter];
    return { event: best.event, chapter: best.chapter, tip: 'moment ' + (best.chapter + 1) + ' · ' + fmtTime(c.t) + ' · ' + c.title + '\n' + c.text };
  }
  if (best && best.violation !== undefined) {
    const v = R.violations[best.violation];
    return { event: best.event, violation: best.violation, tip: '✗ ' + v.invariant + ' · #' + evNo(R, v.event) + ' · ' + fmtTime(v.t) + '\n' + v.message };
  }
  if (best && best.tip) return { event: best.event, tip: best.tip };
  if (best) return { event: best.event, tip: markTip(R, best.event) };
  let arrow = null, arrowD = 4;
  hits.arrows.forEach((a) => {
    const d = distToSegment(x, y, a.x1, a.y1, a.x2, a.y2);
    if (d < arrowD) { arrowD = d; arrow = a; }
  });
  if (arrow) return { event: R.ar.sendEv[arrow.arrow], tip: arrowTip(R, arrow.arrow) };
  for (let j = hits.spans.length - 1; j >= 0; j--) {
    const s = hits.spans[j];
    if (x >= s.x0 && x <= s.x1 && y >= s.y0 && y <= s.y1) return { event: s.event, tip: s.tip() };
  }
  return null;
}

function markTip(R, k) {
  const text = R.strings[R.ev.ref[k]] || R.eventTypes[R.ev.type[k]];
  const lines = text.split('\n');
  return '#' + evNo(R, k) + ' · ' + fmtTime(R.ev.t[k]) + '\n' + lines.slice(0, 6).join('\n') + (lines.length > 6 ? '\n…' : '');
}

function arrowTip(R, a) {
  const ar = R.ar, f = ar.flags[a];
  const summary = R.str(ar.summary[a]);
  const outcome = f & FLAG.dropped ? 'dropped (' + dropCause(f) + ')' : f & FLAG.inFlight ? 'in flight at the end' : f & FLAG.duplicate ? 'duplicate delivery' : 'delivered';
  return R.msgKinds[ar.kind[a]] + (summary ? ' ' + summary : '') + (f & FLAG.reply ? ' (reply)' : '') + '\n' +
    R.lanes[ar.from[a]].address + ' → ' + (ar.to[a] >= 0 ? R.lanes[ar.to[a]].address : '?') + '\n' +
    fmtTime(ar.sendT[a]) + ' → ' + fmtTime(ar.endT[a]) + ' · ' + outcome + ' after ' + fmtDur(ar.endT[a] - ar.sendT[a]);
}

function showTip(e, text) {
  const tip = document.getElementById('tip');
  if (!text) { tip.style.display = 'none'; return; }
  tip.textContent = text;
  tip.style.display = 'block';
  const w = tip.offsetWidth, h = tip.offsetHeight;
  tip.style.left = Math.min(e.clientX + 14, window.innerWidth - w - 4) + 'px';
  tip.style.top = Math.min(e.clientY + 14, window.innerHeight - h - 4) + 'px';
}

// Drag to pan, click to select, wheel to zoom (shift: pan, alt: scroll lanes), hover for details.
function installChartPointer(app, canvas, hitsOf, yOffset) {
  const R = app.R, S = app.S;
  let drag = null;
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, moved: false };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    const r = canvas.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top + yOffset();
    if (drag) {
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) > 2 || drag.moved) {
        drag.moved = true; canvas.classList.add('dragging');
        panByPixels(R, S, dx); drag.x = e.clientX; showTip(e, null); app.redraw();
      }
      return;
    }
    let hit = x >= G.labelW ? pick(app, hitsOf(), x, y) : null;
    if (!hit && x < G.labelW && canvas === app.els.lanes && groupHeaderAtY(S, y) !== null && rowLanesAtY(S, y).length !== 1) {
      hit = { event: -1, tip: 'click: ' + (S.collapsed.has(groupHeaderAtY(S, y)) ? 'show this node\'s processes again' : 'collapse this node\'s processes onto one row') };
    }
    if (!hit && x < G.labelW && canvas === app.els.lanes) {
      const lanes = rowLanesAtY(S, y);
      if (lanes.length) hit = { event: -1, tip: lanes.map((l) => R.lanes[l].address + '\n' + R.lanes[l].inc.map((c) => '  ' + c.pid + ' ' + fmtTime(c.start) + ' → ' + (c.end === null ? 'end' : fmtTime(c.end) + ' (' + c.reason + ')')).join('\n')).join('\n') };
    }
    showTip(e, hit ? hit.tip : null);
  });
  canvas.addEventListener('pointerup', (e) => {
    const r = canvas.getBoundingClientRect();
    if (drag && !drag.moved && canvas === app.els.lanes && e.clientX - r.left < G.labelW) {
      // a click on a node's name collapses its processes onto one row, or opens them again
      const node = groupHeaderAtY(S, e.clientY - r.top + yOffset());
      if (node !== null) { if (S.collapsed.has(node)) S.collapsed.delete(node); else S.collapsed.add(node); app.filtersChanged(); }
    } else if (drag && !drag.moved) {
      const hit = pick(app, hitsOf(), e.clientX - r.left, e.clientY - r.top + yOffset());
      if (hit && hit.chapter !== undefined) app.goChapter(hit.chapter);
      else if (hit && hit.violation !== undefined) app.focusViolation(hit.violation);
      else if (hit && hit.event >= 0) app.select(hit.event, false);
    }
    drag = null; canvas.classList.remove('dragging');
  });
  canvas.addEventListener('pointerleave', (e) => { if (!drag) showTip(e, null); });
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    if (e.altKey) { app.els.wrap.scrollTop += e.deltaY; return; }
    const r = canvas.getBoundingClientRect();
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) panByPixels(R, S, -(e.deltaX || e.deltaY));
    else zoomAround(R, S, Math.exp(e.deltaY * 0.0015), tOf(S, Math.max(G.labelW, e.clientX - r.left)));
    app.redraw();
  }, { passive: false });
}

function installOverview(app) {
  const R = app.R, S = app.S, cv = app.els.overview;
  let grab = null;
  const timeAt = (e) => (e.clientX - cv.getBoundingClientRect().left - G.labelW) / plotW(S) * R.endT;
  cv.addEventListener('pointerdown', (e) => {
    const t = timeAt(e), w = S.t1 - S.t0;
    grab = t >= S.t0 && t <= S.t1 ? t - S.t0 : w / 2;
    S.t0 = t - grab; S.t1 = S.t0 + w; clampView(R, S); app.redraw();
    cv.setPointerCapture(e.pointerId);
  });
  cv.addEventListener('pointermove', (e) => {
    if (grab === null) return;
    const w = S.t1 - S.t0;
    S.t0 = timeAt(e) - grab; S.t1 = S.t0 + w; clampView(R, S); app.redraw();
  });
  cv.addEventListener('pointerup', () => { grab = null; });
}

// The toolbar acts on the run being stepped through (active()); zoom, filters and panels on every run
// on the page (apps: one, or the two of a comparison, which share one time window).
function installToolbar(apps, active) {
  const mid = (S) => (S.t0 + S.t1) / 2;
  const on = (id, fn) => document.getElementById(id).addEventListener('click', fn);
  on('btn-zoom-in', () => { const a = active(), R = a.R, S = a.S; zoomAround(R, S, 0.5, S.current >= 0 && R.ev.t[S.current] >= S.t0 && R.ev.t[S.current] <= S.t1 ? R.ev.t[S.current] : mid(S)); a.redraw(); });
  on('btn-zoom-out', () => { const a = active(); zoomAround(a.R, a.S, 2, mid(a.S)); a.redraw(); });
  on('btn-fit', () => { const a = active(); fitAll(a.R, a.S); a.redraw(); });
  on('btn-prev', (e) => step(active(), -1, active().S.keyOnly || e.shiftKey));
  on('btn-next', (e) => step(active(), 1, active().S.keyOnly || e.shiftKey));
  on('btn-first', () => { const a = active(); a.S.current = -1; step(a, 1, a.S.keyOnly); });
  on('btn-last', () => { const a = active(); a.S.current = a.R.ev.n; step(a, -1, a.S.keyOnly); });
  on('btn-panels', () => {
    const hidden = document.body.classList.toggle('aside-hidden');
    document.getElementById('btn-panels').textContent = hidden ? 'Panels ◂' : 'Panels ▸';
    apps.forEach((a) => a.resize());
  });
  const keyOnly = document.getElementById('key-only');
  keyOnly.addEventListener('change', () => { apps.forEach((a) => { a.S.keyOnly = keyOnly.checked; }); });
  const filter = document.getElementById('lane-filter');
  filter.addEventListener('input', () => { apps.forEach((a) => { a.S.text = filter.value.trim().toLowerCase(); a.filtersChanged(); }); });
}

function installKeyboard(active) {
  document.addEventListener('keydown', (e) => {
    const tag = e.target && e.target.tagName;
    if ((tag === 'INPUT' && e.target.type === 'text') || tag === 'TEXTAREA' || e.ctrlKey || e.metaKey || e.altKey) return;
    const app = active(), R = app.R, S = app.S;
    const mid = (S.t0 + S.t1) / 2;
    let handled = true;
    switch (e.key) {
      case 'ArrowRight': case 'n': case 'j': step(app, 1, S.keyOnly || e.shiftKey); break;
      case 'ArrowLeft': case 'p': case 'k': step(app, -1, S.keyOnly || e.shiftKey); break;
      case 'N': case 'J': step(app, 1, true); break;
      case 'P': case 'K': step(app, -1, true); break;
      case '+': case '=': case 'w': zoomAround(R, S, 0.5, S.current >= 0 ? R.ev.t[S.current] : mid); app.redraw(); break;
      case '-': case '_': case 's': zoomAround(R, S, 2, mid); app.redraw(); break;
      case '0': fitAll(R, S); app.redraw(); break;
      case 'a': panByPixels(R, S, plotW(S) / 4); app.redraw(); break;
      case 'd': panByPixels(R, S, -plotW(S) / 4); app.redraw(); break;
      case 'Home': S.current = -1; step(app, 1, S.keyOnly); break;
      case 'End': S.current = R.ev.n; step(app, -1, S.keyOnly); break;
      case 'c': if (S.current >= 0) { centreOn(R, S, R.ev.t[S.current]); app.redraw(); } break;
      case ']': case 'PageDown': app.moveChapter(1); break;
      case '[': case 'PageUp': app.moveChapter(-1); break;
      case 'Escape': if (S.focus) { S.followLanes = false; const f = document.getElementById('moment-lanes'); if (f) f.checked = false; app.applyChapterLanes(); } else handled = false; break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  });
}

// The chart's own controls (pointer, overview, scrolling) for each run; toolbar and keys once.
function installControls(app, apps, active) {
  apps.forEach((a) => {
    installChartPointer(a, a.els.lanes, () => a.hits.lanes, () => a.S.scrollY);
    installChartPointer(a, a.els.top, () => a.hits.top, () => 0);
    installOverview(a);
    a.els.wrap.addEventListener('scroll', () => { a.S.scrollY = a.els.wrap.scrollTop; a.redraw(); });
    window.addEventListener('resize', () => a.resize());
  });
  installToolbar(apps, active);
  installKeyboard(active);
}
`;
