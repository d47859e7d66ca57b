import { MECHANISM_INVARIANTS } from '../model/story.js';

/**
 * Browser code (plain JS): the DOM around the chart: the run's header, the current event's
 * details, the violation explanation, published layouts, directors, filters and the legend.
 */
export const PANELS_JS = String.raw`
// ---- panels: header, details, violations, layouts, directors, filters, legend ----------
const MECHANISM_INVARIANTS = ${JSON.stringify(Object.fromEntries([...MECHANISM_INVARIANTS].map((id) => [id, 1])))};

function el(tag, props, children) {
  const e = document.createElement(tag);
  Object.keys(props || {}).forEach((key) => {
    const v = props[key];
    if (key === 'text') e.textContent = v;
    else if (key === 'class') e.className = v;
    else if (key === 'onclick') e.addEventListener('click', v);
    else if (key === 'style') e.setAttribute('style', v);
    else e.setAttribute(key, v);
  });
  (children || []).forEach((c) => { if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  return e;
}

function eventLink(app, k, label) {
  return el('button', { class: 'link', 'data-event': String(k), title: 'Go to event #' + evNo(app.R, k), onclick: () => app.jump(k) }, [label || '#' + evNo(app.R, k)]);
}

function swatch(color) { return el('span', { class: 'swatch', style: 'background:' + color }); }

function renderHeader(app) {
  const m = app.R.meta, hdr = document.getElementById('hdr');
  const verdict = el('span', { class: 'verdict ' + (m.verdict === 'pass' ? 'pass' : 'violation'), id: 'verdict', text: m.verdict });
  const fact = (label, value, id) => el('span', id ? { id: id } : {}, [label + ' ', el('b', { text: String(value) })]);
  const replay = el('code', { id: 'replay', text: m.replay });
  const copy = el('button', { class: 'small', title: 'Copy the replay command', onclick: () => {
    const done = () => { copy.textContent = 'copied'; setTimeout(() => { copy.textContent = 'copy'; }, 1200); };
    if (navigator.clipboard) navigator.clipboard.writeText(m.replay).then(done, () => selectText(replay)); else selectText(replay);
  } }, ['copy']);
  const title = el('h1', {}, ['recovery-sim · ' + m.scenario, verdict]);
  if (app.R.story.title) title.appendChild(el('span', { class: 'demo-title', text: app.R.story.title }));
  hdr.appendChild(title);
  const aboutBody = el('div', { class: 'about-body' });
  const about = el('details', { class: 'about', id: 'about' }, [el('summary', { text: 'about this run' }), aboutBody]);
  if (m.description) aboutBody.appendChild(el('p', { class: 'desc', text: m.description }));
  if (app.R.story.conclusion) aboutBody.appendChild(el('p', { class: 'desc conclusion', text: 'Conclusion: ' + app.R.story.conclusion }));
  aboutBody.appendChild(el('p', { class: 'desc hash' }, [fact('trace hash', m.traceHash, 'fact-hash'), ' · ', fact('processes', app.R.lanes.length), ' · ', fact('virtual time', (m.virtualMs / 1000).toFixed(1) + ' s')]));
  hdr.appendChild(el('div', { class: 'facts' }, [
    fact('seed', m.seed, 'fact-seed'),
    fact('mutations', m.mutations.length ? m.mutations.join(', ') : 'none', 'fact-mutations'),
    m.expectation ? fact('expected', m.expectation + (m.expectationMet ? ' (met)' : ' (NOT met)')) : null,
    fact('events', m.events.toLocaleString('en-US'), 'fact-events'),
    fact('commits acknowledged', m.commits.acknowledged),
    fact('lost', m.commits.lost),
    el('span', { class: 'replay' }, ['replay ', replay, copy]),
    about,
  ]));
  if (m.sample) hdr.appendChild(el('p', { class: 'sample-note', id: 'sample-note', role: 'note', text: 'Part of the trace: ' + m.sample }));
}

function selectText(node) {
  const range = document.createRange(); range.selectNodeContents(node);
  const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
}

function laneAddress(R, lane) { return lane >= 0 ? R.lanes[lane].address : '—'; }

// The pid that ran on a lane at time t (the incarnation in force), or the lane's address.
function pidAt(R, lane, t) {
  if (lane < 0) return '—';
  const inc = R.lanes[lane].inc;
  let pid = R.lanes[lane].address;
  inc.forEach((c) => { if (c.start <= t) pid = c.pid; });
  return pid;
}

function messageLines(app, k) {
  const R = app.R, ar = R.ar, a = R.ev.ref[k];
  if (a < 0) return [el('div', { class: 'line', text: 'message without a matching send' })];
  const f = ar.flags[a], cause = dropCause(f);
  const kind = R.msgKinds[ar.kind[a]], summary = R.str(ar.summary[a]);
  const outcome = f & FLAG.dropped ? 'dropped (' + cause + ') at ' + fmtTime(ar.endT[a])
    : f & FLAG.inFlight ? 'still in flight when the run ended'
    : (f & FLAG.duplicate ? 'delivered again (duplicate) at ' : 'delivered at ') + fmtTime(ar.endT[a]);
  const lines = [
    el('div', { class: 'line' }, [el('b', { text: kind }), summary ? ' ' + summary : '', f & FLAG.reply ? '  (reply)' : f & FLAG.call ? '  (request)' : '']),
    el('div', { class: 'line', text: 'message m=' + ar.m[a] }),
    el('div', { class: 'line', text: 'from ' + pidAt(R, ar.from[a], ar.sendT[a]) }),
    el('div', { class: 'line', text: 'to   ' + (ar.to[a] >= 0 ? pidAt(R, ar.to[a], ar.endT[a]) : '—') }),
    el('div', { class: 'line', text: 'sent at ' + fmtTime(ar.sendT[a]) }),
    el('div', { class: 'line', text: outcome + (f & FLAG.inFlight ? '' : ' (after ' + fmtDur(ar.endT[a] - ar.sendT[a]) + ')') }),
  ];
  const links = el('div', { class: 'line' }, ['send ', eventLink(app, ar.sendEv[a])]);
  if (ar.endEv[a] >= 0) { links.appendChild(document.createTextNode(f & FLAG.dropped ? ' · drop ' : ' · delivery ')); links.appendChild(eventLink(app, ar.endEv[a])); }
  lines.push(links);
  return lines;
}

function renderDetails(app) {
  const R = app.R, S = app.S, k = S.current, box = document.getElementById('details');
  box.textContent = '';
  box.setAttribute('data-event', String(k));
  document.getElementById('pos').textContent = k < 0 ? 'no event selected' : 'event ' + evNo(R, k) + ' / ' + (R.ev.no ? R.meta.events - 1 : R.ev.n - 1);
  if (k < 0) {
    if (app.label) box.appendChild(el('div', { class: 'head', text: 'run ' + app.label }));
    box.appendChild(el('div', { class: 'empty', text: 'No event selected. Step with Next ▶ (or →), or click a mark, an arrow or a band.' }));
    return;
  }
  const type = R.eventTypes[R.ev.type[k]], lane = R.ev.lane[k];
  box.appendChild(el('div', { class: 'head', id: 'details-head' }, [(app.label ? 'run ' + app.label + ' · ' : '') + '#' + evNo(R, k) + ' · ' + fmtTime(R.ev.t[k]) + ' · ' + type]));
  // The violation in focus first (the one a click chose), then any other the event makes certain or witnesses.
  const markers = (R.markerOf.get(k) || []).slice().sort((a, b) => (b.violation === S.violation) - (a.violation === S.violation));
  const told = new Set();
  markers.forEach((m, i) => {
    const v = R.violations[m.violation], key = m.role + ' ' + v.invariant;
    if (told.has(key)) return;
    told.add(key);
    const line = el('div', { class: 'line' + (i > 0 ? ' also' : ''), 'data-violation': String(m.violation) },
      [el('span', { class: 'tag' + (m.role === 'witness' ? ' witness' : ''), text: m.role }), el('b', { class: 'tag-invariant', text: v.invariant })]);
    if (i === 0) line.appendChild(el('div', { class: 'field', text: v.message }));
    box.appendChild(line);
  });
  if (R.isMessage[R.ev.type[k]]) {
    messageLines(app, k).forEach((n) => box.appendChild(n));
    return;
  }
  box.appendChild(el('div', { class: 'line field', text: 'lane ' + laneAddress(R, lane) }));
  const text = R.strings[R.ev.ref[k]] || type;
  text.split('\n').forEach((line, i) => box.appendChild(el('div', { class: 'line' + (i > 0 ? ' field' : ''), text: line })));
}

// The damage first (split-brain, lost commits, …), grouped by invariant in the catalogue's order
// and by time within a group; checks of a mechanism (fencing: every forbidden push) after them,
// folded. A click focuses that violation: its event and its invariant, nothing else.
function renderViolations(app) {
  const R = app.R, box = document.getElementById('violations');
  box.textContent = '';
  const summary = document.querySelector('#sec-violations summary');
  summary.textContent = 'Violations ';
  const groups = new Map();
  R.violationOrder.forEach((k) => {
    const v = R.violations[k];
    if (!groups.has(v.invariant)) groups.set(v.invariant, []);
    groups.get(v.invariant).push(k);
  });
  summary.appendChild(el('span', { class: 'count', text: '(' + R.violations.length + (groups.size > 1 ? ' in ' + groups.size + ' invariants' : '') + ')' }));
  if (R.violations.length === 0) {
    box.appendChild(el('div', { class: 'ok', text: 'No invariant was violated in this run.' }));
    return;
  }
  const damage = [], mechanism = [];
  groups.forEach((list, invariant) => (MECHANISM_INVARIANTS[invariant] ? mechanism : damage).push([invariant, list]));
  const group = (invariant, list) => {
    const first = R.violations[list[0]];
    const g = el('div', { class: 'vio-group', 'data-invariant': invariant }, [
      el('div', {}, [el('span', { class: 'inv', text: invariant }), ' · ' + first.kind + (first.spec ? ' · ' + first.spec : '') + ' · ' + list.length + '×']),
      el('div', { class: 'meaning', text: first.meaning }),
    ]);
    // A few at first (the damage of one bug often repeats); the rest of the first 25 on demand.
    const shown = MECHANISM_INVARIANTS[invariant] ? 25 : 5;
    let more = null;
    list.slice(0, 25).forEach((k, i) => {
      const v = R.violations[k];
      const refs = el('div', { class: 'refs' }, ['at ', violationLink(app, k, v.event), ' (' + fmtTime(v.t) + ')']);
      if (v.witnesses.length) {
        refs.appendChild(document.createTextNode('; witnesses '));
        v.witnesses.forEach((w, i) => { if (i) refs.appendChild(document.createTextNode(', ')); refs.appendChild(eventLink(app, w)); });
      }
      if (R.causal.has(k)) {
        refs.appendChild(document.createTextNode(' · '));
        refs.appendChild(el('button', { class: 'link causal', 'data-causal': String(k), title: 'Show only what happened before it (its causal past)', onclick: (e) => { e.stopPropagation(); app.showCausal(k); } }, ['what led to it']));
      }
      const item = el('div', { class: 'vio' + (k === app.S.violation ? ' focus' : ''), 'data-event': String(v.event), 'data-violation': String(k) }, [el('div', { class: 'msg', text: v.message }), refs]);
      item.addEventListener('click', (e) => { if (e.target === item || e.target.classList.contains('msg')) app.focusViolation(k); });
      if (i >= shown) {
        item.classList.add('hidden');
        if (!more) more = el('button', { class: 'link more', onclick: () => { g.querySelectorAll('.vio.hidden').forEach((n) => n.classList.remove('hidden')); more.remove(); } }, ['show ' + (Math.min(25, list.length) - shown) + ' more']);
      }
      g.appendChild(item);
    });
    if (more) g.appendChild(more);
    if (list.length > 25) g.appendChild(el('div', { class: 'refs', text: (list.length - 25) + ' more after these, all marked on the chart (the violations strip).' }));
    return g;
  };
  damage.forEach((pair) => box.appendChild(group(pair[0], pair[1])));
  if (mechanism.length) {
    const n = mechanism.reduce((s, pair) => s + pair[1].length, 0);
    const wrap = damage.length
      ? el('details', { class: 'mechanism', id: 'vio-mechanism' }, [el('summary', { text: 'How it got through: ' + mechanism.map((p) => p[0]).join(', ') + ' (' + n + ')' })])
      : el('div', { class: 'mechanism', id: 'vio-mechanism' });
    if (damage.length) wrap.appendChild(el('div', { class: 'sub', text: 'Checks of a mechanism: each entry is one step the protocol should have refused. The damage is listed above.' }));
    mechanism.forEach((pair) => wrap.appendChild(group(pair[0], pair[1])));
    box.appendChild(wrap);
  }
}

// A link that focuses violation k (its event, its invariant).
function violationLink(app, k, event) {
  return el('button', { class: 'link', 'data-event': String(event), 'data-violation': String(k), title: 'Go to this violation', onclick: (e) => { e.stopPropagation(); app.focusViolation(k); } }, ['#' + evNo(app.R, event)]);
}

function renderLayouts(app) {
  const R = app.R, box = document.getElementById('layouts');
  document.querySelector('#sec-layouts summary').textContent = 'Published layouts (' + R.layouts.length + ')';
  if (R.layouts.length === 0) { box.appendChild(el('div', { class: 'empty', text: 'No layout was published.' })); return; }
  R.layouts.forEach((l) => {
    const item = el('div', { class: 'layout', 'data-event': String(l.event), title: 'Go to the publication', onclick: () => app.jump(l.event) }, [
      el('div', {}, [swatch(colorOfEpoch(R, l.epoch)), el('b', { text: 'epoch ' + l.epoch }), ' at ' + fmtTime(l.t) + ' · recovery version ' + (l.recoveryVersion === null ? '—' : l.recoveryVersion)]),
      el('div', { class: 'sub', text: 'by ' + (l.director || '?') }),
      el('div', { class: 'sub mono', text: 'logs  ' + l.logs.join(', ') }),
    ]);
    l.teams.forEach((t) => item.appendChild(el('div', { class: 'sub mono', text: 'team ' + t.tag + ' ' + t.storageIds.join(', ') })));
    box.appendChild(item);
  });
}

function renderDirectors(app) {
  const R = app.R, box = document.getElementById('directors');
  document.querySelector('#sec-directors summary').textContent = 'Directors (' + R.directors.length + ')';
  if (R.directors.length === 0) { box.appendChild(el('div', { class: 'empty', text: 'No director started.' })); return; }
  R.directors.forEach((d) => {
    const phases = R.phases.filter((p) => p.lane === d.lane && p.start >= d.start && (d.end === null || p.start <= d.end));
    const attempts = phases.reduce((m, p) => Math.max(m, p.attempt), 0);
    const recruits = R.recruits.filter((r) => r.lane === d.lane && r.epoch === d.epoch);
    const item = el('div', { class: 'director', 'data-event': String(d.startEvent), onclick: () => app.jump(d.startEvent) }, [
      el('div', {}, [swatch(colorOfEpoch(R, d.epoch)), el('b', { text: d.pid }), ' epoch ' + d.epoch]),
      el('div', { class: 'sub', text: 'started ' + fmtTime(d.start) + ' · ' + (d.publishedAt === null ? 'never published' : 'published ' + fmtTime(d.publishedAt)) +
        ' · ' + (d.end === null ? 'running at the end' : 'ended ' + fmtTime(d.end) + ' (' + d.reason + ')') }),
      el('div', { class: 'sub', text: phases.length + ' phase steps over ' + Math.max(1, attempts) + ' attempt' + (attempts > 1 ? 's' : '') }),
    ]);
    recruits.slice(0, 4).forEach((r) => item.appendChild(el('div', { class: 'sub', text: 'recruited ' + r.kind + ': reused [' + r.reused.join(', ') + '] created [' + r.created.join(', ') + ']' })));
    if (recruits.length > 4) item.appendChild(el('div', { class: 'sub', text: (recruits.length - 4) + ' more recruitments (marked □ on its lane)' }));
    box.appendChild(item);
  });
}

const PRESETS = {
  authority: ['coordinator', 'director', 'log', 'storage'],
  data: ['client', 'proxy', 'sequencer', 'log', 'storage'],
  elections: ['coordinator', 'director'],
};

function renderFilters(app) {
  const R = app.R, S = app.S, box = document.getElementById('filters');
  const procs = el('fieldset', { id: 'filter-lanes' }, [el('legend', { text: 'Processes' })]);
  const laneBoxes = [];
  R.nodes.forEach((node) => {
    const nodeBox = el('input', { type: 'checkbox', 'data-node': node.id, checked: '' });
    const group = el('div', { style: 'margin-bottom:4px' }, [el('label', {}, [nodeBox, el('b', { text: ' node ' + node.id })])]);
    const mine = [];
    node.lanes.forEach((l) => {
      const cb = el('input', { type: 'checkbox', 'data-lane': String(l), checked: '' });
      cb.addEventListener('change', () => { S.laneOn[l] = cb.checked ? 1 : 0; nodeBox.checked = mine.some((c) => c.checked); app.filtersChanged(); });
      mine.push(cb); laneBoxes.push(cb);
      group.appendChild(el('label', { style: 'padding-left:18px', title: R.lanes[l].address }, [cb, ' ' + R.lanes[l].name]));
    });
    nodeBox.addEventListener('change', () => {
      mine.forEach((cb) => { cb.checked = nodeBox.checked; S.laneOn[Number(cb.getAttribute('data-lane'))] = nodeBox.checked ? 1 : 0; });
      app.filtersChanged();
    });
    procs.appendChild(group);
  });
  const kinds = el('fieldset', { id: 'filter-kinds' }, [el('legend', { text: 'Message kinds' })]);
  const kindBoxes = [];
  const setAll = (on) => { kindBoxes.forEach((cb) => { cb.checked = on; S.kindOn[Number(cb.getAttribute('data-kind'))] = on ? 1 : 0; }); app.filtersChanged(); };
  kinds.appendChild(el('div', { class: 'row' }, [el('button', { id: 'kinds-all', onclick: () => setAll(true) }, ['all']), el('button', { id: 'kinds-none', onclick: () => setAll(false) }, ['none'])]));
  const list = el('div', { class: 'kinds' });
  R.msgKinds.map((name, k) => [name, k]).sort((a, b) => (a[0] < b[0] ? -1 : 1)).forEach((pair) => {
    const k = pair[1];
    const cb = el('input', { type: 'checkbox', 'data-kind': String(k), 'data-kind-name': pair[0], checked: '' });
    cb.addEventListener('change', () => { S.kindOn[k] = cb.checked ? 1 : 0; app.filtersChanged(); });
    kindBoxes.push(cb);
    list.appendChild(el('label', { title: R.kindCount[k] + ' messages' }, [cb, ' ' + pair[0] + ' ', el('span', { class: 'count', text: String(R.kindCount[k]) })]));
  });
  kinds.appendChild(list);
  // Presets: which roles to show, for the question at hand.
  const preset = (roles) => {
    laneBoxes.forEach((cb) => { const l = Number(cb.getAttribute('data-lane')); const on = !roles || roles.indexOf(R.lanes[l].role) >= 0; cb.checked = on; S.laneOn[l] = on ? 1 : 0; });
    procs.querySelectorAll('input[data-node]').forEach((nb) => {
      nb.checked = R.nodes.find((n) => n.id === nb.getAttribute('data-node')).lanes.some((l) => S.laneOn[l]);
    });
    app.filtersChanged();
  };
  box.appendChild(el('div', { class: 'row presets' }, [
    el('button', { id: 'lanes-all', title: 'Every process', onclick: () => preset(null) }, ['all']),
    el('button', { id: 'preset-authority', title: 'Who holds which epoch: coordinators, directors, logs and storage', onclick: () => preset(PRESETS.authority) }, ['authority']),
    el('button', { id: 'preset-data', title: 'Commits: client, proxies, sequencers, logs, storage', onclick: () => preset(PRESETS.data) }, ['data path']),
    el('button', { id: 'preset-elections', title: 'Coordinators and the directors they start', onclick: () => preset(PRESETS.elections) }, ['elections']),
  ]));
  const fold = el('input', { type: 'checkbox', id: 'fold-rows', checked: '' });
  fold.addEventListener('change', () => { S.fold = fold.checked; app.filtersChanged(); });
  box.appendChild(el('div', { class: 'row' }, [el('label', { title: 'Directors, sequencers and proxies of successive generations on one node share a row' }, [fold, ' fold finished processes into one row'])]));
  box.appendChild(procs);
  box.appendChild(kinds);
}

function legendCanvas(draw) {
  const c = el('canvas', {});
  const ctx = setupCanvas(c, 34, 16);
  draw(ctx);
  return c;
}

function renderLegend(app) {
  const R = app.R, box = document.getElementById('legend');
  box.appendChild(el('div', { class: 'sub', text: 'Each colour means one thing. Red: a violation, nothing else.' }));
  const epochs = el('div', { class: 'epochs', id: 'legend-epochs' });
  R.epochColor.forEach((color, epoch) => epochs.appendChild(el('span', { 'data-epoch': String(epoch), 'data-color': color }, [swatch(color), 'e' + epoch])));
  box.appendChild(el('div', { class: 'sub', text: 'Epochs: a fixed colour per epoch number, the same in every report (lock bands, directors, layouts, commits):' }));
  box.appendChild(epochs);
  const item = (draw, text, id) => box.appendChild(el('div', id ? { class: 'item', id: id } : { class: 'item' }, [legendCanvas(draw), text]));
  const arrow = (style, dropped) => (ctx) => {
    const st = ARROW_STYLE[style];
    ctx.strokeStyle = st.color; ctx.fillStyle = st.color; ctx.lineWidth = 1.2; ctx.setLineDash(st.dash);
    ctx.beginPath(); ctx.moveTo(2, 12); ctx.lineTo(28, 4); ctx.stroke(); ctx.setLineDash([]);
    if (dropped) cross(ctx, 28, 4, 3.5, st.color, 2);
    else { ctx.beginPath(); ctx.moveTo(30, 3.5); ctx.lineTo(24, 3); ctx.lineTo(26, 8); ctx.closePath(); ctx.fill(); }
  };
  const ec = colorOfEpoch(R, R.epochColor.size ? R.epochColor.keys().next().value : 1);
  item((ctx) => { ctx.fillStyle = VIOLATION_RED; ctx.beginPath(); ctx.arc(10, 8, 6, 0, 7); ctx.fill(); ctx.fillStyle = '#fff'; ctx.font = 'bold 9px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.fillText('!', 10, 8.5); ctx.strokeStyle = VIOLATION_RED; ctx.lineWidth = 2; ctx.setLineDash([3, 2]); ctx.beginPath(); ctx.arc(26, 8, 6, 0, 7); ctx.stroke(); ctx.setLineDash([]); }, 'violation (!) and its witness (ringed)', 'legend-violation');
  item((ctx) => refusalGlyph(ctx, 17, 8, 5.5), 'refusal: a service or coordinator turns a stale epoch away; "fenced: push from e1" when a locked log refuses an old generation\'s push', 'legend-refusal');
  item(arrow(2, true), 'dropped message (ends in ×)', 'legend-drop');
  item((ctx) => bolt(ctx, 17, 8, 7), 'fault: a crash, or a fault the nemesis made (network faults strip)', 'legend-fault');
  item((ctx) => killedGlyph(ctx, 17, 8), 'process killed by the nemesis', 'legend-killed');
  item((ctx) => cross(ctx, 17, 8, 3.5, '#475569', 1.5), 'process exit (its own decision)');
  item((ctx) => restartGlyph(ctx, 16, 8), 'restart (new incarnation)');
  item((ctx) => triangleDown(ctx, 17, 8, 4.5, '#475569'), 'stands down: sees a newer epoch, stalls, deposed');
  item((ctx) => { ctx.fillStyle = '#2456c7'; ctx.beginPath(); ctx.arc(17, 8, 7, 0, 7); ctx.fill(); ctx.fillStyle = '#fff'; ctx.font = 'bold 9px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.fillText('3', 17, 8.5); }, 'a moment of the story (time axis); red: a violation', 'legend-chapter');
  item(arrow(0), 'message (send → deliver)');
  item(arrow(1), 'reply');
  item(arrow(4), 'duplicate delivery');
  item(arrow(3), 'in flight at the end');
  item((ctx) => { ctx.fillStyle = '#0369a1'; [0.2, 0.5, 0.35, 0.8, 0.6].forEach((a, i) => { ctx.globalAlpha = a; ctx.fillRect(4 + i * 5, 3, 5, 10); }); ctx.globalAlpha = 1; }, 'message activity (zoomed out)');
  item((ctx) => { ctx.fillStyle = ec; ctx.fillRect(2, 5, 30, 7); }, 'lock epoch held by a service');
  item((ctx) => { ctx.fillStyle = hatch(ctx, ec); ctx.fillRect(2, 5, 14, 7); ctx.strokeStyle = ec; ctx.strokeRect(2.5, 5.5, 13, 6); ctx.fillStyle = ec; ctx.fillRect(16, 5, 16, 7); }, 'director recovering, then in authority');
  item((ctx) => { ctx.fillStyle = PHASE_COLOR['locking']; ctx.fillRect(2, 4, 14, 8); ctx.fillStyle = PHASE_COLOR['log-replay']; ctx.fillRect(16, 4, 16, 8); }, 'recovery phases (director lane)');
  item((ctx) => diamond(ctx, 17, 8, 4.5, ec), 'lock accepted');
  item((ctx) => flag(ctx, 14, 10, ec), 'director started');
  item((ctx) => star(ctx, 17, 8, 6, ec), 'layout published');
  item((ctx) => { ctx.strokeStyle = '#0f766e'; ctx.lineWidth = 1.6; ctx.strokeRect(13.5, 4.5, 7, 7); }, 'services recruited');
  item((ctx) => { ctx.fillStyle = ec; for (let i = 0; i < 8; i++) ctx.fillRect(3 + i * 4, 4, 1, 8); }, 'commits acknowledged by a generation (commits strip)', 'legend-commits');
  item((ctx) => { ctx.fillStyle = hatch(ctx, 'rgba(51,65,85,0.6)'); ctx.fillRect(2, 2, 30, 12); }, 'an old generation still acknowledging after a newer layout was published (red when no-split-brain flagged it)', 'legend-overlap');
  item((ctx) => { ctx.fillStyle = 'rgba(21,128,61,0.28)'; ctx.fillRect(2, 4, 30, 8); ctx.fillStyle = '#fff'; ctx.fillRect(12, 4, 12, 8); ctx.fillStyle = hatch(ctx, 'rgba(71,85,105,0.7)'); ctx.fillRect(12, 4, 12, 8); }, 'availability: commits acknowledged / none for a while (recovery)', 'legend-outage');
  item((ctx) => { ctx.fillStyle = PARTITION_TWO_WAY.strip; ctx.fillRect(2, 2, 30, 12); ctx.fillStyle = PARTITION_ONE_WAY.strip; ctx.fillRect(18, 2, 14, 12); }, 'partition (two-way / one-way)');
  item((ctx) => { ctx.fillStyle = hatch(ctx, 'rgba(71,85,105,0.5)'); ctx.fillRect(2, 2, 30, 12); }, 'node down');
}

function renderPanels(app) {
  renderHeader(app);
  renderStory(app);
  renderLiveness(app);
  renderViolations(app);
  renderLens(app);
  renderLayouts(app);
  renderDirectors(app);
  renderFilters(app);
  renderLegend(app);
  renderDetails(app);
}
`;
