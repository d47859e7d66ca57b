/**
 * Browser code (plain JS): the view state (time window, filters, current event), the row layout
 * of node groups and lanes, and the time ↔ pixel mapping with zoom and pan.
 */
export const VIEW_JS = String.raw`
// ---- view: state, row layout, zoom and pan -----------------------------------------------
const G = {
  labelW: 200, laneH: 20, nodeH: 20, base: 11, axisH: 20, netH: 16, dirRowH: 10, maxDirRows: 6, overviewH: 14,
  genRowH: 7, maxGenRows: 4, availH: 12, vioH: 12,
  maxArrows: 1500, keptArrows: 300, minWindow: 20,
};
// Lane colours by role: no reds (red is for violations).
const ROLE_COLOR = {
  coordinator: '#6d28d9', director: '#854d0e', log: '#0369a1', storage: '#15803d', sequencer: '#a16207',
  proxy: '#86198f', foreman: '#64748b', client: '#0f766e', other: '#475569',
};
// Roles whose finished processes fold into one row per node (each generation has its own director, sequencer and proxies).
const FOLDED_ROLES = { director: 1, sequencer: 1, proxy: 1 };

function createView(R) {
  return {
    t0: 0, t1: R.endT,
    current: -1,
    keyOnly: false,
    laneOn: new Uint8Array(R.lanes.length).fill(1),
    kindOn: new Uint8Array(R.msgKinds.length).fill(1),
    text: '',
    // The lanes a story chapter is about (null: no chapter filter).
    focus: null,
    chapter: -1,
    // The violation whose line and witnesses are drawn (the headline one until another is chosen).
    violation: R.headline,
    // "What led to it": the causal past of the violation in focus ({ v, cut, since, seedLanes, hide }), or null.
    causal: null,
    // How far before the violation's first witness the causal past is shown (µs; -1: the whole run), and whether the rest is hidden.
    causalBack: 100000,
    causalHide: false,
    fold: true,
    // Nodes whose processes are drawn on one row (click a node's name).
    collapsed: new Set(),
    laneY: new Int32Array(R.lanes.length).fill(-1),
    groups: [],
    rows: [],
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
  if (S.focus && !S.focus.has(lane)) return false;
  if (S.causal && !causalLane(R, S, lane)) return false;
  if (S.text === '') return true;
  // Several words (or comma-separated names): a lane shows when its address contains any of them.
  const address = R.lanes[lane].address.toLowerCase();
  return S.text.split(/[\s,]+/).some((term) => term !== '' && address.indexOf(term) >= 0);
}

// With "what led to it" on: whether a lane has an event in the violation's causal past (within the window).
function causalLane(R, S, lane) {
  const c = S.causal.cut[lane];
  return (c >= 0 && R.ev.t[c] >= S.causal.since) || S.causal.seedLanes.has(lane);
}

// Whether non-message event k is in the causal past in view (true when the filter is off).
function inCausal(R, S, k) {
  if (!S.causal) return true;
  const lane = R.ev.lane[k];
  return lane >= 0 && k <= S.causal.cut[lane] && R.ev.t[k] >= S.causal.since;
}

// Whether message copy a is in the causal past: its delivery is, or (dropped, in flight) its send is.
function arrowInCausal(R, S, a) {
  if (!S.causal) return true;
  const ar = R.ar, c = S.causal;
  if (!(ar.flags[a] & (FLAG.dropped | FLAG.inFlight))) return ar.endEv[a] <= c.cut[ar.to[a]] && ar.endT[a] >= c.since;
  return ar.sendEv[a] <= c.cut[ar.from[a]] && ar.sendT[a] >= c.since;
}

function laneEnd(R, lane) {
  const inc = lane.inc;
  if (inc.length === 0) return R.endT;
  const last = inc[inc.length - 1];
  return last.end === null ? R.endT : last.end;
}
function laneStart(lane) { return lane.inc.length ? lane.inc[0].start : 0; }

// Rows of a node group: the foreman (the node's own agent) shares the node's header row; with
// folding, directors, sequencers and proxies whose lives do not overlap share one row per role.
function groupRows(R, S, lanes) {
  const rows = [];
  const packs = {};
  lanes.forEach((l) => {
    const lane = R.lanes[l];
    if (S.fold && FOLDED_ROLES[lane.role] && lane.inc.length > 0) {
      const list = packs[lane.role] || (packs[lane.role] = []);
      const start = laneStart(lane);
      const row = list.find((r) => r.end <= start);
      if (row) { row.lanes.push(l); row.end = laneEnd(R, lane); return; }
      const fresh = { lanes: [l], role: lane.role, end: laneEnd(R, lane) };
      list.push(fresh); rows.push(fresh);
      return;
    }
    rows.push({ lanes: [l], role: lane.role, end: laneEnd(R, lane) });
  });
  return rows;
}

// Node groups with at least one visible lane, each a header row (with the node's foreman on it) then its rows.
function layoutRows(R, S) {
  S.laneY.fill(-1);
  S.groups = [];
  S.rows = [];
  let y = 0, count = 0;
  R.nodes.forEach((node) => {
    const lanes = node.lanes.filter((l) => laneVisible(R, S, l));
    if (lanes.length === 0) return;
    const header = lanes.find((l) => R.lanes[l].role === 'foreman');
    // A collapsed node draws all its processes on its header row.
    const collapsed = S.collapsed.has(node.id);
    const rest = collapsed ? [] : lanes.filter((l) => l !== header);
    const rows = groupRows(R, S, rest);
    const group = { node: node.id, y: y, h: G.nodeH + rows.length * G.laneH, lanes: lanes, header: header === undefined ? -1 : header, collapsed: collapsed };
    if (collapsed) { lanes.forEach((l) => { S.laneY[l] = y; }); S.rows.push({ lanes: lanes.slice(), role: 'node', y: y, header: true, node: node.id }); }
    else if (header !== undefined) { S.laneY[header] = y; S.rows.push({ lanes: [header], role: 'foreman', y: y, header: true, node: node.id }); }
    y += G.nodeH;
    rows.forEach((row) => {
      row.y = y; row.node = node.id;
      row.lanes.forEach((l) => { S.laneY[l] = y; });
      S.rows.push(row);
      y += G.laneH;
    });
    count += lanes.length;
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

function setWindow(R, S, t0, t1) { S.t0 = t0; S.t1 = Math.max(t1, t0 + G.minWindow); clampView(R, S); }

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
