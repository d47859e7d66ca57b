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

header.top { padding: 8px 12px 6px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.top h1 { margin: 0 0 4px; font-size: 16px; font-weight: 600; }
header.top h1 .verdict { margin-left: 8px; }
header.top .desc { color: var(--muted); max-width: 110ch; margin: 0 0 4px; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 14px; color: var(--muted); }
.facts b { color: var(--ink); font-weight: 600; }
.sample-note { margin: 4px 0 0; padding: 3px 8px; max-width: 140ch; border-left: 3px solid var(--warn); background: #fff8eb; }
.verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; vertical-align: middle; }
.verdict.pass { background: var(--good); }
.verdict.violation { background: var(--bad); }
.replay { display: flex; align-items: center; gap: 6px; margin-top: 4px; }
.replay code { background: #f2f4f7; padding: 1px 6px; border-radius: 4px; user-select: all; }

.toolbar { display: flex; align-items: center; gap: 6px; padding: 4px 12px; border-bottom: 1px solid var(--line); background: #f6f7f9; flex-wrap: wrap; }
.toolbar .sep { width: 1px; height: 18px; background: var(--line); margin: 0 4px; }
.toolbar .hint { color: var(--muted); margin-left: auto; font-size: 12px; }
.toolbar .pos { min-width: 16ch; }

main { flex: 1; display: flex; min-height: 0; }
#chart { flex: 1; display: flex; flex-direction: column; min-width: 0; position: relative; }
#top, #overview { display: block; flex: none; }
#overview { cursor: pointer; border-bottom: 1px solid var(--line); }
#lanes-wrap { flex: 1; overflow-y: auto; overflow-x: hidden; position: relative; min-height: 0; }
#lanes { display: block; position: sticky; top: 0; cursor: grab; }
#lanes.dragging, #top.dragging { cursor: grabbing; }
#top { cursor: grab; }

aside { width: 380px; flex: none; overflow-y: auto; border-left: 1px solid var(--line); background: var(--panel); }
aside details { border-bottom: 1px solid var(--line); }
aside #sec-details { position: sticky; top: 0; z-index: 2; background: var(--panel); max-height: 42vh; overflow-y: auto; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
aside summary { padding: 6px 10px; font-weight: 600; cursor: pointer; user-select: none; background: #f6f7f9; }
aside .body { padding: 6px 10px 10px; }
aside .count { color: var(--muted); font-weight: normal; }

#details .head { font-weight: 600; margin-bottom: 4px; }
#details .line { white-space: pre-wrap; word-break: break-word; }
#details .line.field { color: var(--muted); }
#details .empty { color: var(--muted); }
#details .tag { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; color: #fff; background: var(--bad); margin-right: 4px; }
#details .tag.witness { background: var(--warn); }

.vio-group { border-left: 3px solid var(--bad); padding: 4px 8px; margin-bottom: 8px; background: #fff5f5; }
.vio-group .inv { font-weight: 600; color: var(--bad); }
.vio-group .meaning { margin: 2px 0 4px; }
.vio { border-top: 1px solid #f3d6d6; padding: 3px 0; }
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

#tip { position: fixed; pointer-events: none; background: rgba(20, 24, 33, 0.94); color: #fff; padding: 5px 8px; border-radius: 4px;
  font-size: 12px; max-width: 460px; white-space: pre-wrap; word-break: break-word; z-index: 10; display: none; }
`;
