import { MAX_COMPARED_EVENTS } from '../model/compare.js';

/**
 * Browser code (plain JS): the comparison page (`report --compare-seed` / `--compare-mutate`):
 * run A above run B on one time axis (zoom and pan move both), each with its verdict; the first
 * event where the traces part marked on both; and a panel of differences: that event in each run,
 * violations only one run has, publications that differ, commits acknowledged per generation.
 */
export const COMPARE_JS = String.raw`
// ---- compare: two runs on one time axis ------------------------------------------------
const DIVERGE_INK = '#c2410c';
const MAX_COMPARED = '${MAX_COMPARED_EVENTS.toLocaleString('en-US')}';

function startCompare(c) {
  const $ = (id) => document.getElementById(id);
  const RA = decodeReport(c.a), RB = decodeReport(c.b);
  const d = c.diff.divergence;
  // One time axis: both runs are drawn up to the later end.
  const endT = Math.max(RA.endT, RB.endT);
  RA.endT = endT; RB.endT = endT;
  RA.divergence = d ? { event: d.a, t: d.t, text: d.text, line: d.aText } : null;
  RB.divergence = d ? { event: d.b, t: d.t, text: d.text, line: d.bText } : null;
  RA.pubDiffs = c.diff.publications.filter((p) => p.differs.length && p.a).map((p) => ({ t: p.a.t, event: p.a.event, text: 'layout e' + p.epoch + ' differs: ' + p.differs.join(', ') }));
  RB.pubDiffs = c.diff.publications.filter((p) => p.differs.length && p.b).map((p) => ({ t: p.b.t, event: p.b.event, text: 'layout e' + p.epoch + ' differs: ' + p.differs.join(', ') }));
  const SA = createView(RA), SB = createView(RB);
  // B's time window is A's: zooming or panning either moves both.
  ['t0', 't1'].forEach((key) => Object.defineProperty(SB, key, { get: () => SA[key], set: (v) => { SA[key] = v; }, configurable: true }));
  const make = (R, S, x) => createApp(R, S, { top: $('top-' + x), overview: $('overview-' + x), lanes: $('lanes-' + x), wrap: $('lanes-wrap-' + x), spacer: $('lanes-spacer-' + x), chart: $('run-' + x) }, reportState(R, S));
  const A = make(RA, SA, 'a'), B = make(RB, SB, 'b');
  A.label = 'A'; B.label = 'B';
  const apps = [A, B];
  const draws = apps.map((a) => a.redraw);
  apps.forEach((a) => { a.redraw = () => draws.forEach((f) => f()); });
  let active = A;
  const report = {
    ready: false, readyAt: null, compare: true, runs: [A.report, B.report], active: 'A', labels: c.labels,
    identical: c.diff.identical, comparedAll: c.diff.comparedAll,
    divergence: d ? { a: d.a, b: d.b, t: d.t, kind: d.kind, traceIndex: d.traceIndex, text: d.text } : null,
    onlyA: c.diff.violations.filter((v) => v.b === 0).map((v) => v.invariant),
    onlyB: c.diff.violations.filter((v) => v.a === 0).map((v) => v.invariant),
    publicationsDiffering: c.diff.publications.filter((p) => p.differs.length).length,
  };
  window.__report = report;
  const setActive = (a) => {
    active = a;
    report.active = a.label;
    apps.forEach((x) => x.els.chart.classList.toggle('active', x === a));
    $('active-run').textContent = 'stepping: run ' + a.label;
    renderDetails(a);
  };
  apps.forEach((a) => a.els.chart.addEventListener('pointerdown', () => { if (active !== a) setActive(a); }, true));
  const cmp = { A: A, B: B, c: c, setActive: setActive,
    // Both runs at the first difference: the window around it, each run's event selected.
    goDivergence: () => {
      if (!d) return;
      setWindow(RA, SA, d.t - 6000, d.t + 14000);
      SA.current = d.a; SB.current = d.b;
      if (d.a >= 0) A.scrollToLane(RA.ev.lane[d.a]);
      if (d.b >= 0) B.scrollToLane(RB.ev.lane[d.b]);
      renderDetails(active);
      A.redraw();
    },
    // Select event k of run app (a link in the differences panel).
    show: (app, k) => { setActive(app); app.select(k, true); },
  };
  renderCompareHeader(cmp);
  renderCompareStory(cmp);
  renderDiff(cmp);
  const epochs = new Map(RA.epochColor);
  RB.epochColor.forEach((color, e) => epochs.set(e, color));
  renderLegend({ R: Object.assign({}, RA, { epochColor: new Map(Array.from(epochs.entries()).sort((x, y) => x[0] - y[0])) }) });
  installControls(A, apps, () => active);
  setActive(A);
  apps.forEach((a) => a.resize());
  A.report.ready = B.report.ready = true;
  report.ready = true;
  report.readyAt = performance.now();
  document.body.setAttribute('data-ready', '1');
}

function verdictBadge(meta, id) {
  return el('span', { class: 'verdict ' + (meta.verdict === 'pass' ? 'pass' : 'violation'), id: id, text: meta.verdict });
}

function renderCompareHeader(cmp) {
  const c = cmp.c, hdr = document.getElementById('hdr');
  const ma = cmp.A.R.meta, mb = cmp.B.R.meta;
  hdr.appendChild(el('h1', {}, ['recovery-sim · compare · ' + ma.scenario]));
  const grid = el('div', { class: 'compare-runs', id: 'compare-runs' });
  [['A', ma, c.labels.a, 'verdict-a'], ['B', mb, c.labels.b, 'verdict-b']].forEach((row) => {
    const m = row[1];
    grid.appendChild(el('span', { class: 'run-label', text: row[0] }));
    grid.appendChild(verdictBadge(m, row[3]));
    grid.appendChild(el('span', {}, [el('b', { text: row[2] }), ' · ' + m.events.toLocaleString('en-US') + ' events · ' + m.commits.acknowledged + ' commits acknowledged' +
      (m.expectation ? ' · expected ' + m.expectation + (m.expectationMet ? ' (met)' : ' (NOT met)') : '') + ' · ', el('code', { class: 'replay-' + row[0].toLowerCase(), text: m.replay })]));
  });
  hdr.appendChild(grid);
  [['a', cmp.A], ['b', cmp.B]].forEach((pair) => {
    const app = pair[1], m = app.R.meta, head = document.getElementById('run-head-' + pair[0]);
    const dv = app.R.divergence;
    head.appendChild(el('span', { class: 'run-label', text: app.label }));
    head.appendChild(verdictBadge(m, 'run-verdict-' + pair[0]));
    head.appendChild(el('span', {}, [el('b', { text: pair[0] === 'a' ? c.labels.a : c.labels.b })]));
    head.appendChild(el('span', { class: 'muted', text: m.events.toLocaleString('en-US') + ' events' + (m.sample ? ' (part shown)' : '') }));
    if (dv) head.appendChild(el('span', { class: 'diverge', text: dv.event >= 0 ? 'first difference: #' + evNo(app.R, dv.event) + ' at ' + fmtTime(dv.t) : 'ended before the other run' }));
  });
}

function renderCompareStory(cmp) {
  const c = cmp.c, d = c.diff.divergence, box = document.getElementById('story');
  const items = [];
  if (d) items.push(d.text);
  else if (c.diff.identical) items.push('The two traces are the same, event for event (trace hash ' + cmp.A.R.meta.traceHash + '): what differs between the runs never changed what happened.');
  else items.push('The runs are the same for their first ' + MAX_COMPARED + ' events; they were not compared further.');
  const onlyA = c.diff.violations.filter((v) => v.b === 0), onlyB = c.diff.violations.filter((v) => v.a === 0);
  const list = (rows, side) => rows.map((v) => v.invariant + ' (' + (side === 'a' ? v.a : v.b) + '×)').join(', ');
  if (onlyA.length) items.push('Violated only in A: ' + list(onlyA, 'a') + '.');
  if (onlyB.length) items.push('Violated only in B: ' + list(onlyB, 'b') + '.');
  if (!onlyA.length && !onlyB.length) items.push(c.diff.violations.length ? 'Both runs violate the same invariants: ' + c.diff.violations.map((v) => v.invariant + ' (' + v.a + '× / ' + v.b + '×)').join(', ') + '.' : 'Neither run violates an invariant.');
  const pubs = c.diff.publications, differ = pubs.filter((p) => p.differs.length).length;
  items.push(pubs.length ? differ + ' of ' + pubs.length + ' published layouts differ; commits acknowledged: ' + cmp.A.R.meta.commits.acknowledged + ' in A, ' + cmp.B.R.meta.commits.acknowledged + ' in B.' : 'Neither run published a layout.');
  const watch = el('div', { class: 'watch', id: 'watch' }, [el('div', { class: 'label', text: 'What differs' })]);
  const ul = el('ul', {});
  items.forEach((t) => ul.appendChild(el('li', { text: t })));
  watch.appendChild(ul);
  box.appendChild(watch);
  const go = el('button', { id: 'btn-divergence', class: 'primary', title: 'Zoom both runs to the first event where they differ', onclick: cmp.goDivergence }, ['Go to the first difference']);
  if (!d) go.disabled = true;
  box.appendChild(el('div', { class: 'moment', id: 'moment' }, [el('div', { class: 'nav' }, [go]),
    el('div', { class: 'text' }, [el('span', { class: 'hint', text: 'Run A above, run B below, on one time axis: zooming or panning either moves both. The orange line marks where the traces part; the shaded stretch before it is the same in both runs. Stepping (← →) follows the run you last clicked.' })])]));
}

function renderDiff(cmp) {
  const c = cmp.c, d = c.diff.divergence, box = document.getElementById('diff');
  const A = cmp.A, B = cmp.B;
  const link = (app, k, text) => k >= 0 ? el('button', { class: 'link', 'data-run': app.label, 'data-event': String(k), onclick: () => cmp.show(app, k) }, [text || '#' + evNo(app.R, k)]) : el('span', { class: 'muted', text: text || '—' });
  const block = (id, title) => { const b = el('div', { class: 'block', id: id }, [el('div', { class: 'title', text: title })]); box.appendChild(b); return b; };

  const where = block('diff-divergence', 'Where the runs part');
  if (d) {
    where.appendChild(el('div', { text: d.text }));
    where.appendChild(el('div', { class: 'side' }, ['A: ', link(A, d.a, d.a >= 0 ? '#' + evNo(A.R, d.a) : 'ended'), ' ' + d.aText]));
    where.appendChild(el('div', { class: 'side' }, ['B: ', link(B, d.b, d.b >= 0 ? '#' + evNo(B.R, d.b) : 'ended'), ' ' + d.bText]));
  } else where.appendChild(el('div', { text: c.diff.identical ? 'Nowhere: the traces are the same, event for event.' : 'Not within the first ' + MAX_COMPARED + ' events (not compared further).' }));

  const vio = block('diff-violations', 'Violations');
  if (!c.diff.violations.length) vio.appendChild(el('div', { class: 'ok', text: 'Neither run violates an invariant.' }));
  else {
    const t = el('table', {}, [el('tr', {}, [el('th', { text: 'invariant' }), el('th', { text: 'A' }), el('th', { text: 'B' })])]);
    c.diff.violations.forEach((v) => {
      const only = v.a === 0 ? 'only B' : v.b === 0 ? 'only A' : '';
      t.appendChild(el('tr', { class: only ? 'differs' : '', 'data-invariant': v.invariant }, [
        el('th', {}, [v.invariant, only ? el('span', { class: 'badge', text: only }) : null]),
        el('td', {}, [v.a ? el('button', { class: 'link', 'data-run': 'A', onclick: () => { cmp.setActive(A); A.focusViolation(v.firstA); } }, [v.a + '×']) : el('span', { class: 'muted', text: '0' })]),
        el('td', {}, [v.b ? el('button', { class: 'link', 'data-run': 'B', onclick: () => { cmp.setActive(B); B.focusViolation(v.firstB); } }, [v.b + '×']) : el('span', { class: 'muted', text: '0' })]),
      ]));
    });
    vio.appendChild(t);
  }

  const gens = block('diff-generations', 'Commits acknowledged per generation');
  if (!c.diff.generations.length) gens.appendChild(el('div', { class: 'muted', text: 'Neither run acknowledged a commit.' }));
  else {
    const t = el('table', {}, [el('tr', {}, [el('th', { text: 'generation' }), el('th', { text: 'A' }), el('th', { text: 'B' })])]);
    const cell = (g) => el('td', { title: g ? fmtTime(g.first) + ' → ' + fmtTime(g.last) : '' }, [g ? String(g.acks) : el('span', { class: 'muted', text: '0' })]);
    c.diff.generations.forEach((g) => {
      const differs = !g.a || !g.b || g.a.acks !== g.b.acks;
      t.appendChild(el('tr', { class: differs ? 'differs' : '', 'data-epoch': String(g.epoch) }, [el('th', {}, [swatch(colorOfEpoch(A.R, g.epoch)), 'e' + g.epoch]), cell(g.a), cell(g.b)]));
    });
    t.appendChild(el('tr', {}, [el('th', { text: 'total' }), el('td', { text: String(A.R.meta.commits.acknowledged) }), el('td', { text: String(B.R.meta.commits.acknowledged) })]));
    gens.appendChild(t);
  }
  const pubs = block('diff-publications', 'Published layouts');
  if (!c.diff.publications.length) pubs.appendChild(el('div', { class: 'muted', text: 'Neither run published a layout.' }));
  else {
    const t = el('table', {}, [el('tr', {}, [el('th', { text: 'epoch' }), el('th', { text: 'A' }), el('th', { text: 'B' })])]);
    c.diff.publications.forEach((p) => {
      const cell = (app, s) => el('td', {}, s ? [link(app, s.event, fmtTime(s.t))] : [el('span', { class: 'muted', text: 'not published' })]);
      t.appendChild(el('tr', { class: p.differs.length ? 'differs' : '', 'data-epoch': String(p.epoch) }, [
        el('th', {}, [swatch(colorOfEpoch(A.R, p.epoch)), 'e' + p.epoch].concat(p.differs.map((x) => el('span', { class: 'badge', text: x })))), cell(A, p.a), cell(B, p.b)]));
      if (p.differs.indexOf('layout') >= 0 || p.differs.indexOf('recovery version') >= 0) {
        t.appendChild(el('tr', { class: 'differs' }, [el('td', {}), el('td', { class: 'mono', text: p.a.layout + ' rv ' + p.a.recoveryVersion }), el('td', { class: 'mono', text: p.b.layout + ' rv ' + p.b.recoveryVersion })]));
      }
    });
    pubs.appendChild(t);
  }

}

// The first difference on the lanes: an orange line across, the run's own event ringed.
function drawDivergence(R, S, ctx, box, hit) {
  const d = R.divergence;
  if (!d || d.t < S.t0 || d.t > S.t1) return 0;
  const x = xOf(S, d.t);
  ctx.save();
  ctx.strokeStyle = DIVERGE_INK; ctx.lineWidth = 2; ctx.setLineDash([7, 3]);
  ctx.beginPath(); ctx.moveTo(x, box.yMin); ctx.lineTo(x, box.yMax); ctx.stroke(); ctx.setLineDash([]);
  const y = d.event >= 0 ? markY(R, S, d.event) : -1;
  if (y >= 0) {
    ctx.lineWidth = 2.5; ctx.beginPath(); ctx.arc(x, y, 10, 0, 7); ctx.stroke();
    ctx.font = 'bold 10px system-ui, sans-serif'; ctx.textBaseline = 'middle';
    const text = 'first difference', w = ctx.measureText(text).width + 6;
    // to the left of the ring: the marks' own labels are written to the right
    const tx = Math.max(G.labelW + 2, x - 12 - w);
    ctx.fillStyle = 'rgba(255,255,255,0.92)'; ctx.fillRect(tx, y - 18, w, 12);
    ctx.fillStyle = DIVERGE_INK; ctx.fillText(text, tx + 3, y - 12);
    hit.marks.push({ x: x, y: y, event: d.event, tip: 'first difference\n' + d.text + '\n' + d.line });
  }
  ctx.restore();
  return 1;
}

// On the time axis: the stretch both runs share shaded, the first difference, differing publications.
function drawDivergenceTop(R, S, ctx, hit, H) {
  const d = R.divergence;
  ctx.save();
  if (d && d.t > S.t0) {
    const x1 = Math.min(S.width, xOf(S, d.t));
    ctx.fillStyle = 'rgba(148,163,184,0.22)'; ctx.fillRect(G.labelW, 0, x1 - G.labelW, G.axisH);
    if (x1 - G.labelW > 140) { ctx.fillStyle = '#475569'; ctx.font = '10px system-ui, sans-serif'; ctx.fillText('the same in both runs', Math.max(G.labelW + 4, x1 - 120), G.axisH - 5); }
  }
  if (d && d.t >= S.t0 && d.t <= S.t1) {
    const x = xOf(S, d.t);
    ctx.strokeStyle = DIVERGE_INK; ctx.lineWidth = 2; ctx.setLineDash([7, 3]);
    ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, H); ctx.stroke(); ctx.setLineDash([]);
    hit.marks.push({ x: x, y: G.axisH / 2, event: d.event, tip: 'first difference at ' + fmtTime(d.t) + '\n' + d.text });
  }
  (R.pubDiffs || []).forEach((p) => {
    if (p.t < S.t0 || p.t > S.t1) return;
    const x = xOf(S, p.t), y = G.axisH - 4;
    ctx.fillStyle = DIVERGE_INK; ctx.beginPath(); ctx.moveTo(x, y - 7); ctx.lineTo(x + 5, y + 2); ctx.lineTo(x - 5, y + 2); ctx.closePath(); ctx.fill();
    hit.marks.push({ x: x, y: y - 2, event: p.event, tip: p.text + ' (' + fmtTime(p.t) + ')' });
  });
  ctx.restore();
}
`;
