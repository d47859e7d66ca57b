/**
 * Browser code (plain JS): "what led to it", the causal past of the violation in focus used as a
 * filter (processes outside it hidden, events and messages outside it faint or hidden, stepping
 * walks it), and the liveness panel: what each director was waiting on at the liveness
 * checkpoint, with the waits drawn on the chart.
 */
export const CAUSAL_JS = String.raw`
// ---- causal past and liveness ----------------------------------------------------------
const CAUSAL_BACK = [[10000, '10 ms'], [100000, '100 ms'], [1000000, '1 s'], [-1, 'all']];
const LIVENESS_INK = '#0e7490';

// Turn the causal-past filter on (for the violation in focus) or off; 'keep' re-applies it without moving the view.
function applyCausal(app, on, keep) {
  const R = app.R, S = app.S;
  const past = on && S.violation >= 0 ? R.causal.get(S.violation) : null;
  if (!past) S.causal = null;
  else {
    const since = S.causalBack < 0 ? 0 : Math.max(0, past.first - S.causalBack);
    S.causal = { v: S.violation, cut: past.cut, since: since, seedLanes: past.seedLanes, hide: S.causalHide };
    if (S.focus) { S.focus = null; S.followLanes = false; const f = document.getElementById('moment-lanes'); if (f) f.checked = false; }
    if (!keep) {
      const pad = Math.max(1000, (past.last - since) * 0.04);
      setWindow(R, S, Math.max(0, since - pad), Math.min(R.endT, past.last + pad));
      S.current = R.violations[S.violation].event;
    }
  }
  updateCausalControls(app);
  app.filtersChanged();
  if (!keep) renderDetails(app);
}

// Events and processes in the causal past shown, for the toolbar and tests.
function causalCounts(R, S) {
  if (!S.causal) return null;
  const t = R.ev.t, lo = lowerBound(t, S.causal.since);
  let events = 0;
  const past = R.causal.get(S.causal.v), drop = R.typeId.get('drop');
  let hi = -1;
  S.causal.cut.forEach((c) => { if (c > hi) hi = c; });
  for (let k = lo; k <= hi; k++) {
    const lane = R.ev.lane[k];
    if (R.isMessage[R.ev.type[k]]) { if (R.ev.type[k] !== drop && lane >= 0 && k <= S.causal.cut[lane]) events++; }
    else if (inCausal(R, S, k)) events++;
  }
  let lanes = 0;
  for (let l = 0; l < R.lanes.length; l++) if (causalLane(R, S, l)) lanes++;
  return { violation: S.causal.v, lanes: lanes, events: events, since: S.causal.since, seeds: past.seeds.length };
}

function updateCausalControls(app) {
  const R = app.R, S = app.S;
  const box = document.getElementById('causal-past'), info = document.getElementById('causal-info');
  if (!box) return;
  const available = S.violation >= 0 && R.causal.has(S.violation);
  box.disabled = !available;
  box.checked = !!S.causal;
  document.getElementById('causal-ctl').classList.toggle('on', !!S.causal);
  const counts = causalCounts(R, S);
  app.report.causal = counts;
  info.textContent = counts ? counts.lanes + '/' + R.lanes.length + ' processes' : '';
  info.title = counts ? counts.lanes + ' of ' + R.lanes.length + ' processes and ' + counts.events.toLocaleString('en-US') + ' events happened before the violation (and its witnesses), from ' + fmtTime(counts.since) : '';
  box.parentNode.title = !R.violations.length ? 'No violation in this run.' : available
    ? 'Show only what happened before the violation in focus (its event and witnesses) by happens-before: messages and each process\'s own order. Processes outside it are hidden, other events faint.'
    : 'The causal past is computed for the first ' + R.causal.size + ' violations listed; focus one of them.';
}

function installCausalControls(app) {
  const R = app.R, S = app.S;
  const ctl = document.getElementById('causal-ctl');
  if (!ctl) return;
  if (R.violations.length === 0) { ctl.style.display = 'none'; return; }
  const box = document.getElementById('causal-past'), since = document.getElementById('causal-since'), hide = document.getElementById('causal-hide');
  CAUSAL_BACK.forEach((o) => since.appendChild(el('option', o[0] === S.causalBack ? { value: String(o[0]), selected: '' } : { value: String(o[0]) }, [o[1]])));
  box.addEventListener('change', () => applyCausal(app, box.checked));
  since.addEventListener('change', () => { S.causalBack = Number(since.value); if (S.causal) applyCausal(app, true); });
  hide.addEventListener('change', () => { S.causalHide = hide.checked; if (S.causal) applyCausal(app, true, true); });
  updateCausalControls(app);
}

// ---- liveness: what each director waits on at the checkpoint -----------------------------
function renderLiveness(app) {
  const R = app.R, W = R.liveness, sec = document.getElementById('sec-liveness');
  if (!sec) return;
  if (!W) { sec.style.display = 'none'; return; }
  sec.style.display = '';
  const box = document.getElementById('liveness');
  box.textContent = '';
  document.querySelector('#sec-liveness summary').textContent = 'Liveness: what each director waits on (' + W.directors.length + ')';
  const chapter = R.chapters.findIndex((c) => c.liveness === true);
  box.appendChild(el('div', { class: 'sub' }, ['Recovery had not completed at the liveness checkpoint, ', el('b', { text: fmtTime(W.t) }), ' (faults stopped, plus the bound). From the kernel\'s records: the requests each director sent that no reply came for, and what became of them and of the process asked.']));
  if (chapter >= 0) box.appendChild(el('div', { class: 'row' }, [el('button', { id: 'liveness-go', onclick: () => app.goChapter(chapter) }, ['Show the checkpoint and the processes involved'])]));
  W.directors.forEach((d) => {
    const item = el('div', { class: 'wait', 'data-director': d.pid }, [
      el('div', {}, [swatch(colorOfEpoch(R, d.epoch)), el('b', { text: d.pid }), ' e' + d.epoch + ' · ', el('span', { class: 'state ' + d.state, text: d.state === 'in-phase' ? d.phase : d.state })]),
      el('div', { class: 'sub', text: d.text }),
    ]);
    const since = el('div', { class: 'sub' }, ['since ', eventLink(app, d.sinceEvent)]);
    item.appendChild(since);
    if (d.calls.length) {
      const list = el('ul', { class: 'calls' });
      d.calls.forEach((c) => {
        const li = el('li', { class: c.status === 'request-dropped' || c.status === 'reply-dropped' ? 'dead' : '' }, [c.text + ' ']);
        li.appendChild(eventLink(app, c.sendEvent, 'send'));
        if (c.statusEvent >= 0) { li.appendChild(document.createTextNode(' · ')); li.appendChild(eventLink(app, c.statusEvent, c.status.indexOf('dropped') >= 0 ? 'drop' : c.status === 'delivered' ? 'delivery' : 'reply')); }
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    box.appendChild(item);
  });
  if (W.note) box.appendChild(el('div', { class: 'wait note', text: W.note }));
}

// The checkpoint on the lanes: each waiting director's lane from its oldest unanswered request (or
// its stall) to the checkpoint, dashed, ending in an hourglass.
function drawLiveness(R, S, ctx, box, hit) {
  const W = R.liveness;
  if (!W || W.t < S.t0) return 0;
  const x = xOf(S, W.t);
  let drawn = 0;
  ctx.save();
  if (W.t >= S.t0 && W.t <= S.t1) {
    ctx.strokeStyle = 'rgba(14,116,144,0.55)'; ctx.lineWidth = 1.5; ctx.setLineDash([2, 3]);
    ctx.beginPath(); ctx.moveTo(x, box.yMin); ctx.lineTo(x, box.yMax); ctx.stroke(); ctx.setLineDash([]);
  }
  W.directors.forEach((d) => {
    const y = d.lane >= 0 && S.laneY[d.lane] >= 0 ? S.laneY[d.lane] + G.base : -1;
    if (y < 0) return;
    const from = d.calls.length ? Math.min.apply(null, d.calls.map((c) => c.sentAt)) : d.since;
    if (from > S.t1 || W.t < S.t0) return;
    const x0 = Math.max(G.labelW, xOf(S, from));
    ctx.strokeStyle = LIVENESS_INK; ctx.lineWidth = 2; ctx.setLineDash([5, 3]);
    ctx.beginPath(); ctx.moveTo(x0, y); ctx.lineTo(x, y); ctx.stroke(); ctx.setLineDash([]);
    hourglass(ctx, x, y);
    const text = 'waiting: ' + (d.state === 'in-phase' ? d.phase + (d.calls.length ? ', for ' + d.calls.map((c) => c.type).filter((t, i, a) => a.indexOf(t) === i).join(', ') : '') : d.state);
    ctx.font = 'bold 10px system-ui, sans-serif';
    const w = ctx.measureText(text).width + 6;
    const tx = Math.max(G.labelW + 2, Math.min(x - w - 8, box.x1 - w - 4));
    ctx.fillStyle = 'rgba(255,255,255,0.9)'; ctx.fillRect(tx, y - 13, w, 11);
    ctx.fillStyle = LIVENESS_INK; ctx.textBaseline = 'middle'; ctx.fillText(text, tx + 3, y - 7.5);
    hit.marks.push({ x: x, y: y, event: W.event, tip: d.pid + ' at the liveness checkpoint (' + fmtTime(W.t) + '):\n' + d.text + (d.calls.length ? '\n' + d.calls.map((c) => '· ' + c.text).join('\n') : '') });
    drawn++;
  });
  ctx.restore();
  return drawn;
}

function hourglass(ctx, x, y) {
  ctx.fillStyle = '#ffffff'; ctx.strokeStyle = LIVENESS_INK; ctx.lineWidth = 1.5;
  ctx.beginPath(); ctx.moveTo(x - 4, y - 6); ctx.lineTo(x + 4, y - 6); ctx.lineTo(x - 4, y + 6); ctx.lineTo(x + 4, y + 6); ctx.closePath(); ctx.fill(); ctx.stroke();
}

// The checkpoint on the time axis.
function drawLivenessTop(R, S, ctx, hit, H) {
  const W = R.liveness;
  if (!W || W.t < S.t0 || W.t > S.t1) return;
  const x = xOf(S, W.t);
  ctx.save();
  ctx.strokeStyle = 'rgba(14,116,144,0.7)'; ctx.lineWidth = 1.5; ctx.setLineDash([2, 3]);
  ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, H); ctx.stroke(); ctx.setLineDash([]);
  hourglass(ctx, x, G.axisH / 2);
  ctx.restore();
  hit.marks.push({ x: x, y: G.axisH / 2, event: W.event, tip: 'liveness checkpoint ' + fmtTime(W.t) + ': faults stopped, plus the bound\n' + W.directors.map((d) => d.pid + ': ' + d.text).join('\n') + (W.note ? '\n' + W.note : '') });
}
`;
