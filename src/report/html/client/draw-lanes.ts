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
  const labelled = [];
  stats.marksDrawn = drawMarks(R, S, ctx, box, hit, labelled);
  stats.livenessDrawn = drawLiveness(R, S, ctx, box, hit);
  stats.divergenceDrawn = R.divergence ? drawDivergence(R, S, ctx, box, hit) : 0;
  stats.violationMarkersDrawn = drawViolationMarkers(R, S, ctx, box, hit);
  stats.labelsDrawn = drawMarkLabels(R, S, ctx, box, labelled);
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
    let k = 0;
    S.rows.forEach((row) => {
      if (row.header || row.node !== g.node) return;
      ctx.fillStyle = k++ % 2 === 0 ? '#ffffff' : '#f8f9fb';
      ctx.fillRect(0, row.y, box.x1, G.laneH);
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
    const fill = p.oneWay ? PARTITION_ONE_WAY.fill : PARTITION_TWO_WAY.fill;
    const edge = p.oneWay ? PARTITION_ONE_WAY.edge : PARTITION_TWO_WAY.edge;
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

function bandLabel(ctx, text, x0, x1, y, ink) {
  if (x1 - x0 < ctx.measureText(text).width + 6) return;
  ctx.fillStyle = ink || '#ffffff';
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
    const yb = y + G.base + 2, color = colorOfEpoch(R, b.epoch);
    ctx.fillStyle = color; ctx.globalAlpha = 0.8;
    ctx.fillRect(x[0], yb, Math.max(1, x[1] - x[0]), 7);
    ctx.globalAlpha = 1;
    bandLabel(ctx, 'e' + b.epoch, x[0], x[1], yb + 3.5, inkOn(color));
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
      bandLabel(ctx, 'e' + d.epoch + ' authority', b[0], b[1], yb + 3.5, inkOn(color));
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
    ctx.fillRect(x[0], y + 1, w, 7);
    ctx.strokeStyle = 'rgba(0,0,0,0.25)'; ctx.lineWidth = 0.5; ctx.strokeRect(x[0] + 0.25, y + 1.25, w - 0.5, 6.5);
    if (w > ctx.measureText(p.phase).width + 4) { ctx.fillStyle = '#1f2937'; ctx.fillText(p.phase, Math.max(x[0], box.x0) + 2, y + 4.5); }
    hit.spans.push({ x0: x[0], x1: x[1], y0: y + 1, y1: y + 8, event: p.startEvent,
      tip: () => 'phase ' + p.phase + ' (epoch ' + p.epoch + ', attempt ' + p.attempt + ')\n' + fmtTime(p.start) + ' → ' + fmtTime(p.end) + ' (' + fmtDur(p.end - p.start) + ')' });
  });
  ctx.restore();
}

function markY(R, S, k) {
  const lane = R.ev.lane[k];
  return lane >= 0 && S.laneY[lane] >= 0 ? S.laneY[lane] + G.base : -1;
}

function drawMarks(R, S, ctx, box, hit, labelled) {
  const marks = R.marks, t = R.ev.t;
  const lo = lowerBoundBy(marks, t, S.t0), hi = lowerBoundBy(marks, t, S.t1 + 1);
  const crowded = hi - lo > 6000;
  let drawn = 0, faded = 0;
  for (let j = lo; j < hi; j++) {
    const k = marks[j];
    if (crowded && R.isMinor[R.ev.type[k]] && !R.labelOf.has(k)) continue;
    const y = markY(R, S, k);
    if (y < 0 || y < box.yMin - 10 || y > box.yMax + 10) continue;
    const x = xOf(S, t[k]);
    // "What led to it": events outside the causal past are faint (or hidden); violation marks stay.
    if (S.causal && !inCausal(R, S, k) && !R.markerOf.has(k)) {
      if (S.causal.hide) continue;
      ctx.globalAlpha = 0.15; drawMark(ctx, R, k, x, y); ctx.globalAlpha = 1;
      faded++;
      continue;
    }
    drawMark(ctx, R, k, x, y);
    hit.marks.push({ x: x, y: y, event: k });
    if (R.labelOf.has(k)) labelled.push(k);
    drawn++;
  }
  S.marksFaded = faded;
  return drawn;
}

