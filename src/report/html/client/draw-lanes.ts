/**
 * Browser code (plain JS): draws the lanes canvas for the visible time window only: node groups
 * (down spans, partitions), lock bands, director spans and phases, messages (see draw-messages),
 * event marks, violation markers and the cursor. Everything drawn is recorded in `hit` for hover
 * and click.
 */
export const DRAW_LANES_JS = String.raw`
// ---- draw: lanes ---------------------------------------------------------------------------
function newHits() { return { marks: [], arrows: [], spans: [] }; }

function drawLanes(R, S, ctx, hit, stats) {
  const W = S.width, H = S.lanesH, top = S.scrollY;
  const box = { yMin: top, yMax: top + H, x0: G.labelW, x1: W };
  ctx.clearRect(0, 0, W, H);
  ctx.save();
  ctx.translate(0, -top);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';

  drawGroupBackgrounds(R, S, ctx, box);
  ctx.save();
  ctx.beginPath(); ctx.rect(box.x0, box.yMin, box.x1 - box.x0, H); ctx.clip();
  drawNodeSpans(R, S, ctx, box, hit);
  drawIncarnations(R, S, ctx, box);
  stats.bandsDrawn = drawBands(R, S, ctx, box, hit);
  stats.directorSpansDrawn = drawDirectorSpans(R, S, ctx, box, hit);
  drawPhases(R, S, ctx, box, hit);
  drawMessages(R, S, ctx, box, hit, stats);
  stats.marksDrawn = drawMarks(R, S, ctx, box, hit);
  stats.violationMarkersDrawn = drawViolationMarkers(R, S, ctx, box);
  drawCursor(R, S, ctx, box);
  ctx.restore();
  drawLaneLabels(R, S, ctx, box);
  ctx.restore();
}

function rowOnScreen(y, h, box) { return y + h >= box.yMin && y <= box.yMax; }

function spanX(S, box, start, end) {
  return [Math.max(box.x0 - 2, xOf(S, start)), Math.min(box.x1 + 2, xOf(S, end))];
}

function drawGroupBackgrounds(R, S, ctx, box) {
  S.groups.forEach((g) => {
    if (!rowOnScreen(g.y, g.h, box)) return;
    ctx.fillStyle = '#e9edf3';
    ctx.fillRect(0, g.y, box.x1, G.nodeH);
    g.lanes.forEach((l, k) => {
      ctx.fillStyle = k % 2 === 0 ? '#ffffff' : '#f8f9fb';
      ctx.fillRect(0, S.laneY[l], box.x1, G.laneH);
    });
    ctx.strokeStyle = '#cfd5de'; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(0, g.y + 0.5); ctx.lineTo(box.x1, g.y + 0.5); ctx.stroke();
  });
}

// Node down spans (grey hatching over the node's group) and partitions (shading over the cut side).
function drawNodeSpans(R, S, ctx, box, hit) {
  const groupOf = new Map(S.groups.map((g) => [g.node, g]));
  R.nodeDown.forEach((d) => {
    const g = groupOf.get(d.node);
    if (!g || d.end < S.t0 || d.start > S.t1 || !rowOnScreen(g.y, g.h, box)) return;
    const x = spanX(S, box, d.start, d.end);
    ctx.fillStyle = 'rgba(100,116,139,0.18)'; ctx.fillRect(x[0], g.y, x[1] - x[0], g.h);
    ctx.fillStyle = hatch(ctx, 'rgba(71,85,105,0.35)'); ctx.fillRect(x[0], g.y, x[1] - x[0], g.h);
    if (x[1] - x[0] > 60) { ctx.fillStyle = '#334155'; ctx.fillText('node ' + d.node + ' down', x[0] + 4, g.y + G.nodeH / 2); }
    hit.spans.push({ x0: x[0], x1: x[1], y0: g.y, y1: g.y + G.nodeH, event: d.startEvent,
      tip: () => 'node ' + d.node + ' down\n' + fmtTime(d.start) + ' → ' + fmtTime(d.end) + ' (' + fmtDur(d.end - d.start) + ')' });
  });
  R.partitions.forEach((p) => {
    if (p.end < S.t0 || p.start > S.t1) return;
    const x = spanX(S, box, p.start, p.end);
    const fill = p.oneWay ? 'rgba(124,58,237,0.10)' : 'rgba(234,88,12,0.10)';
    const edge = p.oneWay ? 'rgba(124,58,237,0.6)' : 'rgba(234,88,12,0.6)';
    p.from.forEach((node) => {
      const g = groupOf.get(node);
      if (!g || !rowOnScreen(g.y, g.h, box)) return;
      ctx.fillStyle = fill; ctx.fillRect(x[0], g.y, x[1] - x[0], g.h);
      ctx.fillStyle = edge; ctx.fillRect(x[0], g.y, x[1] - x[0], 3);
      hit.spans.push({ x0: x[0], x1: x[1], y0: g.y, y1: g.y + G.nodeH, event: p.startEvent, tip: () => partitionText(p) });
    });
  });
}

function partitionText(p) {
  return 'partition ' + (p.id ? p.id + ' ' : '') + p.from.join(',') + (p.oneWay ? ' -/-> ' : ' <-/-> ') + p.to.join(',') +
    (p.only ? ' (only ' + p.only + ' to ' + p.only + ')' : '') + '\n' +
    fmtTime(p.start) + ' → ' + fmtTime(p.end) + ' (' + fmtDur(p.end - p.start) + ')';
}

// The line a process lives on: solid while an incarnation runs, absent while it is down.
function drawIncarnations(R, S, ctx, box) {
  R.lanes.forEach((lane, l) => {
    const y = S.laneY[l];
    if (y < 0 || !rowOnScreen(y, G.laneH, box)) return;
    const yb = y + G.base;
    ctx.strokeStyle = ROLE_COLOR[lane.role] || '#475569';
    ctx.globalAlpha = 0.55; ctx.lineWidth = 1.5;
    if (lane.inc.length === 0) ctx.setLineDash([2, 4]);
    ctx.beginPath();
    if (lane.inc.length === 0) { ctx.moveTo(box.x0, yb); ctx.lineTo(box.x1, yb); }
    lane.inc.forEach((c) => {
      const end = c.end === null ? R.endT : c.end;
      if (end < S.t0 || c.start > S.t1) return;
      const x = spanX(S, box, c.start, end);
      ctx.moveTo(x[0], yb); ctx.lineTo(x[1], yb);
    });
    ctx.stroke();
    ctx.setLineDash([]); ctx.globalAlpha = 1;
  });
}

function bandLabel(ctx, text, x0, x1, y) {
  if (x1 - x0 < ctx.measureText(text).width + 6) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillText(text, Math.max(x0, G.labelW) + 3, y);
}

// Each service's lock epoch as a band under its line, one colour per epoch.
function drawBands(R, S, ctx, box, hit) {
  let drawn = 0;
  ctx.save(); ctx.font = 'bold 9px system-ui, sans-serif';
  R.bands.forEach((b) => {
    const y = S.laneY[b.lane];
    if (y < 0 || b.end < S.t0 || b.start > S.t1 || !rowOnScreen(y, G.laneH, box)) return;
    const x = spanX(S, box, b.start, b.end);
    const yb = y + G.base + 2;
    ctx.fillStyle = colorOfEpoch(R, b.epoch); ctx.globalAlpha = 0.8;
    ctx.fillRect(x[0], yb, Math.max(1, x[1] - x[0]), 7);
    ctx.globalAlpha = 1;
    bandLabel(ctx, 'e' + b.epoch, x[0], x[1], yb + 3.5);
    drawn++;
    hit.spans.push({ x0: x[0], x1: x[1], y0: yb, y1: yb + 7, event: b.startEvent,
      tip: () => R.lanes[b.lane].name + ' locked at epoch ' + b.epoch + '\nby ' + b.director + '\n' + fmtTime(b.start) + ' → ' + (b.end >= R.endT ? 'end of run' : fmtTime(b.end)) });
  });
  ctx.restore();
  return drawn;
}

// A director's span of authority: hatched while it recovers, solid once its layout is published.
function drawDirectorSpans(R, S, ctx, box, hit) {
  let drawn = 0;
  ctx.save(); ctx.font = 'bold 9px system-ui, sans-serif';
  R.directors.forEach((d) => {
    const y = S.laneY[d.lane];
    const end = d.end === null ? R.endT : d.end;
    if (y < 0 || end < S.t0 || d.start > S.t1 || !rowOnScreen(y, G.laneH, box)) return;
    const yb = y + G.base + 2, color = colorOfEpoch(R, d.epoch);
    const pub = d.publishedAt === null ? end : Math.min(d.publishedAt, end);
    const a = spanX(S, box, d.start, pub);
    ctx.fillStyle = hatch(ctx, color); ctx.fillRect(a[0], yb, Math.max(1, a[1] - a[0]), 7);
    ctx.strokeStyle = color; ctx.lineWidth = 1; ctx.strokeRect(a[0] + 0.5, yb + 0.5, Math.max(1, a[1] - a[0] - 1), 6);
    if (d.publishedAt !== null && d.publishedAt < end) {
      const b = spanX(S, box, d.publishedAt, end);
      ctx.fillStyle = color; ctx.fillRect(b[0], yb, Math.max(1, b[1] - b[0]), 7);
      bandLabel(ctx, 'e' + d.epoch + ' authority', b[0], b[1], yb + 3.5);
    }
    drawn++;
    hit.spans.push({ x0: a[0], x1: xOf(S, end), y0: yb, y1: yb + 7, event: d.startEvent, tip: () => directorText(R, d) });
  });
  ctx.restore();
  return drawn;
}

function directorText(R, d) {
  return d.pid + ' (epoch ' + d.epoch + ')\nstarted ' + fmtTime(d.start) +
    '\n' + (d.publishedAt === null ? 'layout never published' : 'published ' + fmtTime(d.publishedAt)) +
    '\n' + (d.end === null ? 'still running at the end' : 'ended ' + fmtTime(d.end) + ' (' + d.reason + ')');
}

function drawPhases(R, S, ctx, box, hit) {
  ctx.save(); ctx.font = '9px system-ui, sans-serif';
  R.phases.forEach((p) => {
    const y = S.laneY[p.lane];
    if (y < 0 || p.end < S.t0 || p.start > S.t1 || !rowOnScreen(y, G.laneH, box)) return;
    const x = spanX(S, box, p.start, p.end);
    const w = Math.max(1, x[1] - x[0]);
    ctx.fillStyle = PHASE_COLOR[p.phase] || '#e5e7eb';
    ctx.fillRect(x[0], y + 1, w, 8);
    ctx.strokeStyle = 'rgba(0,0,0,0.25)'; ctx.lineWidth = 0.5; ctx.strokeRect(x[0] + 0.25, y + 1.25, w - 0.5, 7.5);
    if (w > ctx.measureText(p.phase).width + 4) { ctx.fillStyle = '#1f2937'; ctx.fillText(p.phase, Math.max(x[0], box.x0) + 2, y + 5); }
    hit.spans.push({ x0: x[0], x1: x[1], y0: y + 1, y1: y + 9, event: p.startEvent,
      tip: () => 'phase ' + p.phase + ' (epoch ' + p.epoch + ', attempt ' + p.attempt + ')\n' + fmtTime(p.start) + ' → ' + fmtTime(p.end) + ' (' + fmtDur(p.end - p.start) + ')' });
  });
  ctx.restore();
}

function markY(R, S, k) {
  const lane = R.ev.lane[k];
  return lane >= 0 && S.laneY[lane] >= 0 ? S.laneY[lane] + G.base : -1;
}

function drawMarks(R, S, ctx, box, hit) {
  const marks = R.marks, t = R.ev.t;
  const lo = lowerBoundBy(marks, t, S.t0), hi = lowerBoundBy(marks, t, S.t1 + 1);
  const crowded = hi - lo > 6000;
  let drawn = 0;
  for (let j = lo; j < hi; j++) {
    const k = marks[j];
    if (crowded && R.isMinor[R.ev.type[k]]) continue;
    const y = markY(R, S, k);
    if (y < 0 || y < box.yMin - 10 || y > box.yMax + 10) continue;
    const x = xOf(S, t[k]);
    drawMark(ctx, R, k, x, y);
    hit.marks.push({ x: x, y: y, event: k });
    drawn++;
  }
  return drawn;
}

// The violation: a red line at the event that made it certain, a red dot on its lane; its witnesses ringed in orange.
function drawViolationMarkers(R, S, ctx, box) {
  let drawn = 0;
  const t = R.ev.t;
  R.markers.forEach((m) => {
    const tm = t[m.event];
    if (tm < S.t0 || tm > S.t1) return;
    const x = xOf(S, tm), y = markY(R, S, m.event);
    drawn++;
    if (m.role === 'violation') {
      ctx.strokeStyle = 'rgba(200,16,46,0.55)'; ctx.lineWidth = 1.5; ctx.setLineDash([6, 4]);
      ctx.beginPath(); ctx.moveTo(x, box.yMin); ctx.lineTo(x, box.yMax); ctx.stroke(); ctx.setLineDash([]);
      if (y >= 0) {
        ctx.fillStyle = '#c8102e'; ctx.beginPath(); ctx.arc(x, y, 7, 0, 7); ctx.fill();
        ctx.fillStyle = '#fff'; ctx.font = 'bold 10px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.fillText('!', x, y + 0.5); ctx.textAlign = 'left';
      }
    } else if (y >= 0) {
      ctx.strokeStyle = '#d97706'; ctx.lineWidth = 2.5;
      ctx.beginPath(); ctx.arc(x, y, 8, 0, 7); ctx.stroke();
      const v = R.violations[m.violation], vy = markY(R, S, v.event);
      if (vy >= 0) {
        ctx.strokeStyle = 'rgba(217,119,6,0.6)'; ctx.lineWidth = 1; ctx.setLineDash([2, 3]);
        ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(xOf(S, t[v.event]), vy); ctx.stroke(); ctx.setLineDash([]);
      }
    }
  });
  return drawn;
}

function drawCursor(R, S, ctx, box) {
  if (S.current < 0) return;
  const x = xOf(S, R.ev.t[S.current]);
  if (x < box.x0 || x > box.x1) return;
  ctx.strokeStyle = 'rgba(36,86,199,0.7)'; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(x + 0.5, box.yMin); ctx.lineTo(x + 0.5, box.yMax); ctx.stroke();
  const y = markY(R, S, S.current);
  if (y >= 0) { ctx.strokeStyle = '#2456c7'; ctx.lineWidth = 2; ctx.beginPath(); ctx.arc(x, y, 9, 0, 7); ctx.stroke(); }
}

function drawLaneLabels(R, S, ctx, box) {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, box.yMin, G.labelW, box.yMax - box.yMin);
  S.groups.forEach((g) => {
    if (!rowOnScreen(g.y, g.h, box)) return;
    ctx.fillStyle = '#e9edf3'; ctx.fillRect(0, g.y, G.labelW, G.nodeH);
    ctx.fillStyle = '#1d2330'; ctx.font = 'bold 11px system-ui, sans-serif';
    ctx.fillText('node ' + g.node, 8, g.y + G.nodeH / 2);
    ctx.font = '11px system-ui, sans-serif';
    g.lanes.forEach((l) => {
      const lane = R.lanes[l], y = S.laneY[l] + G.base;
      ctx.fillStyle = ROLE_COLOR[lane.role] || '#475569';
      ctx.beginPath(); ctx.arc(16, y, 4, 0, 7); ctx.fill();
      ctx.fillStyle = '#1d2330';
      let text = lane.name;
      const badge = lane.inc.length > 1 ? ' ×' + lane.inc.length : '';
      while (text.length > 4 && ctx.measureText(text + badge).width > G.labelW - 34) text = text.slice(0, -2);
      if (text !== lane.name) text = text + '…';
      ctx.fillText(text, 26, y);
      if (badge) { ctx.fillStyle = '#15803d'; ctx.fillText(badge, 26 + ctx.measureText(text).width, y); }
    });
  });
  ctx.strokeStyle = '#cfd5de'; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(G.labelW - 0.5, box.yMin); ctx.lineTo(G.labelW - 0.5, box.yMax); ctx.stroke();
}

// The lane whose row is at content y, or -1.
function laneAtY(R, S, y) {
  for (let l = 0; l < R.lanes.length; l++) {
    const ly = S.laneY[l];
    if (ly >= 0 && y >= ly && y < ly + G.laneH) return l;
  }
  return -1;
}
`;
