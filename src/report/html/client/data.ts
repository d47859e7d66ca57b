import { EPOCH_PALETTE } from '../model/colors.js';

/**
 * Browser code (plain JS): turns the embedded payload into typed columns and lookup tables.
 * Defines `decodeReport(payload)`; nothing here touches the DOM.
 */
export const DATA_JS = String.raw`
// ---- data: decode the embedded payload ---------------------------------------------------
const FLAG = { reply: 1, call: 2, dropped: 4, inFlight: 8, duplicate: 16 };
const CAUSE_SHIFT = 5;
const DROP_CAUSES = ['loss', 'partition', 'node-down', 'no-process'];
// Frequent data-plane events: drawn as small ticks and skipped by "key events only".
const MINOR_TYPES = ['log-push', 'commit-acked', 'client-ack', 'client-read-begin', 'client-read', 'client-read-failed', 'coordinator-epoch', 'promised', 'lock-requested', 'lock-result', 'tsl-accepted', 'spawn', 'worker-created', 'client-summary'];
// Arrows longer than this (µs) are kept apart so the visible-window search stays a binary search.
const LONG_ARROW_US = 1000000;

function undelta(values, Type) {
  const out = new Type(values.length);
  let acc = 0;
  for (let k = 0; k < values.length; k++) { acc += values[k]; out[k] = acc; }
  return out;
}

function decodeReport(p) {
  const n = p.events.dt.length;
  const ev = {
    n: n,
    t: undelta(p.events.dt, Float64Array),
    type: Int32Array.from(p.events.type),
    lane: Int32Array.from(p.events.lane),
    ref: Int32Array.from(p.events.ref),
    // A long run's report shows part of its trace: events keep their numbers in the whole trace.
    no: p.events.i ? undelta(p.events.i, Float64Array) : null,
  };
  const typeId = new Map(p.eventTypes.map((name, k) => [name, k]));
  const isMessage = new Uint8Array(p.eventTypes.length);
  const isMinor = new Uint8Array(p.eventTypes.length);
  p.eventTypes.forEach((name, k) => {
    isMessage[k] = name === 'send' || name === 'deliver' || name === 'drop' ? 1 : 0;
    isMinor[k] = MINOR_TYPES.indexOf(name) >= 0 ? 1 : 0;
  });

  const na = p.arrows.send.length;
  const sendEv = undelta(p.arrows.send, Int32Array);
  const endEv = new Int32Array(na);
  const sendT = new Float64Array(na);
  const endT = new Float64Array(na);
  const long = [];
  let maxShort = 0;
  for (let k = 0; k < na; k++) {
    const span = p.arrows.span[k];
    endEv[k] = span < 0 ? -1 : sendEv[k] + span;
    sendT[k] = ev.t[sendEv[k]];
    endT[k] = span < 0 ? p.endT : ev.t[endEv[k]];
    const d = endT[k] - sendT[k];
    if (d > LONG_ARROW_US) long.push(k); else if (d > maxShort) maxShort = d;
  }
  const ar = {
    n: na, sendEv: sendEv, endEv: endEv, sendT: sendT, endT: endT,
    from: Int32Array.from(p.arrows.from), to: Int32Array.from(p.arrows.to),
    kind: Int32Array.from(p.arrows.kind), flags: Int32Array.from(p.arrows.flags),
    summary: Int32Array.from(p.arrows.summary), m: undelta(p.arrows.m, Int32Array),
    long: Int32Array.from(long), maxShort: maxShort,
  };
  const kindCount = new Int32Array(p.msgKinds.length);
  for (let k = 0; k < na; k++) kindCount[ar.kind[k]]++;

  const marks = [];
  for (let k = 0; k < n; k++) if (!isMessage[ev.type[k]]) marks.push(k);

  const str = (k) => (k < 0 ? null : p.strings[k]);
  const lanes = p.lanes.map((l, index) => ({
    index: index, address: l.address, name: l.name, node: l.node, role: l.role,
    inc: l.inc.map((c) => ({ pid: c[0], start: c[1], startEvent: c[2], end: c[3] < 0 ? null : c[3], endEvent: c[4], reason: str(c[5]) })),
  }));
  const bands = p.bands.map((b) => ({ lane: b[0], epoch: b[1], start: b[2], end: b[3], startEvent: b[4], service: str(b[5]), director: str(b[6]) }));
  const directors = p.directors.map((d) => ({
    lane: d[0], epoch: d[1], start: d[2], startEvent: d[3], publishedAt: d[4] < 0 ? null : d[4], publishedEvent: d[5],
    runningAt: d[6] < 0 ? null : d[6], runningEvent: d[7], end: d[8] < 0 ? null : d[8], endEvent: d[9], pid: str(d[10]), reason: str(d[11]), row: 0,
  }));
  packRows(directors, p.endT);
  const phases = p.phases.map((x) => ({ lane: x[0], epoch: x[1], attempt: x[2], phase: str(x[3]), start: x[4], end: x[5], startEvent: x[6] }));

  // Per-event facts the glyphs need: the epoch a lock or director carries, why a process went down, restarts.
  const eventEpoch = new Map();
  bands.forEach((b) => eventEpoch.set(b.startEvent, b.epoch));
  directors.forEach((d) => {
    eventEpoch.set(d.startEvent, d.epoch);
    if (d.runningEvent >= 0) eventEpoch.set(d.runningEvent, d.epoch);
    if (d.endEvent >= 0 && !eventEpoch.has(d.endEvent)) eventEpoch.set(d.endEvent, d.epoch);
  });
  p.layouts.forEach((l) => eventEpoch.set(l.event, l.epoch));
  const downReason = new Map();
  const restart = new Set();
  lanes.forEach((l) => l.inc.forEach((c, k) => {
    if (c.endEvent >= 0) downReason.set(c.endEvent, c.reason);
    if (k > 0) restart.add(c.startEvent);
  }));

  const epochColor = new Map(p.epochs);
  // Violation markers: one per violation at its event. Witnesses are drawn for the violation in focus only.
  const markers = p.violations.map((v, k) => ({ event: v.event, role: 'violation', violation: k }));
  // Every violation and witness role an event has (an event can make several invariants certain).
  const markerOf = new Map();
  const noteMarker = (event, m) => { if (!markerOf.has(event)) markerOf.set(event, []); markerOf.get(event).push(m); };
  p.violations.forEach((v, k) => {
    noteMarker(v.event, { event: v.event, role: 'violation', violation: k });
    v.witnesses.forEach((w) => { if (w !== v.event) noteMarker(w, { event: w, role: 'witness', violation: k }); });
  });
  const labelOf = new Map();
  const labelEv = undelta(p.labels.ev, Int32Array);
  for (let j = 0; j < labelEv.length; j++) labelOf.set(labelEv[j], p.strings[p.labels.s[j]]);
  const acks = { t: undelta(p.acks.dt, Float64Array), epoch: Int32Array.from(p.acks.epoch) };
  const violationOrder = p.violationOrder;
  const headline = violationOrder.length ? violationOrder[0] : -1;

  // The causal past of the violations listed first: per violation, its cut (lane -> last event in the past).
  const causal = new Map();
  (p.causal || []).forEach((c) => {
    const cut = new Int32Array(lanes.length).fill(-1);
    for (let j = 0; j + 1 < c.cut.length; j += 2) cut[c.cut[j]] = c.cut[j + 1];
    const seedLanes = new Set();
    let first = Infinity, last = -Infinity;
    c.seeds.forEach((k) => { if (ev.lane[k] >= 0) seedLanes.add(ev.lane[k]); first = Math.min(first, ev.t[k]); last = Math.max(last, ev.t[k]); });
    causal.set(c.v, { cut: cut, seeds: c.seeds, seedLanes: seedLanes, first: first, last: last, events: c.events });
  });

  return {
    meta: p.meta, endT: Math.max(p.endT, 1), ownEndT: Math.max(p.endT, 1), strings: p.strings, eventTypes: p.eventTypes, msgKinds: p.msgKinds,
    nodes: p.nodes, lanes: lanes, ev: ev, ar: ar, typeId: typeId, isMessage: isMessage, isMinor: isMinor,
    kindCount: kindCount, marks: Int32Array.from(marks),
    bands: bands, directors: directors, phases: phases, partitions: p.partitions, nodeDown: p.nodeDown,
    network: p.network, recruits: p.recruits, layouts: p.layouts, violations: p.violations,
    epochColor: epochColor, eventEpoch: eventEpoch, downReason: downReason, restart: restart,
    markers: markers, markerOf: markerOf, str: str, labelOf: labelOf,
    directorRows: directors.reduce((m, d) => Math.max(m, d.row + 1), 0),
    violationOrder: violationOrder, headline: headline,
    story: p.story, chapters: p.chapters, lens: p.lens, acks: acks, outages: p.outages,
    generations: generations(acks, p.layouts),
    causal: causal, liveness: p.liveness || null,
  };
}

// Greedy interval packing: each director span takes the first row free at its start.
function packRows(spans, endT) {
  const rowEnd = [];
  spans.slice().sort((a, b) => a.start - b.start).forEach((s) => {
    const end = s.end === null ? endT : s.end;
    let row = rowEnd.findIndex((e) => e <= s.start);
    if (row < 0) { row = rowEnd.length; rowEnd.push(end); } else rowEnd[row] = end;
    s.row = row;
  });
}

// Epoch colours: the palette indexed by epoch number (model/colors.ts), never red.
const EPOCH_PALETTE = ${JSON.stringify(EPOCH_PALETTE)};
function colorOfEpoch(R, epoch) {
  return R.epochColor.get(epoch) || EPOCH_PALETTE[(((epoch - 1) % EPOCH_PALETTE.length) + EPOCH_PALETTE.length) % EPOCH_PALETTE.length];
}

// Text readable on a band of this colour.
function inkOn(hex) {
  const v = parseInt(String(hex).replace('#', ''), 16);
  if (!(v >= 0)) return '#ffffff';
  return 0.299 * ((v >> 16) & 255) + 0.587 * ((v >> 8) & 255) + 0.114 * (v & 255) > 150 ? '#1d2330' : '#ffffff';
}

// Per generation (epoch) that acknowledged commits: when, and how many after a newer layout was published.
function generations(acks, layouts) {
  const by = new Map();
  for (let k = 0; k < acks.t.length; k++) {
    const e = acks.epoch[k];
    let g = by.get(e);
    if (!g) { g = { epoch: e, first: acks.t[k], last: acks.t[k], n: 0, ticks: [], supersededAt: null, stale: 0, firstStale: null, lastStale: null }; by.set(e, g); }
    g.last = acks.t[k]; g.n++; g.ticks.push(acks.t[k]);
  }
  const list = Array.from(by.values()).sort((a, b) => a.epoch - b.epoch);
  list.forEach((g) => {
    const newer = layouts.filter((l) => l.epoch > g.epoch).sort((a, b) => a.t - b.t)[0];
    if (!newer) return;
    g.supersededAt = newer.t; g.supersededBy = newer.epoch;
    g.ticks.forEach((t) => { if (t > newer.t) { g.stale++; if (g.firstStale === null) g.firstStale = t; g.lastStale = t; } });
  });
  return list;
}

// The first index in a sorted Float64Array whose value is >= x.
function lowerBound(arr, x, lo, hi) {
  lo = lo || 0; hi = hi === undefined ? arr.length : hi;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (arr[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
}

// The first event (marks are event indices) at or after time x.
function lowerBoundBy(idx, t, x) {
  let lo = 0, hi = idx.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (t[idx[mid]] < x) lo = mid + 1; else hi = mid; }
  return lo;
}

// The number event k has in the run's trace (its position, unless the report shows a sample).
function evNo(R, k) {
  return R.ev.no ? R.ev.no[k] : k;
}

function dropCause(flags) {
  const c = flags >> CAUSE_SHIFT;
  return c > 0 ? DROP_CAUSES[c - 1] : null;
}
`;