// Words beside marks (refusals, fencing, starts, publishes, stops), once few enough are in view to
// read: each is written only where it does not run into the previous label of its row.
const MAX_LABELS = 90;
function drawMarkLabels(R, S, ctx, box, labelled) {
  if (labelled.length === 0 || labelled.length > MAX_LABELS * 3) return 0;
  const t = R.ev.t, rowEnd = new Map();
  let drawn = 0;
  ctx.save();
  ctx.textBaseline = 'middle';
  // Refusals and fencing are labelled whenever few enough are in view; the rest once the window is under 2 s.
  const near = S.t1 - S.t0 <= 2000000, few = labelled.length <= 40;
  labelled.forEach((k) => {
    if (drawn >= MAX_LABELS) return;
    const y = markY(R, S, k), x = xOf(S, t[k]);
    const text = R.labelOf.get(k), strong = isRefusal(R, k);
    if (!near && !(strong && few)) return;
    ctx.font = (strong ? 'bold ' : '') + '10px system-ui, sans-serif';
    const w = ctx.measureText(text).width + 6;
    const x0 = x + 7;
    if ((rowEnd.get(y) || -1e9) > x0 || x0 + w > box.x1 + 40) return;
    rowEnd.set(y, x0 + w + 4);
    ctx.fillStyle = 'rgba(255,255,255,0.88)';
    ctx.fillRect(x0, y - 12, w, 12);
    ctx.fillStyle = strong ? '#0f172a' : '#334155';
    ctx.fillText(text, x0 + 3, y - 6);
    drawn++;
  });
  ctx.restore();
  return drawn;
}

// Violations are the only red on the page. The violation in focus gets a line across every lane,
// a large mark and its witnesses ringed (with a dotted link to them); the others a small red dot.
function drawViolationMarkers(R, S, ctx, box, hit) {
  let drawn = 0;
  const t = R.ev.t;
  const inView = [];
  R.markers.forEach((m) => { const tm = t[m.event]; if (tm >= S.t0 && tm <= S.t1) inView.push(m); });
  const few = inView.length <= 400;
  const rowEnd = new Map();
  const focusEvent = S.violation >= 0 ? R.violations[S.violation].event : -1;
  inView.forEach((m) => {
    if (m.violation === S.violation || m.event === focusEvent) return;
    const x = xOf(S, t[m.event]), y = markY(R, S, m.event);
    drawn++;
    if (y < 0) return;
    if (few) {
      ctx.fillStyle = VIOLATION_RED; ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.arc(x, y, 4.5, 0, 7); ctx.fill(); ctx.stroke();
      if (inView.length <= 40) drawViolationLabel(R, ctx, m, x, y, rowEnd, box);
    } else { ctx.fillStyle = VIOLATION_RED; ctx.fillRect(x - 0.75, y - 6, 1.5, 12); }
    hit.marks.push({ x: x, y: y, event: m.event, violation: m.violation });
  });
  const v = S.violation >= 0 ? R.violations[S.violation] : null;
  if (v) {
    v.witnesses.forEach((w) => {
      if (w === v.event || t[w] < S.t0 || t[w] > S.t1) return;
      const x = xOf(S, t[w]), y = markY(R, S, w);
      if (y < 0) return;
      ctx.strokeStyle = VIOLATION_RED; ctx.lineWidth = 2; ctx.setLineDash([3, 2]);
      ctx.beginPath(); ctx.arc(x, y, 8, 0, 7); ctx.stroke(); ctx.setLineDash([]);
      const vy = markY(R, S, v.event);
      if (vy >= 0 && t[v.event] >= S.t0 && t[v.event] <= S.t1) {
        ctx.strokeStyle = 'rgba(200,16,46,0.55)'; ctx.lineWidth = 1; ctx.setLineDash([2, 3]);
        ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(xOf(S, t[v.event]), vy); ctx.stroke(); ctx.setLineDash([]);
      }
      drawn++;
    });
    const tm = t[v.event];
    if (tm >= S.t0 && tm <= S.t1) {
      const x = xOf(S, tm), y = markY(R, S, v.event);
      ctx.strokeStyle = 'rgba(200,16,46,0.6)'; ctx.lineWidth = 1.5; ctx.setLineDash([6, 4]);
      ctx.beginPath(); ctx.moveTo(x, box.yMin); ctx.lineTo(x, box.yMax); ctx.stroke(); ctx.setLineDash([]);
      if (y >= 0) {
        ctx.fillStyle = VIOLATION_RED; ctx.beginPath(); ctx.arc(x, y, 7, 0, 7); ctx.fill();
        ctx.fillStyle = '#fff'; ctx.font = 'bold 10px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.fillText('!', x, y + 0.5); ctx.textAlign = 'left';
        drawViolationLabel(R, ctx, { event: v.event, violation: S.violation }, x, y, new Map(), box);
        hit.marks.push({ x: x, y: y, event: v.event, violation: S.violation });
      }
      drawn++;
    }
  }
  return drawn;
}

