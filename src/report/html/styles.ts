/** The page's stylesheet: system fonts only, no external resources. */
export const STYLES = `
:root {
  --bg: #fbfbfa; --panel: #ffffff; --ink: #1d2330; --muted: #667085; --line: #d9dce3;
  --accent: #2456c7; --bad: #c8102e; --good: #1a7f37; --warn: #b45309;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 13px; color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; overflow: hidden; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; }
button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
button:hover { border-color: var(--accent); }
button.link { border: none; background: none; color: var(--accent); padding: 0 2px; text-decoration: underline; }
input[type=text] { font: inherit; border: 1px solid var(--line); border-radius: 4px; padding: 2px 6px; }
#lane-filter { width: 130px; }

header.top { padding: 5px 12px 4px; border-bottom: 1px solid var(--line); background: var(--panel); position: relative; }
header.top h1 { margin: 0 0 2px; font-size: 15px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
header.top h1 .verdict { margin-left: 8px; }
header.top h1 .demo-title { margin-left: 10px; font-weight: normal; color: var(--muted); font-size: 13px; }
header.top .desc { color: var(--ink); max-width: 110ch; margin: 4px 0; }
header.top .desc.conclusion { color: #0e7490; }
.facts { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 12px; color: var(--muted); font-size: 12px; }
.facts b { color: var(--ink); font-weight: 600; }
.about summary { cursor: pointer; color: var(--accent); }
.about .about-body { position: absolute; z-index: 20; right: 12px; top: 100%; width: min(680px, 80vw); background: #fff; border: 1px solid var(--line);
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.14); padding: 4px 12px; color: var(--ink); }
.sample-note { margin: 4px 0 0; padding: 3px 8px; max-width: 140ch; border-left: 3px solid var(--warn); background: #fff8eb; }
.verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; vertical-align: middle; }
.verdict.pass { background: var(--good); }
.verdict.violation { background: var(--bad); }
.replay { display: inline-flex; align-items: center; gap: 4px; }
.replay code { background: #f2f4f7; padding: 0 6px; border-radius: 4px; user-select: all; color: var(--ink); }
button.small { padding: 0 6px; font-size: 11px; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
button.primary:hover { background: #1e47a8; }
button:disabled { opacity: 0.5; cursor: default; }

.story { display: flex; gap: 14px; padding: 5px 12px; border-bottom: 1px solid var(--line); background: #f5f8ff; max-height: 92px; min-height: 58px; flex: none; }
.story .label { font-weight: 600; font-size: 12px; color: #1e3a8a; }
.story .watch { flex: 1 1 46%; overflow-y: auto; min-width: 0; }
.story .watch ul { margin: 1px 0 0; padding-left: 16px; columns: 2 300px; column-gap: 22px; font-size: 12px; line-height: 1.3; }
.story .watch li { break-inside: avoid; }
.story .moment { flex: 1 1 54%; border-left: 3px solid var(--accent); padding-left: 10px; overflow-y: auto; min-width: 0; }
.story .nav { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.story .nav .pos { font-weight: 600; min-width: 10ch; text-align: center; }
.story .nav .follow { font-size: 12px; color: var(--muted); margin-left: 6px; }
.story .nav .shown { font-size: 12px; color: var(--muted); }
.story .text { margin-top: 3px; font-size: 13px; line-height: 1.35; }
.story .text .when { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); }
.story .text .hint { color: var(--muted); }
.story .text .conclusion { color: #0e7490; margin-top: 2px; }
.story .text .kind { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; font-weight: 600; }
.story .text .kind.violation { background: var(--bad); color: #fff; }
.story .text .kind.witness { border: 1px dashed var(--bad); color: var(--bad); }

.toolbar { display: flex; align-items: center; gap: 6px; padding: 4px 12px; border-bottom: 1px solid var(--line); background: #f6f7f9; flex-wrap: wrap; }
.toolbar .sep { width: 1px; height: 18px; background: var(--line); margin: 0 4px; }
.toolbar .hint { color: var(--muted); margin-left: auto; font-size: 12px; }
#btn-panels { margin-left: auto; }
.toolbar .hint + #btn-panels { margin-left: 6px; }
@media (max-width: 1760px) { .toolbar .hint { display: none; } }
.toolbar .pos { min-width: 14ch; }
@media (max-width: 1400px) { .toolbar { gap: 4px; } .toolbar .sep { margin: 0 2px; } }

main { flex: 1; display: flex; min-height: 0; }
#chart { flex: 1; display: flex; flex-direction: column; min-width: 0; position: relative; }
canvas.strips, canvas.overview { display: block; flex: none; }
canvas.overview { cursor: pointer; border-bottom: 1px solid var(--line); }
.lanes-wrap { flex: 1; overflow-y: auto; overflow-x: hidden; position: relative; min-height: 0; }
canvas.lanes { display: block; position: sticky; top: 0; cursor: grab; }
canvas.lanes.dragging, canvas.strips.dragging { cursor: grabbing; }
canvas.strips { cursor: grab; }

/* a comparison: run A above run B, on one time axis */
#chart.compare .run { flex: 1 1 0; display: flex; flex-direction: column; min-height: 0; position: relative; }
#chart.compare .run + .run { border-top: 3px solid #94a3b8; }
#chart.compare .run.active .run-head { background: #e8efff; }
.run-head { display: flex; align-items: center; gap: 10px; padding: 2px 10px; font-size: 12px; background: #f6f7f9; border-bottom: 1px solid var(--line); flex: none; white-space: nowrap; overflow: hidden; }
.run-head .run-label { font-weight: 700; font-size: 13px; color: #fff; background: #334155; border-radius: 4px; padding: 0 7px; }
.run-head .muted { color: var(--muted); }
.active-run { font-size: 12px; color: var(--muted); }
.compare-runs { display: grid; grid-template-columns: auto auto 1fr; gap: 1px 8px; align-items: center; font-size: 12px; color: var(--muted); }
.compare-runs b { color: var(--ink); }
.compare-runs .run-label { font-weight: 700; color: #fff; background: #334155; border-radius: 4px; padding: 0 6px; text-align: center; }
.diverge { color: #c2410c; font-weight: 600; }
#diff .block { margin-bottom: 10px; }
#diff .block > .title { font-weight: 600; margin: 2px 0 4px; }
#diff .side { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11px; white-space: pre-wrap; word-break: break-word; padding: 2px 4px; border-left: 3px solid #c2410c; background: #fff7ed; margin: 2px 0; }
#diff table { border-collapse: collapse; font-size: 11px; width: 100%; }
#diff th, #diff td { border-bottom: 1px solid #eef0f3; padding: 1px 4px; text-align: left; vertical-align: top; }
#diff tr.differs td, #diff tr.differs th { background: #fff7ed; }
#diff .badge { display: inline-block; padding: 0 5px; border-radius: 7px; font-size: 10px; font-weight: 600; color: #fff; background: #c2410c; margin-left: 3px; }
#diff .only { color: var(--bad); font-weight: 600; }
#diff button.link { padding: 0; }
#diff tr[data-epoch] th { white-space: nowrap; }
#diff td.mono { font-size: 10px; word-break: break-word; }
body.compare .story { max-height: 118px; }

aside { width: 380px; flex: none; overflow-y: auto; border-left: 1px solid var(--line); background: var(--panel); }
@media (max-width: 1400px) { aside { width: 330px; } }
body.aside-hidden aside { display: none; }
aside details { border-bottom: 1px solid var(--line); }
aside #sec-details { position: sticky; top: 0; z-index: 2; background: var(--panel); max-height: 32vh; overflow-y: auto; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
aside summary { padding: 6px 10px; font-weight: 600; cursor: pointer; user-select: none; background: #f6f7f9; }
aside .body { padding: 6px 10px 10px; }
aside .count { color: var(--muted); font-weight: normal; }

#details .head { font-weight: 600; margin-bottom: 4px; }
#details .line { white-space: pre-wrap; word-break: break-word; }
#details .line.field { color: var(--muted); }
#details .empty { color: var(--muted); }
#details .tag { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; color: #fff; background: var(--bad); margin-right: 4px; }
#details .tag.witness { background: #fff; color: var(--bad); border: 1px dashed var(--bad); }
#details .tag-invariant { color: var(--bad); }
#details .also { opacity: 0.75; }
#details .line .field { color: var(--muted); white-space: pre-wrap; }

.vio-group { border-left: 3px solid var(--bad); padding: 4px 8px; margin-bottom: 8px; background: #fff5f5; }
.vio-group .inv { font-weight: 600; color: var(--bad); }
.vio-group .meaning { margin: 2px 0 4px; }
.vio { border-top: 1px solid #f3d6d6; padding: 3px 4px; cursor: pointer; }
.vio:hover { background: #ffecec; }
.vio.hidden { display: none; }
.vio.focus { background: #ffe1e1; box-shadow: inset 3px 0 0 var(--bad); }
.mechanism { margin-top: 6px; }
.mechanism > summary { cursor: pointer; font-weight: 600; color: var(--muted); padding: 2px 0; }
.mechanism .sub { color: var(--muted); font-size: 12px; margin: 2px 0 6px; }
.mechanism .vio-group { border-left-color: #e8a3ad; background: #fffafa; }
.vio .msg { color: var(--ink); }
.vio .refs, .vio-group .refs { color: var(--muted); }
.ok { color: var(--good); }

.layout { padding: 4px 0; border-bottom: 1px solid #eef0f3; cursor: pointer; }
.layout:hover { background: #f2f6ff; }
.layout .sub { color: var(--muted); font-size: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; vertical-align: middle; margin-right: 4px; }

.director { padding: 4px 0; border-bottom: 1px solid #eef0f3; cursor: pointer; }
.director:hover { background: #f2f6ff; }
.director .sub { color: var(--muted); font-size: 12px; }

.filters fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 6px; padding: 2px 6px 4px; }
.filters legend { font-weight: 600; padding: 0 4px; }
.filters label { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.filters .kinds { columns: 2; }
.filters .row { display: flex; gap: 6px; align-items: center; margin-bottom: 6px; }

.legend .item { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.legend canvas { flex: none; }
.legend .epochs { display: flex; flex-wrap: wrap; gap: 4px 10px; margin-bottom: 6px; }

.lens-scroll { overflow-x: auto; }
table.lens { border-collapse: collapse; font-size: 11px; width: 100%; }
table.lens th, table.lens td { border-bottom: 1px solid #eef0f3; padding: 1px 3px; text-align: left; vertical-align: top; white-space: nowrap; }
table.lens tr.meta th, table.lens tr.meta td { background: #f6f7f9; }
table.lens th { font-weight: 600; }
table.lens tr.service th { font-weight: normal; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table.lens .kind { color: var(--muted); }
table.lens .muted, aside .muted { color: var(--muted); }
table.lens button.link { padding: 0; }
table.lens .fenced button.link { color: #0f172a; }
table.lens .leaked button.link, table.lens button.link.bad { color: var(--bad); font-weight: 600; }
aside .sub { color: var(--muted); font-size: 12px; }
.filters .presets button { padding: 1px 6px; }

.causal-ctl { display: inline-flex; align-items: center; gap: 4px; padding: 1px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.causal-ctl.on { border-color: var(--bad); background: #fff5f5; }
.causal-ctl select { font: inherit; font-size: 12px; padding: 0; }
.causal-ctl label { white-space: nowrap; }
.causal-ctl .causal-info { color: var(--muted); font-size: 12px; }
.vio .refs button.causal { font-weight: 600; }
.story .text .kind.liveness { background: #0e7490; color: #fff; }
#liveness .wait { border-left: 3px solid #0e7490; background: #f0fbfd; padding: 4px 8px; margin: 6px 0; }
#liveness .wait .state { font-weight: 600; color: #0e7490; }
#liveness .wait.note { color: var(--ink); }
#liveness ul.calls { margin: 2px 0 0; padding-left: 16px; font-size: 12px; }
#liveness ul.calls li.dead { color: #7c2d12; }
#liveness .row { margin: 4px 0; }

#tip { position: fixed; pointer-events: none; background: rgba(20, 24, 33, 0.94); color: #fff; padding: 5px 8px; border-radius: 4px;
  font-size: 12px; max-width: 460px; white-space: pre-wrap; word-break: break-word; z-index: 10; display: none; }
`;
