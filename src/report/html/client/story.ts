/**
 * Browser code (plain JS): the story told on the page: the "what to watch" box at the top with
 * the current moment and the previous/next moment buttons, and the split-brain lens (services ×
 * epochs: locked when, fenced what, published when, acknowledged what).
 */
export const STORY_JS = String.raw`
// ---- story: what to watch, moments, the split-brain lens ---------------------------------
// What to watch for: the scenario's own list, else the violations in a line each, else the description.
function watchItems(R) {
  if (R.story.watch.length) return R.story.watch.slice();
  const seen = new Set(), out = [];
  R.violationOrder.forEach((k) => {
    const v = R.violations[k];
    if (seen.has(v.invariant) || out.length >= 3) return;
    seen.add(v.invariant);
    const n = R.violations.filter((x) => x.invariant === v.invariant).length;
    out.push('✗ ' + v.invariant + (n > 1 ? ' (' + n + '×)' : '') + ' from ' + fmtTime(v.t) + ': ' + v.meaning);
  });
  if (out.length) return out;
  return R.meta.description ? [R.meta.description] : [];
}

function renderStory(app) {
  const R = app.R, box = document.getElementById('story');
  box.textContent = '';
  const items = watchItems(R);
  const watch = el('div', { class: 'watch', id: 'watch' }, [el('div', { class: 'label', text: R.story.demo ? 'What to watch for' : R.story.watch.length ? 'What to watch for' : R.violations.length ? 'What went wrong' : 'This run' })]);
  const list = el('ul', {});
  items.forEach((w) => list.appendChild(el('li', { text: w })));
  watch.appendChild(list);
  box.appendChild(watch);
  const n = R.chapters.length;
  const prev = el('button', { id: 'btn-prev-moment', title: 'Previous moment of the story ([ or PageUp)', onclick: () => app.moveChapter(-1) }, ['◀ Previous moment']);
  const next = el('button', { id: 'btn-next-moment', class: 'primary', title: 'Next moment of the story (] or PageDown)', onclick: () => app.moveChapter(1) }, ['Next moment ▶']);
  const follow = el('input', { type: 'checkbox', id: 'moment-lanes', checked: '' });
  follow.addEventListener('change', () => { app.S.followLanes = follow.checked; app.applyChapterLanes(); });
  const nav = el('div', { class: 'nav' }, [prev, el('span', { id: 'moment-pos', class: 'pos' }), next,
    el('label', { class: 'follow', title: 'At each moment, show only the processes involved in it' }, [follow, ' only the processes involved']),
    el('span', { id: 'moment-shown', class: 'shown' })]);
  const moment = el('div', { class: 'moment', id: 'moment' }, [nav, el('div', { class: 'text', id: 'moment-text' })]);
  if (n === 0) { prev.disabled = true; next.disabled = true; }
  box.appendChild(moment);
  updateStory(app);
}

function updateStory(app) {
  const R = app.R, S = app.S, n = R.chapters.length;
  const pos = document.getElementById('moment-pos'), text = document.getElementById('moment-text'), shown = document.getElementById('moment-shown');
  if (!pos) return;
  document.getElementById('story').setAttribute('data-chapter', String(S.chapter));
  text.textContent = '';
  if (n === 0) { pos.textContent = 'no moments'; text.textContent = 'Nothing in this run to tell as a story. Step through its events with Next ▶.'; shown.textContent = ''; return; }
  if (S.chapter < 0) {
    pos.textContent = n + ' moments';
    text.appendChild(el('span', { class: 'hint', text: (R.story.demo ? 'The demo\'s narration, as ' : 'This run told in ') + n + ' moments, numbered on the time axis. Press Next moment ▶ (or ]) to begin: the view zooms to each and shows only the processes involved.' }));
    shown.textContent = '';
    return;
  }
  const c = R.chapters[S.chapter];
  pos.textContent = 'moment ' + (S.chapter + 1) + ' / ' + n;
  text.appendChild(el('span', { class: 'when', text: fmtTime(c.t) + ' ' }));
  if (c.kind === 'violation' || c.kind === 'witness' || c.kind === 'liveness') text.appendChild(el('span', { class: 'kind ' + c.kind, text: c.kind }));
  c.text.split('\n').forEach((line, i) => text.appendChild(el(i ? 'div' : 'span', { class: 'say', text: (i ? '' : ' ') + line })));
  if (S.chapter === n - 1 && R.story.conclusion) text.appendChild(el('div', { class: 'conclusion', text: 'In the end: ' + R.story.conclusion }));
  shown.textContent = '';
  if (S.focus) {
    shown.appendChild(document.createTextNode(S.visibleLanes + ' of ' + R.lanes.length + ' processes · '));
    shown.appendChild(el('button', { class: 'link', id: 'moment-show-all', onclick: () => { document.getElementById('moment-lanes').checked = false; S.followLanes = false; app.applyChapterLanes(); } }, ['show all']));
  }
}

// A pale version of an epoch colour, for table cells.
function tint(hex) {
  const v = parseInt(String(hex).replace('#', ''), 16), a = 0.16;
  const mix = (c) => Math.round(255 - (255 - c) * a);
  return 'rgb(' + mix((v >> 16) & 255) + ',' + mix((v >> 8) & 255) + ',' + mix(v & 255) + ')';
}

// The split-brain lens: one column per epoch, one row per log or storage service.
function renderLens(app) {
  const R = app.R, box = document.getElementById('lens'), L = R.lens;
  box.textContent = '';
  document.querySelector('#sec-lens summary').textContent = 'Split-brain lens (' + L.rows.length + ' services × ' + L.columns.length + ' epochs)';
  if (L.columns.length === 0) { box.appendChild(el('div', { class: 'empty', text: 'No epoch in this run.' })); return; }
  box.appendChild(el('div', { class: 'sub', text: 'Who held which epoch, when (L log, S storage): ◆ locked at (s) · ⊘ stale requests fenced off · ✗ stale pushes let through (fencing failed) · tinted: in that epoch\'s published layout. Click to go there.' }));
  const table = el('table', { class: 'lens', id: 'lens-table' });
  const head = el('tr', {}, [el('th', { text: '' })]);
  L.columns.forEach((c) => head.appendChild(el('th', { 'data-epoch': String(c.epoch) }, [swatch(colorOfEpoch(R, c.epoch)), 'e' + c.epoch])));
  table.appendChild(head);
  const go = (event, text, cls) => event >= 0 ? el('button', { class: 'link ' + (cls || ''), 'data-event': String(event), onclick: () => app.jump(event) }, [text]) : el('span', { class: 'muted', text: text });
  const secs = (t) => (t / 1000000).toFixed(3);
  const meta = (label, cell) => {
    const tr = el('tr', { class: 'meta' }, [el('th', { text: label })]);
    L.columns.forEach((c) => tr.appendChild(el('td', {}, cell(c))));
    table.appendChild(tr);
  };
  meta('director', (c) => [c.director ? go(c.directorEvent, (c.director.split('@')[1] || '').split('#')[0] + ' ' + secs(c.startedAt)) : '—']);
  meta('published', (c) => [c.publishedAt === null ? el('span', { class: 'muted', text: 'never' }) : go(c.publishedEvent, secs(c.publishedAt))]);
  meta('commits acked', (c) => {
    if (c.acks === 0) return [el('span', { class: 'muted', text: '0' })];
    const link = go(c.firstAckEvent, String(c.acks));
    link.title = 'acknowledged from ' + secs(c.firstAck) + ' s to ' + secs(c.lastAck) + ' s; click for the first';
    return [link];
  });
  L.rows.forEach((row) => {
    const tr = el('tr', { class: 'service', 'data-service': row.service }, [el('th', { title: row.kind + ' ' + row.service + (row.lane >= 0 ? ' (' + R.lanes[row.lane].address + ')' : '') }, [
      el('span', { class: 'kind', text: row.kind === 'log' ? 'L ' : row.kind === 'storage' ? 'S ' : '' }), row.service,
      row.lane >= 0 ? el('span', { class: 'muted', text: ' ' + R.lanes[row.lane].node }) : null])]);
    L.columns.forEach((c) => {
      const cell = row.cells.find((x) => x.epoch === c.epoch);
      const td = el('td', { 'data-epoch': String(c.epoch) });
      if (!cell) { td.appendChild(el('span', { class: 'muted', text: '·' })); tr.appendChild(td); return; }
      if (cell.inLayout) { td.classList.add('in-layout'); td.setAttribute('style', 'background:' + tint(colorOfEpoch(R, c.epoch))); td.title = 'in the published layout of e' + c.epoch; }
      if (cell.lockedAt !== null) td.appendChild(go(cell.lockEvent, '◆' + secs(cell.lockedAt)));
      else td.appendChild(el('span', { class: 'muted', text: 'not locked' }));
      if (cell.fenced > 0) td.appendChild(el('div', { class: 'fenced', title: cell.fenced + ' requests from older epochs refused while holding e' + c.epoch }, [go(cell.firstFencedEvent, '⊘ ' + cell.fenced + ' fenced')]));
      if (cell.leaked > 0) td.appendChild(el('div', { class: 'leaked', title: cell.leaked + ' pushes from older epochs accepted while locked at e' + c.epoch }, [go(cell.firstLeakedEvent, '✗ ' + cell.leaked + ' let in', 'bad')]));
      tr.appendChild(td);
    });
    table.appendChild(tr);
  });
  box.appendChild(el('div', { class: 'lens-scroll' }, [table]));
}
`;