function drawViolationLabel(R, ctx, m, x, y, rowEnd, box) {
  // every invariant this event makes certain, the one in focus first
  const names = [R.violations[m.violation].invariant];
  (R.markerOf.get(m.event) || []).forEach((o) => { const name = R.violations[o.violation].invariant; if (o.role === 'violation' && names.indexOf(name) < 0) names.push(name); });
  const text = '✗ ' + names.join(' · ');
  ctx.save();
  ctx.font = 'bold 10px system-ui, sans-serif'; ctx.textBaseline = 'middle';
  const w = ctx.measureText(text).width + 6, x0 = x + 9;
  if ((rowEnd.get(y) || -1e9) > x0 || x0 + w > box.x1 + 40) { ctx.restore(); return; }
  rowEnd.set(y, x0 + w + 4);
  ctx.fillStyle = 'rgba(255,255,255,0.9)'; ctx.fillRect(x0, y + 1, w, 12);
  ctx.fillStyle = VIOLATION_RED; ctx.fillText(text, x0 + 3, y + 7);
  ctx.restore();
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

// A lane's name without its role: director-e46 → e46, proxy-e1.1.0 → e1.1.0.
function shortName(lane) {
  return lane.name.indexOf(lane.role + '-') === 0 ? lane.name.slice(lane.role.length + 1) : lane.name;
}

function rowLabel(R, row) {
  const lanes = row.lanes.map((l) => R.lanes[l]);
  if (lanes.length === 1) return lanes[0].name;
  return lanes[0].role + ' ' + lanes.map(shortName).join(' · ');
}

function fitText(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  while (text.length > 4 && ctx.measureText(text + '…').width > width) text = text.slice(0, -1);
  return text + '…';
}

function drawLaneLabels(R, S, ctx, box) {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, box.yMin, G.labelW, box.yMax - box.yMin);
  S.groups.forEach((g) => {
    if (!rowOnScreen(g.y, g.h, box)) return;
    ctx.fillStyle = '#e9edf3'; ctx.fillRect(0, g.y, G.labelW, G.nodeH);
    ctx.fillStyle = '#1d2330'; ctx.font = 'bold 11px system-ui, sans-serif';
    const name = (g.collapsed ? '▸ ' : '▾ ') + (g.node === 'client' ? 'client' : 'node ' + g.node);
    ctx.fillText(name, 6, g.y + G.nodeH / 2);
    if (g.header >= 0) {
      const w = ctx.measureText(name).width;
      ctx.font = '10px system-ui, sans-serif'; ctx.fillStyle = '#667085';
      const lane = R.lanes[g.header];
      ctx.fillText(g.collapsed ? '· ' + g.lanes.length + ' processes on one row' : '· foreman' + (lane.inc.length > 1 ? ' ×' + lane.inc.length : ''), 10 + w, g.y + G.nodeH / 2);
    } else if (g.collapsed) {
      const w = ctx.measureText(name).width;
      ctx.font = '10px system-ui, sans-serif'; ctx.fillStyle = '#667085';
      ctx.fillText('· ' + g.lanes.length + ' processes on one row', 10 + w, g.y + G.nodeH / 2);
    }
  });
  ctx.font = '11px system-ui, sans-serif';
  S.rows.forEach((row) => {
    if (row.header || !rowOnScreen(row.y, G.laneH, box)) return;
    const lane = R.lanes[row.lanes[0]], y = row.y + G.base;
    ctx.fillStyle = ROLE_COLOR[lane.role] || '#475569';
    ctx.beginPath(); ctx.arc(16, y, 4, 0, 7); ctx.fill();
    ctx.fillStyle = '#1d2330';
    const badge = row.lanes.length === 1 && lane.inc.length > 1 ? ' ×' + lane.inc.length : '';
    const text = fitText(ctx, rowLabel(R, row), G.labelW - 34 - ctx.measureText(badge).width);
    ctx.fillText(text, 26, y);
    if (badge) { ctx.fillStyle = '#15803d'; ctx.fillText(badge, 26 + ctx.measureText(text).width, y); }
  });
  ctx.strokeStyle = '#cfd5de'; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(G.labelW - 0.5, box.yMin); ctx.lineTo(G.labelW - 0.5, box.yMax); ctx.stroke();
}

// The node whose header row is at content y, or null.
function groupHeaderAtY(S, y) {
  const g = S.groups.find((x) => y >= x.y && y < x.y + G.nodeH);
  return g ? g.node : null;
}

// The lanes of the row at content y (a folded row holds several), or an empty list.
function rowLanesAtY(S, y) {
  for (let j = 0; j < S.rows.length; j++) {
    const row = S.rows[j], h = row.header ? G.nodeH : G.laneH;
    if (y >= row.y && y < row.y + h) return row.lanes;
  }
  return [];
}
`;
