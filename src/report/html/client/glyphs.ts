import { VIOLATION_RED } from '../model/colors.js';

/**
 * Browser code (plain JS): canvas set-up, fill patterns, and the small glyphs that mark events
 * on a lane (fault ⚡, restart ↻, lock ◆, publish ★, refusal ⊘, …). Each colour means one thing:
 * red a violation, an epoch's palette colour that epoch, yellow a fault the nemesis made, slate
 * the protocol turning something away (refusals, drops).
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

const VIOLATION_RED = '${VIOLATION_RED}';
const FAULT_YELLOW = '#facc15';
const REFUSAL_INK = '#0f172a';
const DROP_INK = 'rgba(51,65,85,0.9)';
const PARTITION_TWO_WAY = { fill: 'rgba(202,138,4,0.10)', edge: 'rgba(161,98,7,0.7)', strip: 'rgba(202,138,4,0.45)' };
const PARTITION_ONE_WAY = { fill: 'rgba(124,58,237,0.10)', edge: 'rgba(124,58,237,0.6)', strip: 'rgba(124,58,237,0.35)' };

// Pastel phase colours, none of them red or pink.
const PHASE_COLOR = {
  'locking': '#fcd34d', 'path-determination': '#fde68a', 'initialization': '#d9f99d', 'log-recovery-planning': '#a7f3d0',
  'vacancy-creation': '#99f6e4', 'version-determination': '#a5f3fc', 'log-recruitment': '#bae6fd', 'storage-recruitment': '#c7d2fe',
  'log-replay': '#ddd6fe', 'sequencer-startup': '#e9d5ff', 'proxy-startup': '#dbeafe', 'layout-build': '#ccfbf1',
  'persistence': '#fef3c7', 'monitoring': '#e2e8f0', 'storage-unlock': '#dcfce7', 'stalled': '#cbd5e1',
};

// The event types drawn as a refusal: a service (or coordinator) turning a stale epoch away.
const REFUSAL_TYPES = { 'lock-refused': 1, 'service-refused': 1, 'tsl-refused': 1, 'publish-failed': 1 };
function isRefusal(R, k) {
  const name = R.eventTypes[R.ev.type[k]];
  return REFUSAL_TYPES[name] === 1 || (name === 'log-push' && R.labelOf.has(k));
}

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

// A refusal: a "no entry" sign, white with a dark rim and bar.
function refusalGlyph(ctx, x, y, r) {
  ctx.fillStyle = '#ffffff'; ctx.strokeStyle = REFUSAL_INK; ctx.lineWidth = 1.6;
  ctx.beginPath(); ctx.arc(x, y, r, 0, 7); ctx.fill(); ctx.stroke();
  ctx.beginPath(); ctx.moveTo(x - r * 0.6, y); ctx.lineTo(x + r * 0.6, y); ctx.lineWidth = 2; ctx.stroke();
}

// A fault the nemesis made (a crash): a yellow lightning bolt with a dark outline.
function bolt(ctx, x, y, r) {
  ctx.fillStyle = FAULT_YELLOW; ctx.strokeStyle = '#1d2330'; ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x + r * 0.25, y - r); ctx.lineTo(x - r * 0.55, y + r * 0.15); ctx.lineTo(x - r * 0.05, y + r * 0.15);
  ctx.lineTo(x - r * 0.3, y + r); ctx.lineTo(x + r * 0.6, y - r * 0.2); ctx.lineTo(x + r * 0.05, y - r * 0.2); ctx.closePath();
  ctx.fill(); ctx.stroke();
}

// A process killed by the nemesis: a dark cross on a yellow disc.
function killedGlyph(ctx, x, y) {
  ctx.fillStyle = FAULT_YELLOW; ctx.beginPath(); ctx.arc(x, y, 5.5, 0, 7); ctx.fill();
  cross(ctx, x, y, 3, '#1d2330', 1.8);
}

// Draws the mark of non-message event k at (x, y). Minor events get a small tick.
function drawMark(ctx, R, k, x, y) {
  const name = R.eventTypes[R.ev.type[k]];
  const epoch = R.eventEpoch.get(k);
  const ec = epoch === undefined ? '#888' : colorOfEpoch(R, epoch);
  switch (name) {
    case 'process-down': {
      const reason = R.downReason.get(k);
      if (reason === 'killed') killedGlyph(ctx, x, y);
      else if (reason === 'node-crash') bolt(ctx, x, y, 6);
      else cross(ctx, x, y, 3.5, '#475569', 1.5);
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
    case 'lock-refused': case 'service-refused': case 'tsl-refused': case 'publish-failed':
      refusalGlyph(ctx, x, y, 5); return;
    case 'stalled': case 'newer-epoch-seen': case 'leader-deposed':
      triangleDown(ctx, x, y, 4.5, '#475569'); return;
    case 'election-started': ctx.strokeStyle = '#6d28d9'; ctx.lineWidth = 1.4; ctx.beginPath(); ctx.arc(x, y, 3.5, 0, 7); ctx.stroke(); return;
    case 'leader-elected': ctx.fillStyle = '#6d28d9'; ctx.beginPath(); ctx.arc(x, y, 4, 0, 7); ctx.fill(); return;
    case 'layout-built': ctx.strokeStyle = '#1d2330'; ctx.lineWidth = 1; ctx.strokeRect(x - 3, y - 3, 6, 6); return;
    case 'commit-failed': ctx.strokeStyle = '#475569'; ctx.lineWidth = 1.4; ctx.strokeRect(x - 2.5, y - 2.5, 5, 5); return;
    case 'torn': bolt(ctx, x, y, 5); return;
    case 'log-push':
      if (R.labelOf.has(k)) refusalGlyph(ctx, x, y, 4.5);
      else { ctx.fillStyle = 'rgba(71,85,105,0.55)'; ctx.fillRect(x - 0.5, y + 2, 1, 5); }
      return;
    case 'commit-acked': ctx.fillStyle = 'rgba(21,128,61,0.7)'; ctx.fillRect(x - 0.5, y - 7, 1, 5); return;
    default:
      if (R.isMinor[R.ev.type[k]]) { ctx.fillStyle = 'rgba(71,85,105,0.5)'; ctx.fillRect(x - 0.5, y - 3, 1, 6); }
      else { ctx.fillStyle = '#475569'; ctx.beginPath(); ctx.arc(x, y, 2.2, 0, 7); ctx.fill(); }
  }
}
`;
