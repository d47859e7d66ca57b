import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySink } from '../../sim/index.js';
import { narrationMoments } from '../../src/cli/report-run.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { looksRed } from '../../src/report/html/model/colors.js';
import type { Rec } from '../../src/report/html/model/records.js';
import type { RunResult } from '../../src/runner/result.js';
import { runScenario } from '../../src/runner/run.js';
import type { Scenario } from '../../src/scenario/types.js';
import { Browser, settled as settledOf, state as stateOf } from './browser.js';

// The story the report tells, at the size of a laptop screen: the legend's colours, the chapters
// and the next-moment navigation, the violation focus, the split-brain lens and the commits strip.
const RESULTS = resolve('test-results');

interface Chapter {
  event: number;
  t: number;
  kind: string;
  title: string;
  lanes: number;
  t0: number;
  t1: number;
  violation: number;
}

/** What the page exposes as `window.__report` (the parts these tests read). */
interface StoryState {
  ready: boolean;
  lanes: number;
  lanesTotal: number;
  currentEvent: number;
  view: { t0: number; t1: number };
  chapters: Chapter[];
  chapter: number;
  chapterPinsDrawn: number;
  labelsDrawn: number;
  focusViolation: number;
  headline: number;
  focusLanes: number[] | null;
  epochColors: [number, string][];
  generations: { epoch: number; acks: number; first: number; last: number; stale: number }[];
  outages: number;
  lensRows: number;
  lensColumns: number;
  laneNames: { name: string; role: string; node: string }[];
}

interface StoryWindow {
  __report?: StoryState & { rowOf(l: number): { top: number; bottom: number; visibleTop: number; visibleBottom: number } | null };
  requestAnimationFrame(callback: () => void): number;
}

function load(file: string): Scenario {
  return JSON.parse(readFileSync(file, 'utf8')) as Scenario;
}

/** The report `demo <name> --report` writes (narrated), or the one `report <name>` writes. */
function writeReport(dir: string, name: string, narrated: boolean): { file: string; result: RunResult; scenario: Scenario } {
  const scenario = load(`scenarios/${name}.json`);
  const sink = new MemorySink();
  const result = runScenario(scenario, { seed: 1, sink });
  const records = sink.records as Rec[];
  const narration = narrated ? { narration: narrationMoments(records, scenario.demo?.narration ?? []) } : {};
  const file = join(dir, `${name}${narrated ? '-demo' : ''}.html`);
  writeFileSync(file, renderHtmlReport({ scenario, result, records, ...narration }));
  return { file, result, scenario };
}

const state = (page: Page): Promise<StoryState> => stateOf<StoryState>(page);
const settled = (page: Page): Promise<StoryState> => settledOf<StoryState>(page);

