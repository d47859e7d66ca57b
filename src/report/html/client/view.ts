/**
 * Browser code (plain JS): the view state (time window, filters, current event), the row layout
 * of node groups and lanes, and the time ↔ pixel mapping with zoom and pan.
 */
export const VIEW_JS = String.raw`
// ---- view: state, row layout, zoom and pan -----------------------------------------------
const G = {
  labelW: 210, laneH: 22, nodeH: 18, base: 12, axisH: 22, netH: 20, dirRowH: 11, maxDirRows: 8, overviewH: 16,
  maxArrows: 1500, keptArrows: 300, minWindow: 20,
};
const ROLE_COLOR = {
  coordinator: '#7c3aed', director: '#c2410c', log: '#0369a1', storage: '#15803d', sequencer: '#a16207',
  proxy: '#be185d', foreman: '#64748b', client: '#0f766e', other: '#475569',
};

function createView(R) {
  return {
    t0: 0, t1: R.endT,
    current: -1,
    keyOnly: false,
    laneOn: new Uint8Array(R.lanes.length).fill(1),
    kindOn: new Uint8Array(R.msgKinds.length).fill(1),
    text: '',
    laneY: new Int32Array(R.lanes.length).fill(-1),
    groups: [],
    visibleLanes: 0,
    totalH: 0,
    scrollY: 0,
    width: 800,
    lanesH: 400,
  };
}

function plotW(S) { return Math.max(10, S.width - G.labelW); }
function xOf(S, t) { return G.labelW + (t - S.t0) / (S.t1 - S.t0) * plotW(S); }
function tOf(S, x) { return S.t0 + (x - G.labelW) / plotW(S) * (S.t1 - S.t0); }

function laneVisible(R, S, lane) {
  if (lane < 0 || !S.laneOn[lane]) return false;
  return S.text === '' || R.lanes[lane].address.toLowerCase().indexOf(S.text) >= 0;
}

// Node groups with at least one visible lane, each a header row then its lanes.
function layoutRows(R, S) {
  S.laneY.fill(-1);
  S.groups = [];
  let y = 0, count = 0;
  R.nodes.forEach((node) => {
    const lanes = node.lanes.filter((l) => laneVisible(R, S, l));
    if (lanes.length === 0) return;
    const group = { node: node.id, y: y, h: G.nodeH + lanes.length * G.laneH, lanes: lanes };
    y += G.nodeH;
    lanes.forEach((l) => { S.laneY[l] = y; y += G.laneH; count++; });
    S.groups.push(group);
  });
  S.totalH = y + 8;
  S.visibleLanes = count;
}

function clampView(R, S) {
  const span = Math.min(Math.max(S.t1 - S.t0, G.minWindow), R.endT);
  let t0 = Math.max(0, Math.min(S.t0, R.endT - span));
  S.t0 = t0;
  S.t1 = t0 + span;
}

function zoomAround(R, S, factor, t) {
  const span = S.t1 - S.t0;
  const next = Math.min(Math.max(span * factor, G.minWindow), R.endT);
  const f = (t - S.t0) / span;
  S.t0 = t - f * next;
  S.t1 = S.t0 + next;
  clampView(R, S);
}

function panByPixels(R, S, dx) {
  const dt = dx / plotW(S) * (S.t1 - S.t0);
  S.t0 -= dt; S.t1 -= dt;
  clampView(R, S);
}

function fitAll(R, S) { S.t0 = 0; S.t1 = R.endT; }

// Show time t, re-centring only when it is outside the middle 90% of the window.
function reveal(R, S, t, span) {
  if (span !== undefined && span < S.t1 - S.t0) { S.t0 = t - span / 2; S.t1 = t + span / 2; clampView(R, S); return; }
  const w = S.t1 - S.t0;
  if (t < S.t0 + w * 0.05 || t > S.t1 - w * 0.05) centreOn(R, S, t);
}

function centreOn(R, S, t) {
  const w = S.t1 - S.t0;
  S.t0 = t - w / 2; S.t1 = t + w / 2;
  clampView(R, S);
}

// Tick spacing of 1, 2 or 5 times a power of ten microseconds.
function niceStep(raw) {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function fmtTick(us, step) {
  if (step >= 1000000) return (us / 1000000).toFixed(0) + ' s';
  if (step >= 1000) return (us / 1000000).toFixed(step >= 100000 ? 1 : step >= 10000 ? 2 : 3) + ' s';
  return (us / 1000).toFixed(step >= 100 ? 1 : step >= 10 ? 2 : 3) + ' ms';
}

function fmtTime(us) { return (us / 1000000).toFixed(6) + ' s'; }
function fmtDur(us) { return us >= 1000000 ? (us / 1000000).toFixed(3) + ' s' : (us / 1000).toFixed(3) + ' ms'; }
`;
