/**
 * Browser code (plain JS): the strips above the lanes (time axis, network faults, every director's
 * span packed into rows so overlapping directors show at a glance) and the overview bar, which is
 * the whole run's event density with the visible window on it (the horizontal scrollbar).
 */
export const DRAW_STRIPS_JS = String.raw`
// ---- draw: top strips and overview ------------------------------------------------------
// The strips' rows, top to bottom: time axis (with the story's chapter pins), network faults,
// directors, commits acknowledged per generation, availability, violations.
function topLayout(R) {
  const L = {};
  let y = 0;
  L.axis = y; y += G.axisH;
  L.net = y; y += G.netH;
  L.dirs = y; L.dirRows = Math.max(2, Math.min(R.directorRows, G.maxDirRows)); y += L.dirRows * G.dirRowH + 3;
  L.gens = y; L.genRows = Math.max(1, Math.min(R.generations.length, G.maxGenRows)); y += L.genRows * G.genRowH + 4;
  L.avail = y; y += G.availH;
  L.vio = y; y += R.violations.length ? G.vioH : 0;
  L.h = y + 2;
  return L;
}

function topHeight(R) { return topLayout(R).h; }

function drawTop(R, S, ctx, hit, stats) {
  const W = S.width, L = topLayout(R), H = L.h;
  ctx.clearRect(0, 0, W, H);
  ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, W, H);
  ctx.font = '11px system-ui, sans-serif'; ctx.textBaseline = 'middle';
  ctx.save(); ctx.beginPath(); ctx.rect(G.labelW, 0, W - G.labelW, H); ctx.clip();
  drawAxis(R, S, ctx, H);
  drawNetworkStrip(R, S, ctx, hit, L);
  drawDirectorStrip(R, S, ctx, hit, L);
  drawCommitStrip(R, S, ctx, hit, L);
  drawAvailability(R, S, ctx, hit, L);
  drawViolationStrip(R, S, ctx, hit, L);
  if (S.violation >= 0) {
    const x = xOf(S, R.ev.t[R.violations[S.violation].event]);
    ctx.strokeStyle = 'rgba(200,16,46,0.55)'; ctx.setLineDash([6, 4]); ctx.lineWidth = 1.5;
    ctx.beginPath(); ctx.moveTo(x, G.axisH); ctx.lineTo(x, H); ctx.stroke(); ctx.setLineDash([]);
  }
  if (S.current >= 0) {
    const x = xOf(S, R.ev.t[S.current]);
    ctx.strokeStyle = 'rgba(36,86,199,0.7)'; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(x + 0.5, 0); ctx.lineTo(x + 0.5, H); ctx.stroke();
  }
  drawLivenessTop(R, S, ctx, hit, H);
  if (R.divergence || R.pubDiffs) drawDivergenceTop(R, S, ctx, hit, H);
  stats.chapterPinsDrawn = drawChapterPins(R, S, ctx, hit);
  if (stats.aggregated) {
    const text = stats.aggregatedMessages + ' messages shown as activity heat; zoom in to see them as arrows';
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    const w = ctx.measureText(text).width + 10;
    ctx.fillRect(W - w - 4, L.net + 1, w, G.netH - 2);
    ctx.fillStyle = '#667085'; ctx.fillText(text, W - w + 1, L.net + G.netH / 2);
  }
  ctx.restore();
  ctx.fillStyle = '#1d2330'; ctx.font = 'bold 11px system-ui, sans-serif';
  const label = (text, y, h, sub) => {
    ctx.font = 'bold 11px system-ui, sans-serif'; ctx.fillStyle = '#1d2330'; ctx.fillText(text, 8, y + h / 2);
    if (sub) { const w = ctx.measureText(text).width; ctx.font = '10px system-ui, sans-serif'; ctx.fillStyle = '#667085'; ctx.fillText(sub, 12 + w, y + h / 2); }
  };
  label('time', L.axis, G.axisH, R.chapters.length ? '(numbers: story moments)' : '');
  label('network faults', L.net, G.netH);
  label('directors', L.dirs, G.dirRowH * 2, '(overlap = competing)');
  label('commits acked', L.gens, Math.max(G.genRowH * L.genRows, 12), 'per generation');
  label('availability', L.avail, G.availH);
  if (R.violations.length) { label('violations', L.vio, G.vioH, '(' + R.violations.length + ')'); }
  ctx.strokeStyle = '#cfd5de'; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(0, H - 0.5); ctx.lineTo(W, H - 0.5); ctx.moveTo(G.labelW - 0.5, 0); ctx.lineTo(G.labelW - 0.5, H);
  [L.net, L.dirs, L.gens, L.avail, L.vio].forEach((y) => { ctx.moveTo(0, y + 0.5); ctx.lineTo(G.labelW, y + 0.5); });
  ctx.stroke();
}

// Numbered pins on the time axis, one per chapter of the story; pushed apart when they would overlap.
function drawChapterPins(R, S, ctx, hit) {
  let last = -1e9, drawn = 0;
  ctx.save();
  ctx.font = 'bold 10px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
  R.chapters.forEach((c, k) => {
    if (c.t < S.t0 || c.t > S.t1) return;
    const xt = xOf(S, c.t), x = Math.max(xt, last + 15), y = G.axisH / 2 + 1;
    last = x;
    const current = k === S.chapter, bad = c.kind === 'violation';
    ctx.strokeStyle = current ? '#1e3a8a' : '#2456c7'; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(xt + 0.5, y + 6); ctx.lineTo(xt + 0.5, G.axisH); ctx.stroke();
    ctx.fillStyle = current ? '#1e3a8a' : bad ? VIOLATION_RED : c.kind === 'liveness' ? LIVENESS_INK : '#2456c7';
    ctx.beginPath(); ctx.arc(x, y, 7, 0, 7); ctx.fill();
    if (current) { ctx.strokeStyle = '#facc15'; ctx.lineWidth = 2; ctx.stroke(); }
    ctx.fillStyle = '#ffffff'; ctx.fillText(String(k + 1), x, y + 0.5);
    hit.marks.push({ x: x, y: y, event: c.event, chapter: k });
    drawn++;
  });
  ctx.restore();
  return drawn;
}

function drawAxis(R, S, ctx, H) {
  const step = niceStep((S.t1 - S.t0) / Math.max(1, plotW(S) / 110));
  ctx.fillStyle = '#f6f7f9'; ctx.fillRect(G.labelW, 0, S.width, G.axisH);
  ctx.strokeStyle = '#e3e6ec'; ctx.lineWidth = 1; ctx.fillStyle = '#475569';
  for (let t = Math.ceil(S.t0 / step) * step; t <= S.t1; t += step) {
    const x = Math.round(xOf(S, t)) + 0.5;
    ctx.beginPath(); ctx.moveTo(x, G.axisH - 6); ctx.lineTo(x, H); ctx.stroke();
    ctx.fillText(fmtTick(t, step), x + 3, G.axisH / 2);
  }
}

function drawNetworkStrip(R, S, ctx, hit, L) {
  const y = L.net + 2, h = G.netH - 4;
  R.partitions.forEach((p) => {
    if (p.end < S.t0 || p.start > S.t1) return;
    const x0 = Math.max(G.labelW, xOf(S, p.start)), x1 = Math.min(S.width, xOf(S, p.end));
    ctx.fillStyle = p.oneWay ? PARTITION_ONE_WAY.strip : PARTITION_TWO_WAY.strip;
    ctx.fillRect(x0, y, Math.max(1, x1 - x0), h / 2);
    const label = p.from.join(',') + (p.oneWay ? '-/->' : '<-/->') + p.to.join(',');
    if (x1 - x0 > ctx.measureText(label).width + 6) { ctx.fillStyle = '#1d2330'; ctx.font = '9px system-ui, sans-serif'; ctx.fillText(label, x0 + 3, y + h / 4); ctx.font = '11px system-ui, sans-serif'; }
    hit.spans.push({ x0: x0, x1: x1, y0: y, y1: y + h / 2, event: p.startEvent, tip: () => partitionText(p) });
  });
  R.network.forEach((n) => {
    if (n.end < S.t0 || n.start > S.t1) return;
    const x0 = Math.max(G.labelW, xOf(S, n.start)), x1 = Math.min(S.width, xOf(S, n.end));
    ctx.fillStyle = n.kind === 'clog' ? 'rgba(161,98,7,0.35)' : 'rgba(100,116,139,0.4)';
    ctx.fillRect(x0, y + h / 2, Math.max(1, x1 - x0), h / 2);
    hit.spans.push({ x0: x0, x1: x1, y0: y + h / 2, y1: y + h, event: n.startEvent,
      tip: () => n.label + '\n' + fmtTime(n.start) + ' → ' + fmtTime(n.end) });
  });
  // Each fault the nemesis made (scripted, random or aimed): a bolt.
  const faultType = R.typeId.get('fault'), triggerType = R.typeId.get('trigger-fired');
  const lo = lowerBoundBy(R.marks, R.ev.t, S.t0), hi = lowerBoundBy(R.marks, R.ev.t, S.t1 + 1);
  let last = -1e9;
  for (let j = lo; j < hi; j++) {
    const k = R.marks[j];
    if (R.ev.type[k] !== faultType && R.ev.type[k] !== triggerType) continue;
    const x = xOf(S, R.ev.t[k]);
    if (x - last < 3) continue;
    last = x;
    bolt(ctx, x, y + h / 2, h / 2 + 1);
    hit.marks.push({ x: x, y: y + h / 2, event: k });
  }
}

function drawDirectorStrip(R, S, ctx, hit, L) {
  const y0 = L.dirs;
  ctx.font = 'bold 9px system-ui, sans-serif';
  R.directors.forEach((d) => {
    const end = d.end === null ? R.endT : d.end;
    if (end < S.t0 || d.start > S.t1) return;
    const y = y0 + Math.min(d.row, G.maxDirRows - 1) * G.dirRowH + 1, h = G.dirRowH - 2;
    const color = colorOfEpoch(R, d.epoch);
    const pub = d.publishedAt === null ? end : Math.min(d.publishedAt, end);
    const a0 = Math.max(G.labelW - 2, xOf(S, d.start)), a1 = Math.min(S.width + 2, xOf(S, pub));
    ctx.fillStyle = hatch(ctx, color); ctx.fillRect(a0, y, Math.max(1, a1 - a0), h);
    ctx.strokeStyle = color; ctx.lineWidth = 1; ctx.strokeRect(a0 + 0.5, y + 0.5, Math.max(1, a1 - a0 - 1), h - 1);
    let x1 = a1;
    if (d.publishedAt !== null && d.publishedAt < end) {
      const b0 = Math.max(G.labelW - 2, xOf(S, d.publishedAt));
      x1 = Math.min(S.width + 2, xOf(S, end));
      ctx.fillStyle = color; ctx.fillRect(b0, y, Math.max(1, x1 - b0), h);
    }
    const label = 'e' + d.epoch;
    if (d.row >= G.maxDirRows) return;
    if (x1 - a0 > ctx.measureText(label).width + 4) {
      ctx.fillStyle = '#ffffff'; ctx.fillRect(Math.max(a0, G.labelW) + 1, y + 1, ctx.measureText(label).width + 3, h - 2);
      ctx.fillStyle = '#1d2330'; ctx.fillText(label, Math.max(a0, G.labelW) + 2, y + h / 2);
    }
    hit.spans.push({ x0: a0, x1: x1, y0: y, y1: y + h, event: d.startEvent, tip: () => directorText(R, d) });
  });
  ctx.font = '11px system-ui, sans-serif';
}

// Commits acknowledged to the client, one row per generation: a tick per acknowledgement on a
// line from the generation's first to its last. Where a generation still acknowledges after a
// newer layout was published, the stretch is hatched: two generations serving clients is the
// picture of split-brain (red when no-split-brain flagged a violation inside it).
function drawCommitStrip(R, S, ctx, hit, L) {
  const gens = R.generations;
  if (gens.length === 0) {
    ctx.fillStyle = '#98a2b3'; ctx.font = '10px system-ui, sans-serif';
    ctx.fillText('no commit acknowledged in this run', G.labelW + 6, L.gens + G.genRowH / 2 + 2);
    return;
  }
  const rows = L.genRows;
  gens.forEach((g, k) => {
    const row = Math.min(k, rows - 1), y = L.gens + 2 + row * G.genRowH, h = G.genRowH - 2;
    if (g.last < S.t0 || g.first > S.t1) return;
    const color = colorOfEpoch(R, g.epoch);
    const x0 = Math.max(G.labelW - 2, xOf(S, g.first)), x1 = Math.min(S.width + 2, xOf(S, g.last));
    ctx.fillStyle = color; ctx.globalAlpha = 0.18; ctx.fillRect(x0, y, Math.max(1, x1 - x0), h); ctx.globalAlpha = 1;
    if (g.stale > 0) {
      const s0 = Math.max(G.labelW - 2, xOf(S, g.supersededAt)), s1 = Math.min(S.width + 2, xOf(S, g.lastStale));
      const flagged = R.violations.some((v) => v.invariant === 'no-split-brain' && v.t >= g.supersededAt && v.t <= g.lastStale + 1000);
      ctx.fillStyle = hatch(ctx, flagged ? 'rgba(200,16,46,0.75)' : 'rgba(51,65,85,0.6)');
      ctx.fillRect(s0, L.gens, Math.max(2, s1 - s0), rows * G.genRowH + 2);
      hit.spans.push({ x0: s0, x1: Math.max(s0 + 2, s1), y0: L.gens, y1: L.gens + rows * G.genRowH + 2, event: -1,
        tip: () => 'generation e' + g.epoch + ' acknowledged ' + g.stale + ' commit' + (g.stale === 1 ? '' : 's') + ' after layout e' + g.supersededBy + ' was published (' + fmtTime(g.supersededAt) + ')\n' +
          (flagged ? 'no-split-brain flagged it: two generations serving clients' : 'acknowledged versions the newer generation recovered: not a violation') });
    }
    ctx.fillStyle = color;
    const lo = lowerBound(g.ticks, S.t0), hi = lowerBound(g.ticks, S.t1 + 1);
    let lastX = -1;
    for (let j = lo; j < hi; j++) {
      const x = Math.round(xOf(S, g.ticks[j]));
      if (x === lastX) continue;
      lastX = x;
      ctx.fillRect(x, y, 1, h);
    }
    if (x1 - x0 > 30) {
      ctx.font = 'bold 8px system-ui, sans-serif';
      const tx = Math.max(x0, G.labelW) + 2, text = 'e' + g.epoch;
      ctx.fillStyle = 'rgba(255,255,255,0.85)'; ctx.fillRect(tx - 1, y, ctx.measureText(text).width + 2, h);
      ctx.fillStyle = '#1d2330'; ctx.fillText(text, tx, y + h / 2 + 0.5);
    }
    hit.spans.push({ x0: x0, x1: x1, y0: y, y1: y + h, event: -1,
      tip: () => 'generation e' + g.epoch + ': ' + g.n + ' commits acknowledged\n' + fmtTime(g.first) + ' → ' + fmtTime(g.last) +
        (g.supersededAt !== null ? '\nlayout e' + g.supersededBy + ' published ' + fmtTime(g.supersededAt) + (g.stale ? '; ' + g.stale + ' acknowledged after that' : '') : '') });
  });
}

// Stretches with no commit acknowledged while the workload ran: the price of recovery.
function drawAvailability(R, S, ctx, hit, L) {
  const y = L.avail + 2, h = G.availH - 4;
  if (R.acks.t.length === 0) return;
  const first = R.acks.t[0];
  const a0 = Math.max(G.labelW, xOf(S, first)), a1 = Math.min(S.width, xOf(S, R.endT));
  ctx.fillStyle = 'rgba(21,128,61,0.28)'; ctx.fillRect(a0, y, Math.max(0, a1 - a0), h);
  R.outages.forEach((o) => {
    if (o.end < S.t0 || o.start > S.t1) return;
    const x0 = Math.max(G.labelW, xOf(S, o.start)), x1 = Math.min(S.width, xOf(S, o.end));
    ctx.fillStyle = '#ffffff'; ctx.fillRect(x0, y, Math.max(1, x1 - x0), h);
    ctx.fillStyle = hatch(ctx, 'rgba(71,85,105,0.7)'); ctx.fillRect(x0, y, Math.max(1, x1 - x0), h);
    ctx.strokeStyle = '#475569'; ctx.lineWidth = 1; ctx.strokeRect(x0 + 0.5, y + 0.5, Math.max(1, x1 - x0 - 1), h - 1);
    const text = 'no commits for ' + fmtDur(o.end - o.start);
    ctx.font = 'bold 9px system-ui, sans-serif';
    if (x1 - x0 > ctx.measureText(text).width + 8) {
      const tx = Math.max(x0, G.labelW) + 4;
      ctx.fillStyle = 'rgba(255,255,255,0.9)'; ctx.fillRect(tx - 2, y, ctx.measureText(text).width + 4, h);
      ctx.fillStyle = '#1d2330'; ctx.fillText(text, tx, y + h / 2 + 0.5);
    }
    hit.spans.push({ x0: x0, x1: x1, y0: y, y1: y + h, event: -1,
      tip: () => 'unavailable: no commit acknowledged from ' + fmtTime(o.start) + ' to ' + fmtTime(o.end) + ' (' + fmtDur(o.end - o.start) + ')' });
  });
}

// Every violation as a red tick; the one in focus taller.
function drawViolationStrip(R, S, ctx, hit, L) {
  if (!R.violations.length) return;
  const y = L.vio + 1, h = G.vioH - 2;
  ctx.fillStyle = VIOLATION_RED;
  let last = -1;
  R.violations.forEach((v, k) => {
    if (v.t < S.t0 || v.t > S.t1) return;
    const x = Math.round(xOf(S, v.t));
    if (k === S.violation) { ctx.fillRect(x - 1.5, y, 3, h); hit.marks.push({ x: x, y: y + h / 2, event: v.event, violation: k }); return; }
    if (x === last) return;
    last = x;
    ctx.fillRect(x - 0.5, y + 2, 1.5, h - 4);
    hit.marks.push({ x: x, y: y + h / 2, event: v.event, violation: k });
  });
}

// Event density over the whole run, computed once per width (kept on the run's data).

function density(R, width) {
  const densityCache = R.densityCache;
  if (densityCache && densityCache.width === width) return densityCache;
  const bins = new Float32Array(Math.max(1, width));
  const t = R.ev.t;
  for (let k = 0; k < R.ev.n; k++) bins[Math.min(width - 1, Math.floor(t[k] / R.endT * width))]++;
  let max = 1;
  for (let k = 0; k < bins.length; k++) if (bins[k] > max) max = bins[k];
  R.densityCache = { width: width, bins: bins, max: max };
  return R.densityCache;
}

function overviewX(R, S, t) { return G.labelW + t / R.endT * plotW(S); }

function drawOverview(R, S, ctx) {
  const W = S.width, H = G.overviewH, w = Math.floor(plotW(S));
  ctx.clearRect(0, 0, W, H);
  ctx.fillStyle = '#f1f3f6'; ctx.fillRect(0, 0, W, H);
  const d = density(R, w);
  ctx.fillStyle = 'rgba(71,85,105,0.45)';
  for (let k = 0; k < w; k++) {
    if (d.bins[k] === 0) continue;
    const h = Math.max(1, Math.log(1 + d.bins[k]) / Math.log(1 + d.max) * (H - 2));
    ctx.fillRect(G.labelW + k, H - h, 1, h);
  }
  ctx.fillStyle = VIOLATION_RED;
  R.markers.forEach((m) => ctx.fillRect(overviewX(R, S, R.ev.t[m.event]) - 0.5, 0, 1, H / 2));
  ctx.fillStyle = '#2456c7';
  R.chapters.forEach((c) => ctx.fillRect(overviewX(R, S, c.t) - 1, H / 2, 2, H / 2));
  const x0 = overviewX(R, S, S.t0), x1 = overviewX(R, S, S.t1);
  ctx.fillStyle = 'rgba(36,86,199,0.15)'; ctx.fillRect(x0, 0, Math.max(3, x1 - x0), H);
  ctx.strokeStyle = '#2456c7'; ctx.lineWidth = 1.5; ctx.strokeRect(x0 + 0.5, 0.75, Math.max(3, x1 - x0) - 1, H - 1.5);
  ctx.fillStyle = '#1d2330'; ctx.font = '10px system-ui, sans-serif'; ctx.textBaseline = 'middle';
  ctx.fillText('whole run ' + fmtDur(R.endT), 8, H / 2);
}
`;
