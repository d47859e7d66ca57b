/**
 * Browser code (plain JS): canvas set-up, fill patterns, and the small glyphs that mark events
 * on a lane (crash ×, restart ↻, lock ◆, publish ★, …).
 */
export const GLYPHS_JS = String.raw`
// ---- glyphs: canvas helpers and event marks ---------------------------------------------
function setupCanvas(cv, w, h) {
  const dpr = window.devicePixelRatio || 1;
  const pw = Math.max(1, Math.round(w * dpr)), ph = Math.max(1, Math.round(h * dpr));
  if (cv.width !== pw || cv.height !== ph) {
    cv.width = pw; cv.height = ph;
    cv.style.width = w + 'px'; cv.style.height = h + 'px';
  }
  const ctx = cv.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

const patternCache = new Map();
// Diagonal hatching in a colour, for spans that are "in force" rather than owned (down, recovering).
function hatch(ctx, color) {
  const key = color;
  if (patternCache.has(key)) return patternCache.get(key);
  const c = document.createElement('canvas');
  c.width = 8; c.height = 8;
  const g = c.getContext('2d');
  g.strokeStyle = color; g.lineWidth = 2;
  g.beginPath(); g.moveTo(-2, 10); g.lineTo(10, -2); g.moveTo(6, 10); g.lineTo(10, 6); g.moveTo(-2, 2); g.lineTo(2, -2); g.stroke();
  const pattern = ctx.createPattern(c, 'repeat');
  patternCache.set(key, pattern);
  return pattern;
}

const PHASE_COLOR = {
  'locking': '#fcd34d', 'path-determination': '#fde68a', 'initialization': '#d9f99d', 'log-recovery-planning': '#a7f3d0',
  'vacancy-creation': '#99f6e4', 'version-determination': '#a5f3fc', 'log-recruitment': '#bae6fd', 'storage-recruitment': '#c7d2fe',
  'log-replay': '#ddd6fe', 'sequencer-startup': '#f5d0fe', 'proxy-startup': '#fbcfe8', 'layout-build': '#fecdd3',
  'persistence': '#fed7aa', 'monitoring': '#e2e8f0', 'stalled': '#fca5a5',
};

function cross(ctx, x, y, r, color, width) {
  ctx.strokeStyle = color; ctx.lineWidth = width;
  ctx.beginPath(); ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r); ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r); ctx.stroke();
}

function diamond(ctx, x, y, r, fill) {
  ctx.fillStyle = fill; ctx.strokeStyle = '#1d2330'; ctx.lineWidth = 0.8;
  ctx.beginPath(); ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath(); ctx.fill(); ctx.stroke();
}

function star(ctx, x, y, r, fill) {
  ctx.fillStyle = fill; ctx.strokeStyle = '#1d2330'; ctx.lineWidth = 0.8;
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + k * Math.PI / 5, rr = k % 2 === 0 ? r : r * 0.45;
    if (k === 0) ctx.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a)); else ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
  }
  ctx.closePath(); ctx.fill(); ctx.stroke();
}

function triangleDown(ctx, x, y, r, fill) {
  ctx.fillStyle = fill;
  ctx.beginPath(); ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y - r); ctx.lineTo(x, y + r); ctx.closePath(); ctx.fill();
}

function flag(ctx, x, y, fill) {
  ctx.strokeStyle = '#1d2330'; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(x, y + 6); ctx.lineTo(x, y - 9); ctx.stroke();
  ctx.fillStyle = fill;
  ctx.beginPath(); ctx.moveTo(x, y - 9); ctx.lineTo(x + 8, y - 6); ctx.lineTo(x, y - 3); ctx.closePath(); ctx.fill();
}

function restartGlyph(ctx, x, y) {
  ctx.strokeStyle = '#15803d'; ctx.lineWidth = 1.6;
  ctx.beginPath(); ctx.arc(x, y, 4.5, 0.4, Math.PI * 1.7); ctx.stroke();
  ctx.fillStyle = '#15803d';
  ctx.beginPath(); ctx.moveTo(x + 4.5, y - 4); ctx.lineTo(x + 6.5, y + 1); ctx.lineTo(x + 1.5, y); ctx.closePath(); ctx.fill();
}

// Draws the mark of non-message event k at (x, y). Minor events get a small tick.
function drawMark(ctx, R, k, x, y) {
  const name = R.eventTypes[R.ev.type[k]];
  const epoch = R.eventEpoch.get(k);
  const ec = epoch === undefined ? '#888' : colorOfEpoch(R, epoch);
  switch (name) {
    case 'process-down': {
      const reason = R.downReason.get(k);
      if (reason === 'killed') cross(ctx, x, y, 5, '#c026d3', 2.6);
      else if (reason === 'node-crash') cross(ctx, x, y, 5, '#c8102e', 2.2);
      else cross(ctx, x, y, 4, '#1d2330', 1.6);
      return;
    }
    case 'spawn':
      if (R.restart.has(k)) restartGlyph(ctx, x, y);
      else { ctx.fillStyle = '#15803d'; ctx.fillRect(x - 1, y - 5, 2, 10); }
      return;
    case 'lock-accepted': diamond(ctx, x, y, 4.5, ec); return;
    case 'director-started': flag(ctx, x, y, ec); return;
    case 'layout-published': star(ctx, x, y, 6, ec); return;
    case 'director-running': ctx.fillStyle = ec; ctx.beginPath(); ctx.arc(x, y, 3.5, 0, 7); ctx.fill(); return;
    case 'director-stopped': ctx.fillStyle = '#1d2330'; ctx.fillRect(x - 3.5, y - 3.5, 7, 7); return;
    case 'recruited': ctx.strokeStyle = '#0f766e'; ctx.lineWidth = 1.6; ctx.strokeRect(x - 3.5, y - 3.5, 7, 7); return;
    case 'stalled': triangleDown(ctx, x, y, 4, '#ea580c'); return;
    case 'lock-refused': case 'service-refused': case 'newer-epoch-seen': case 'tsl-refused': case 'publish-failed': case 'leader-deposed':
      triangleDown(ctx, x, y, 4.5, '#d97706'); return;
    case 'election-started': ctx.strokeStyle = '#7c3aed'; ctx.lineWidth = 1.4; ctx.beginPath(); ctx.arc(x, y, 3.5, 0, 7); ctx.stroke(); return;
    case 'leader-elected': ctx.fillStyle = '#7c3aed'; ctx.beginPath(); ctx.arc(x, y, 4, 0, 7); ctx.fill(); return;
    case 'layout-built': ctx.strokeStyle = '#1d2330'; ctx.lineWidth = 1; ctx.strokeRect(x - 3, y - 3, 6, 6); return;
    case 'commit-failed': ctx.fillStyle = '#c8102e'; ctx.fillRect(x - 2.5, y - 2.5, 5, 5); return;
    case 'log-push': {
      const refused = R.strings[R.ev.ref[k]].indexOf(' refuses ') >= 0;
      if (refused) { ctx.fillStyle = '#c8102e'; ctx.beginPath(); ctx.arc(x, y, 3, 0, 7); ctx.fill(); }
      else { ctx.fillStyle = 'rgba(71,85,105,0.55)'; ctx.fillRect(x - 0.5, y + 2, 1, 5); }
      return;
    }
    case 'commit-acked': ctx.fillStyle = 'rgba(21,128,61,0.7)'; ctx.fillRect(x - 0.5, y - 7, 1, 5); return;
    default:
      if (R.isMinor[R.ev.type[k]]) { ctx.fillStyle = 'rgba(71,85,105,0.5)'; ctx.fillRect(x - 0.5, y - 3, 1, 6); }
      else { ctx.fillStyle = '#475569'; ctx.beginPath(); ctx.arc(x, y, 2.2, 0, 7); ctx.fill(); }
  }
}
`;
