/**
 * Browser code (plain JS): the strips above the lanes (time axis, network faults, every director's
 * span packed into rows so overlapping directors show at a glance) and the overview bar, which is
 * the whole run's event density with the visible window on it (the horizontal scrollbar).
 */
export const DRAW_STRIPS_JS = String.raw`
// ---- draw: top strips and overview ------------------------------------------------------
function topHeight(R) {
  return G.axisH + G.netH + Math.max(2, Math.min(R.directorRows, G.maxDirRows)) * G.dirRowH + 6;
}

function drawTop(R, S, ctx, hit, stats) {
  const W = S.width, H = topHeight(R);
  ctx.clearRect(0, 0, W, H);
  ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, W, H);
  ctx.font = '11px system-ui, sans-serif'; ctx.textBaseline = 'middle';
  ctx.save(); ctx.beginPath(); ctx.rect(G.labelW, 0, W - G.labelW, H); ctx.clip();
  drawAxis(R, S, ctx, H);
  drawNetworkStrip(R, S, ctx, hit);
  drawDirectorStrip(R, S, ctx, hit);
  R.markers.forEach((m) => {
    if (m.role !== 'violation') return;
    const x = xOf(S, R.ev.t[m.event]);
    ctx.strokeStyle = 'rgba(200,16,46,0.55)'; ctx.setLineDash([6, 4]); ctx.lineWidth = 1.5;
    ctx.beginPath(); ctx.moveTo(x, G.axisH); ctx.lineTo(x, H); ctx.stroke(); ctx.setLineDash([]);
  });
  if (S.current >= 0) {
    const x = xOf(S, R.ev.t[S.current]);
    ctx.strokeStyle = 'rgba(36,86,199,0.7)'; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(x + 0.5, 0); ctx.lineTo(x + 0.5, H); ctx.stroke();
  }
  if (stats.aggregated) {
    const text = stats.aggregatedMessages + ' messages shown as activity heat; zoom in to see them as arrows';
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    const w = ctx.measureText(text).width + 10;
    ctx.fillRect(W - w - 4, 2, w, 16);
    ctx.fillStyle = '#667085'; ctx.fillText(text, W - w + 1, 10);
  }
  ctx.restore();
  ctx.fillStyle = '#1d2330'; ctx.font = 'bold 11px system-ui, sans-serif';
  ctx.fillText('time', 8, G.axisH / 2);
  ctx.fillText('network faults', 8, G.axisH + G.netH / 2);
  ctx.fillText('directors', 8, G.axisH + G.netH + G.dirRowH);
  ctx.font = '10px system-ui, sans-serif'; ctx.fillStyle = '#667085';
  ctx.fillText('(overlap = competing)', 8, G.axisH + G.netH + G.dirRowH * 2);
  ctx.strokeStyle = '#cfd5de'; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(0, H - 0.5); ctx.lineTo(W, H - 0.5); ctx.moveTo(G.labelW - 0.5, 0); ctx.lineTo(G.labelW - 0.5, H); ctx.stroke();
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

function drawNetworkStrip(R, S, ctx, hit) {
  const y = G.axisH + 2, h = G.netH - 4;
  R.partitions.forEach((p) => {
    if (p.end < S.t0 || p.start > S.t1) return;
    const x0 = Math.max(G.labelW, xOf(S, p.start)), x1 = Math.min(S.width, xOf(S, p.end));
    ctx.fillStyle = p.oneWay ? 'rgba(124,58,237,0.35)' : 'rgba(234,88,12,0.35)';
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
  const faultType = R.typeId.get('fault');
  const lo = lowerBoundBy(R.marks, R.ev.t, S.t0), hi = lowerBoundBy(R.marks, R.ev.t, S.t1 + 1);
  ctx.fillStyle = '#1d2330';
  for (let j = lo; j < hi; j++) {
    const k = R.marks[j];
    if (R.ev.type[k] !== faultType) continue;
    const x = xOf(S, R.ev.t[k]);
    ctx.fillRect(x - 0.5, y, 1.5, h);
    hit.marks.push({ x: x, y: y + h / 2, event: k });
  }
}

function drawDirectorStrip(R, S, ctx, hit) {
  const y0 = G.axisH + G.netH;
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
    if (x1 - a0 > ctx.measureText(label).width + 4) {
      ctx.fillStyle = '#ffffff'; ctx.fillRect(Math.max(a0, G.labelW) + 1, y + 1, ctx.measureText(label).width + 3, h - 2);
      ctx.fillStyle = '#1d2330'; ctx.fillText(label, Math.max(a0, G.labelW) + 2, y + h / 2);
    }
    hit.spans.push({ x0: a0, x1: x1, y0: y, y1: y + h, event: d.startEvent, tip: () => directorText(R, d) });
  });
  ctx.font = '11px system-ui, sans-serif';
}

// Event density over the whole run, computed once per width.
let densityCache = null;
function density(R, width) {
  if (densityCache && densityCache.width === width) return densityCache;
  const bins = new Float32Array(Math.max(1, width));
  const t = R.ev.t;
  for (let k = 0; k < R.ev.n; k++) bins[Math.min(width - 1, Math.floor(t[k] / R.endT * width))]++;
  let max = 1;
  for (let k = 0; k < bins.length; k++) if (bins[k] > max) max = bins[k];
  densityCache = { width: width, bins: bins, max: max };
  return densityCache;
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
  ctx.fillStyle = '#c8102e';
  R.markers.forEach((m) => { if (m.role === 'violation') ctx.fillRect(overviewX(R, S, R.ev.t[m.event]) - 1, 0, 2, H); });
  const x0 = overviewX(R, S, S.t0), x1 = overviewX(R, S, S.t1);
  ctx.fillStyle = 'rgba(36,86,199,0.15)'; ctx.fillRect(x0, 0, Math.max(3, x1 - x0), H);
  ctx.strokeStyle = '#2456c7'; ctx.lineWidth = 1.5; ctx.strokeRect(x0 + 0.5, 0.75, Math.max(3, x1 - x0) - 1, H - 1.5);
  ctx.fillStyle = '#1d2330'; ctx.font = '10px system-ui, sans-serif'; ctx.textBaseline = 'middle';
  ctx.fillText('whole run ' + fmtDur(R.endT), 8, H / 2);
}
`;