describe('the story in the HTML report (1280×720)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'story-e2e-'));
  const browser = new Browser({ width: 1280, height: 720 });
  const errors = browser.errors;

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (file: string): Promise<Page> => browser.open(file);

  it('director-race (demo --report): legend, what to watch, chapters, next moment, lanes that fit', async () => {
    const { file, scenario } = writeReport(dir, 'director-race', true);
    const page = await open(file);
    let s = await state(page);

    // colours: every epoch in the legend has its palette colour, none of them red
    expect(s.epochColors.length).toBeGreaterThan(1);
    const legend = await page.locator('#legend-epochs span[data-epoch]').evaluateAll((spans) => spans.map((x) => [x.getAttribute('data-epoch'), x.getAttribute('data-color')]));
    expect(legend.length).toBe(s.epochColors.length);
    for (const [epoch, color] of legend) expect(looksRed(color!), `e${epoch} ${color}`).toBe(false);
    for (const id of ['legend-violation', 'legend-refusal', 'legend-drop', 'legend-fault', 'legend-chapter', 'legend-commits', 'legend-outage']) {
      expect(await page.locator(`#${id}`).count(), id).toBe(1);
    }

    // what to watch, and the story told as the demo's narration
    const watch = await page.locator('#watch li').allTextContents();
    expect(watch).toEqual(scenario.watch);
    expect(s.chapters.length).toBe(scenario.demo!.narration!.length);
    expect(s.chapters.every((c) => c.kind === 'narration')).toBe(true);
    expect(s.chapterPinsDrawn).toBe(s.chapters.length);
    await expect(page.locator('#moment-pos').textContent()).resolves.toBe(`${s.chapters.length} moments`);

    // at 1280×720 every log lane is on screen without scrolling, with the whole run in view
    const logs = s.laneNames.flatMap((l, k) => (l.role === 'log' ? [k] : []));
    expect(logs.length).toBeGreaterThan(3);
    for (const l of logs) {
      const row = await page.evaluate((k) => (globalThis as unknown as StoryWindow).__report!.rowOf(k), l);
      expect(row, s.laneNames[l]!.name).not.toBeNull();
      expect(row!.bottom, s.laneNames[l]!.name).toBeLessThanOrEqual(row!.visibleBottom + 1);
    }

    // next moment: the view zooms to the chapter, filters to the lanes involved, selects its event
    const full = s.view.t1 - s.view.t0;
    for (let k = 0; k < s.chapters.length; k++) {
      if (k % 2 === 0) await page.click('#btn-next-moment');
      else await page.keyboard.press(']');
      s = await settled(page);
      const c = s.chapters[k]!;
      expect(s.chapter).toBe(k);
      expect(s.view.t0).toBeLessThanOrEqual(c.t);
      expect(s.view.t1).toBeGreaterThanOrEqual(c.t);
      expect(s.view.t1 - s.view.t0).toBeLessThan(full / 100);
      expect(s.currentEvent).toBe(c.event);
      expect(s.focusLanes!.length).toBe(c.lanes);
      expect(s.lanes).toBeLessThan(s.lanesTotal);
    }
    // back to the refusal: its label is on the chart, the narration in the box
    const refusal = s.chapters.findIndex((c) => c.title === 'lock refused');
    expect(refusal).toBeGreaterThanOrEqual(0);
    while (s.chapter > refusal) {
      await page.click('#btn-prev-moment');
      s = await settled(page);
    }
    expect(s.chapter).toBe(refusal);
    expect(s.labelsDrawn).toBeGreaterThan(0);
    await expect(page.locator('#moment-text').textContent()).resolves.toContain('newer_epoch_exists');
    await expect(page.locator('#details-head').textContent()).resolves.toContain('lock-refused');
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'story-director-race.png') });
    expect(statSync(join(RESULTS, 'story-director-race.png')).size).toBeGreaterThan(10_000);

    // show all: every process again
    await page.click('#moment-show-all');
    s = await settled(page);
    expect(s.focusLanes).toBeNull();
    expect(s.lanes).toBe(s.lanesTotal);

    // presets and collapsing a node
    await page.click('#preset-elections');
    s = await settled(page);
    expect(s.lanes).toBe(s.laneNames.filter((l) => l.role === 'coordinator' || l.role === 'director').length);
    await page.click('#lanes-all');
    s = await settled(page);
    expect(s.lanes).toBe(s.lanesTotal);
    const rows = (await state(page) as StoryState & { rows: number }).rows;
    const lanesBox = (await page.locator('#lanes').boundingBox())!;
    await page.mouse.click(lanesBox.x + 30, lanesBox.y + 8);
    const collapsed = (await settled(page)) as StoryState & { rows: number; collapsed: string[] };
    expect(collapsed.collapsed).toEqual([s.laneNames[0]!.node]);
    expect(collapsed.rows).toBeLessThan(rows);
    expect(collapsed.lanes).toBe(s.lanesTotal);
    await page.mouse.click(lanesBox.x + 30, lanesBox.y + 8);
    expect(((await settled(page)) as StoryState & { rows: number }).rows).toBe(rows);

    // stepping from the whole run: the view follows the step
    await page.click('#btn-fit');
    await page.click('#btn-first');
    await page.keyboard.press('Shift+ArrowRight');
    s = await settled(page);
    expect(s.view.t1 - s.view.t0).toBeLessThanOrEqual(250_001);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('bug-no-fencing (report): violations first, exact focus, the split-brain lens, the commits strip', async () => {
    const { file, result } = writeReport(dir, 'bug-no-fencing', false);
    const page = await open(file);
    let s = await state(page);

    // the damage first, the fencing entries grouped below
    const groups = await page.locator('#violations .vio-group').evaluateAll((g) => g.map((x) => x.getAttribute('data-invariant')));
    expect(groups[0]).toBe('no-split-brain');
    expect(groups.indexOf('fencing')).toBe(groups.length - 1);
    expect(await page.locator('#vio-mechanism .vio-group[data-invariant="fencing"]').count()).toBe(1);
    const headline = result.violations[s.headline]!;
    expect(headline.invariant).toBe('no-split-brain');
    expect(s.focusViolation).toBe(s.headline);

    // the headline's event also makes no-acked-commit-lost certain: a click tags it with the invariant clicked
    const shared = result.violations.findIndex((v) => v.event === headline.event && v.invariant === 'no-acked-commit-lost');
    expect(shared).toBeGreaterThanOrEqual(0);
    await page.locator(`#violations button[data-violation="${s.headline}"]`).click();
    s = await settled(page);
    expect(s.currentEvent).toBe(headline.event);
    await expect(page.locator('#details .tag-invariant').first().textContent()).resolves.toBe('no-split-brain');
    await page.locator(`#violations button[data-violation="${shared}"]`).click();
    s = await settled(page);
    expect(s.focusViolation).toBe(shared);
    expect(s.currentEvent).toBe(headline.event);
    await expect(page.locator('#details .tag-invariant').first().textContent()).resolves.toBe('no-acked-commit-lost');

    // chapters: what led to it, the violation and its witness
    const kinds = s.chapters.map((c) => c.kind);
    expect(kinds).toContain('key');
    expect(kinds).toContain('violation');
    expect(kinds).toContain('witness');
    const at = s.chapters.findIndex((c) => c.kind === 'violation' && c.event === headline.event);
    await page.click('#btn-fit');
    for (let k = 0; k <= at; k++) await page.keyboard.press('PageDown');
    s = await settled(page);
    expect(s.chapter).toBe(at);
    expect(s.currentEvent).toBe(headline.event);
    expect(s.focusViolation).toBe(s.chapters[at]!.violation);

    // the lens: one row per log and storage service, the old logs letting e1's pushes in
    expect(s.lensRows).toBeGreaterThan(5);
    expect(await page.locator('#lens-table tr.service').count()).toBe(s.lensRows);
    expect(await page.locator('#lens-table th[data-epoch]').count()).toBe(s.lensColumns);
    expect(await page.locator('#lens-table .leaked').count()).toBeGreaterThan(0);

    // the commits strip: generation 1 still acknowledging after epoch 3 was published
    const gens = s.generations;
    expect(gens.map((g) => g.epoch)).toEqual([1, 3]);
    expect(gens[0]!.stale).toBeGreaterThan(0);
    expect(s.outages).toBeGreaterThan(0);

    // the lens just under the (sticky) current event
    await page.evaluate(() => {
      interface Box { scrollTop: number; getBoundingClientRect(): { top: number; bottom: number } }
      const d = (globalThis as unknown as { document: { querySelector(s: string): Box } }).document;
      d.querySelector('aside').scrollTop += d.querySelector('#sec-lens').getBoundingClientRect().top - d.querySelector('#sec-details').getBoundingClientRect().bottom;
    });
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'lens-bug-no-fencing.png') });
    expect(statSync(join(RESULTS, 'lens-bug-no-fencing.png')).size).toBeGreaterThan(10_000);
    await page.close();
    expect(errors).toEqual([]);
  });
});
