/**
 * Browser code (plain JS): the messages of the visible window as Lamport-diagram arrows (send to
 * delivery; drops end in a cross; replies dashed), or, when more than `G.maxArrows` would be
 * visible, per-lane activity heat for the frequent kinds while the rarest kinds stay arrows.
 */
export const DRAW_MESSAGES_JS = String.raw`
// ---- draw: messages --------------------------------------------------------------------
// Which arrows are in the window and pass the filters; returned as indices.
function visibleArrows(R, S) {
  const ar = R.ar, out = [];
  const lo = lowerBound(ar.sendT, S.t0 - ar.maxShort), hi = lowerBound(ar.sendT, S.t1 + 1);
  const take = (k) => {
    if (ar.endT[k] < S.t0 || ar.sendT[k] > S.t1 || !S.kindOn[ar.kind[k]]) return;
    if (S.laneY[ar.from[k]] < 0 || ar.to[k] < 0 || S.laneY[ar.to[k]] < 0) return;
    out.push(k);
  };
  for (let k = lo; k < hi; k++) if (ar.endT[k] - ar.sendT[k] <= LONG_ARROW_US) take(k);
  for (let j = 0; j < ar.long.length; j++) take(ar.long[j]);
  return out;
}

function drawMessages(R, S, ctx, box, hit, stats) {
  const ar = R.ar;
  let list = visibleArrows(R, S), faded = [];
  // "What led to it": messages outside the causal past are drawn faint (or not at all), under the rest.
  if (S.causal) {
    const past = [];
    list.forEach((k) => (arrowInCausal(R, S, k) ? past : faded).push(k));
    list = past;
    if (S.causal.hide) faded = [];
    if (faded.length > 0 && faded.length <= G.maxArrows) { ctx.save(); ctx.globalAlpha = 0.13; drawArrows(R, S, ctx, box, null, faded); ctx.restore(); }
  }
  stats.arrowsFaded = faded.length;
  let individual = list, bulk = [];
  if (list.length > G.maxArrows) {
    const keep = rarestKinds(R, list, G.keptArrows);
    individual = list.filter((k) => keep[ar.kind[k]]);
    bulk = list.filter((k) => !keep[ar.kind[k]]);
  }
  stats.arrowsVisible = list.length;
  stats.aggregated = bulk.length > 0;
  stats.aggregatedMessages = bulk.length;
  if (bulk.length > 0) drawHeat(R, S, ctx, box, bulk);
  stats.arrowsDrawn = drawArrows(R, S, ctx, box, hit, individual);
  const cur = currentArrow(R, S);
  if (cur >= 0) drawArrows(R, S, ctx, box, null, [cur], true);
}

// When messages are aggregated, the rarest kinds in view (the protocol's own conversations:
// elections, locks, publishes) stay drawn as arrows, as many whole kinds as fit in the budget.
function rarestKinds(R, list, budget) {
  const count = new Int32Array(R.msgKinds.length);
  list.forEach((k) => count[R.ar.kind[k]]++);
  const keep = new Uint8Array(R.msgKinds.length);
  const kinds = [];
  for (let k = 0; k < count.length; k++) if (count[k] > 0) kinds.push(k);
  kinds.sort((a, b) => count[a] - count[b]);
  let used = 0;
  for (let j = 0; j < kinds.length && used + count[kinds[j]] <= budget; j++) { keep[kinds[j]] = 1; used += count[kinds[j]]; }
  return keep;
}

function currentArrow(R, S) {
  if (S.current < 0 || !R.isMessage[R.ev.type[S.current]]) return -1;
  return R.ev.ref[S.current];
}

const ARROW_STYLE = [
  { color: 'rgba(45,80,140,0.75)', dash: [] },       // request or one-way
  { color: 'rgba(13,128,110,0.8)', dash: [4, 3] },   // reply
  { color: DROP_INK, dash: [5, 2] },                 // dropped (ends in a cross)
  { color: 'rgba(100,116,139,0.8)', dash: [1, 3] },  // in flight at the end
  { color: 'rgba(142,68,173,0.85)', dash: [2, 2] },  // duplicate delivery
];

function arrowStyle(flags) {
  if (flags & FLAG.dropped) return 2;
  if (flags & FLAG.inFlight) return 3;
  if (flags & FLAG.duplicate) return 4;
  return flags & FLAG.reply ? 1 : 0;
}

// Arrows batched by style: one path for the shafts and one for heads and drop crosses.
function drawArrows(R, S, ctx, box, hit, list, highlight) {
  const ar = R.ar;
  let drawn = 0;
  const groups = [[], [], [], [], []];
  list.forEach((k) => groups[arrowStyle(ar.flags[k])].push(k));
  groups.forEach((ks, style) => {
    if (ks.length === 0) return;
    const st = ARROW_STYLE[style];
    ctx.strokeStyle = highlight ? '#2456c7' : st.color;
    ctx.fillStyle = highlight ? '#2456c7' : st.color;
    ctx.lineWidth = highlight ? 2.5 : 1;
    ctx.setLineDash(highlight ? [] : st.dash);
    ctx.beginPath();
    const heads = [];
    ks.forEach((k) => {
      const x1 = xOf(S, ar.sendT[k]), x2 = xOf(S, ar.endT[k]);
      const y1 = S.laneY[ar.from[k]] + G.base, y2 = S.laneY[ar.to[k]] + G.base;
      if ((y1 < box.yMin && y2 < box.yMin) || (y1 > box.yMax && y2 > box.yMax)) return;
      ctx.moveTo(x1, y1);
      if (ar.from[k] === ar.to[k]) ctx.quadraticCurveTo((x1 + x2) / 2, y1 - 9, x2, y2); else ctx.lineTo(x2, y2);
      heads.push([x1, y1, x2, y2, k]);
      if (hit) hit.arrows.push({ x1: x1, y1: y1, x2: x2, y2: y2, arrow: k });
      drawn++;
    });
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    heads.forEach((h) => {
      const flags = ar.flags[h[4]];
      if (flags & FLAG.dropped) {
        ctx.moveTo(h[2] - 4, h[3] - 4); ctx.lineTo(h[2] + 4, h[3] + 4); ctx.moveTo(h[2] + 4, h[3] - 4); ctx.lineTo(h[2] - 4, h[3] + 4);
      }
    });
    ctx.setLineDash([]); ctx.lineWidth = 2; ctx.stroke();
    ctx.beginPath();
    heads.forEach((h) => {
      if (ar.flags[h[4]] & (FLAG.dropped | FLAG.inFlight)) return;
      const dx = h[2] - h[0], dy = h[3] - h[1], len = Math.sqrt(dx * dx + dy * dy);
      if (len < 3) return;
      const self = ar.from[h[4]] === ar.to[h[4]];
      const ux = self ? 1 : dx / len, uy = self ? 0 : dy / len;
      const s = 5;
      ctx.moveTo(h[2], h[3]);
      ctx.lineTo(h[2] - ux * s - uy * s * 0.5, h[3] - uy * s + ux * s * 0.5);
      ctx.lineTo(h[2] - ux * s + uy * s * 0.5, h[3] - uy * s - ux * s * 0.5);
      ctx.closePath();
    });
    ctx.fill();
  });
  return drawn;
}

// Too many messages to draw: count sends and receipts per lane and pixel column, draw the counts as heat.
function drawHeat(R, S, ctx, box, list) {
  const ar = R.ar, cell = 3, cols = Math.ceil(plotW(S) / cell) + 1;
  const heat = new Float32Array(R.lanes.length * cols);
  const drops = [];
  const col = (t) => Math.floor((xOf(S, t) - G.labelW) / cell);
  list.forEach((k) => {
    if (ar.sendT[k] >= S.t0) heat[ar.from[k] * cols + col(ar.sendT[k])]++;
    if (ar.flags[k] & FLAG.dropped) drops.push(k);
    else if (!(ar.flags[k] & FLAG.inFlight) && ar.endT[k] <= S.t1) heat[ar.to[k] * cols + col(ar.endT[k])]++;
  });
  R.lanes.forEach((lane, l) => {
    const y = S.laneY[l];
    if (y < 0 || !rowOnScreen(y, G.laneH, box)) return;
    ctx.fillStyle = ROLE_COLOR[lane.role] || '#475569';
    for (let c = 0; c < cols; c++) {
      const v = heat[l * cols + c];
      if (v <= 0) continue;
      ctx.globalAlpha = Math.min(0.85, 0.12 + 0.14 * Math.log2(1 + v));
      ctx.fillRect(G.labelW + c * cell, y + 3, cell, 10);
    }
  });
  ctx.globalAlpha = 1;
  if (drops.length <= 4000) drops.forEach((k) => {
    const y = S.laneY[ar.to[k]] + G.base;
    if (rowOnScreen(y - 4, 8, box)) cross(ctx, xOf(S, ar.endT[k]), y, 3, DROP_INK, 1.5);
  });
}
`;
