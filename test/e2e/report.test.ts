import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySink } from '../../sim/index.js';
import type { MutationId } from '../../src/cluster/mutations.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import type { Rec } from '../../src/report/html/model/records.js';
import { MECHANISM_INVARIANTS, violationOrder } from '../../src/report/html/model/story.js';
import type { RunResult } from '../../src/runner/result.js';
import { runScenario } from '../../src/runner/run.js';
import type { Scenario } from '../../src/scenario/types.js';
import { Browser, settled as settledOf, state as stateOf } from './browser.js';

// The HTML report in Debian's Chromium, driven by playwright-core (which downloads no browser).
const SCREENSHOT = resolve('test-results/report.png');

/** What the page exposes as `window.__report`. */
interface ReportState {
  ready: boolean;
  readyAt: number;
  events: number;
  lanes: number;
  lanesTotal: number;
  arrowsTotal: number;
  arrowsDrawn: number;
  aggregated: boolean;
  bands: number;
  bandsDrawn: number;
  directorSpans: number;
  violations: number;
  violationMarkers: number;
  violationMarkersDrawn: number;
  currentEvent: number;
  view: { t0: number; t1: number };
  draws: number;
}

/** The page's `positionOf`, which these tests call (the project compiles without the DOM library). */
interface ReportWindow {
  __report?: ReportState & { positionOf(k: number): { x: number; y: number } | null };
}

function loadScenario(file: string): Scenario {
  return JSON.parse(readFileSync(file, 'utf8')) as Scenario;
}

function writeReport(dir: string, name: string, scenario: Scenario, seed: number, mutations?: readonly MutationId[]): { file: string; bytes: number; result: RunResult } {
  const sink = new MemorySink();
  const result = runScenario(scenario, { seed, sink, ...(mutations !== undefined ? { mutations } : {}) });
  const html = renderHtmlReport({ scenario, result, records: sink.records as Rec[] });
  const file = join(dir, name);
  writeFileSync(file, html);
  return { file, bytes: statSync(file).size, result };
}

/**
 * The panel lists the damage first, five violations per invariant at first, and folds the checks
 * of a mechanism (fencing) below: the first violation shown without a click that has witnesses.
 */
function shownWithWitnesses(result: RunResult): RunResult['violations'][number] | undefined {
  const seen = new Map<string, number>();
  const damage = result.violations.some((v) => !MECHANISM_INVARIANTS.has(v.invariant));
  return violationOrder(result.violations)
    .map((k) => result.violations[k]!)
    .find((v) => {
      const n = (seen.get(v.invariant) ?? 0) + 1;
      seen.set(v.invariant, n);
      const shown = MECHANISM_INVARIANTS.has(v.invariant) ? !damage && n <= 25 : n <= 5;
      return shown && v.witnesses.length > 0;
    });
}

/** The first of a few known mutation runs that ends in a violation with witness events. */
function violationRun(dir: string): { file: string; result: RunResult } {
  const candidates: [string, MutationId][] = [
    ['scenarios/log-crash.json', 'recruit-old-layout'],
    ['scenarios/random-faults.json', 'lock-all-available'],
    ['scenarios/random-faults.json', 'no-fencing'],
  ];
  for (const [file, mutation] of candidates) {
    for (let seed = 1; seed <= 4; seed++) {
      const report = writeReport(dir, 'violation.html', loadScenario(file), seed, [mutation]);
      if (shownWithWitnesses(report.result) !== undefined) return report;
    }
  }
  throw new Error('no mutation run with a witnessed violation among the candidates');
}

const state = (page: Page): Promise<ReportState> => stateOf<ReportState>(page);
const settled = (page: Page): Promise<ReportState> => settledOf<ReportState>(page);

describe('the HTML report in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-e2e-'));
  const browser = new Browser({ width: 1600, height: 1000 });
  const { errors, requests } = browser;

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (file: string): Promise<Page> => browser.open(file);

  it('shows a violation run: lanes, arrows, lock bands, the violation, stepping, filters, zoom', async () => {
    const { file, result } = violationRun(dir);
    const violation = shownWithWitnesses(result)!;
    const page = await open(file);

    // what is drawn at first: the whole run
    let s = await state(page);
    expect(s.events).toBe(result.events);
    expect(s.lanes).toBeGreaterThan(5);
    expect(s.lanes).toBe(s.lanesTotal);
    expect(s.arrowsTotal).toBeGreaterThan(1000);
    expect(s.arrowsDrawn).toBeGreaterThan(0);
    expect(s.bands).toBeGreaterThan(0);
    expect(s.bandsDrawn).toBeGreaterThan(0);
    expect(s.directorSpans).toBeGreaterThan(0);
    expect(s.violations).toBe(result.violations.length);
    expect(s.violationMarkers).toBeGreaterThan(result.violations.length - 1);
    expect(s.violationMarkersDrawn).toBeGreaterThan(0);
    await expect(page.locator('#verdict').textContent()).resolves.toBe('violation');
    await expect(page.locator('#replay').textContent()).resolves.toBe(result.replay);
    expect(await page.locator(`.vio-group[data-invariant="${violation.invariant}"]`).count()).toBe(1);

    // the violation panel jumps to the event that made it certain, zoomed in
    const full = s.view.t1 - s.view.t0;
    await page.locator(`.vio[data-event="${violation.event}"] button[data-event="${violation.event}"]`).first().click();
    s = await settled(page);
    expect(s.currentEvent).toBe(violation.event);
    expect(s.view.t1 - s.view.t0).toBeLessThan(full);
    expect(s.aggregated).toBe(false);
    expect(s.arrowsDrawn).toBeGreaterThan(0);
    expect(s.violationMarkersDrawn).toBeGreaterThan(0);
    await expect(page.locator('#details-head').textContent()).resolves.toContain(`#${violation.event}`);
    await expect(page.locator('#details').textContent()).resolves.toContain(violation.invariant);
    // a witness link selects the witness
    const witness = violation.witnesses[0]!;
    await page.locator(`.vio[data-event="${violation.event}"] button[data-event="${witness}"]`).first().click();
    expect((await settled(page)).currentEvent).toBe(witness);
    await page.locator(`.vio[data-event="${violation.event}"] button[data-event="${violation.event}"]`).first().click();
    await settled(page);

    // step event by event: keyboard and buttons; the details pane follows
    const before = await page.locator('#details').textContent();
    await page.keyboard.press('ArrowRight');
    s = await settled(page);
    expect(s.currentEvent).toBeGreaterThan(violation.event);
    const afterKey = await page.locator('#details').textContent();
    expect(afterKey).not.toBe(before);
    await expect(page.locator('#details-head').textContent()).resolves.toContain(`#${s.currentEvent}`);
    const stepped = s.currentEvent;
    await page.click('#btn-next');
    s = await settled(page);
    expect(s.currentEvent).toBeGreaterThan(stepped);
    await page.click('#btn-prev');
    expect((await settled(page)).currentEvent).toBe(stepped);
    await page.keyboard.press('Shift+ArrowRight');
    const key = (await settled(page)).currentEvent;
    expect(key).toBeGreaterThan(stepped);
    const keyType = (await page.locator('#details-head').textContent())!.split(' · ')[2];
    expect(['send', 'deliver', 'drop']).not.toContain(keyType);

    // hover: a tooltip describes what is under the pointer
    const at = await page.evaluate((k) => (globalThis as unknown as ReportWindow).__report!.positionOf(k), key);
    expect(at).not.toBeNull();
    await page.mouse.move(at!.x, at!.y);
    await expect(page.locator('#tip').isVisible()).resolves.toBe(true);
    await expect(page.locator('#tip').textContent()).resolves.toMatch(/#\d+/);
    await page.mouse.move(5, 5);

    // zoom: buttons and wheel change the visible window; dragging pans it
    let view = (await state(page)).view;
    await page.click('#btn-zoom-in');
    s = await settled(page);
    expect(s.view.t1 - s.view.t0).toBeCloseTo((view.t1 - view.t0) / 2, 0);
    view = s.view;
    const box = (await page.locator('#lanes').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + 40);
    await page.mouse.wheel(0, 400);
    s = await settled(page);
    expect(s.view.t1 - s.view.t0).toBeGreaterThan(view.t1 - view.t0);
    view = s.view;
    await page.mouse.move(box.x + box.width * 0.6, box.y + 30);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + 30, { steps: 5 });
    await page.mouse.up();
    s = await settled(page);
    expect(s.view.t0).toBeGreaterThan(view.t0);
    expect(s.view.t1 - s.view.t0).toBeCloseTo(view.t1 - view.t0, 0);
    await page.click('#btn-fit');
    await settled(page);
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-full.png') }).catch(() => undefined);

    // filters: by process text, by node, by message kind
    const total = s.lanesTotal;
    await page.fill('#lane-filter', 'director');
    s = await settled(page);
    expect(s.lanes).toBeGreaterThan(0);
    expect(s.lanes).toBeLessThan(total);
    const directors = s.lanes;
    // Several words: any of them.
    await page.fill('#lane-filter', 'director, coordinator');
    s = await settled(page);
    expect(s.lanes).toBeGreaterThan(directors);
    expect(s.lanes).toBeLessThan(total);
    await page.fill('#lane-filter', '');
    expect((await settled(page)).lanes).toBe(total);
    const firstNode = page.locator('#filter-lanes input[data-node]').first();
    const nodeLanes = await page.locator(`#filter-lanes input[data-lane]`).evaluateAll(
      (boxes, node) => boxes.filter((b) => b.closest('div')?.querySelector('input[data-node]')?.getAttribute('data-node') === node).length,
      await firstNode.getAttribute('data-node'),
    );
    await firstNode.uncheck();
    expect((await settled(page)).lanes).toBe(total - nodeLanes);
    await firstNode.check();
    expect((await settled(page)).lanes).toBe(total);
    await page.click('#kinds-none');
    expect((await settled(page)).arrowsDrawn).toBe(0);
    await page.click('#kinds-all');
    expect((await settled(page)).arrowsDrawn).toBeGreaterThan(0);

    // back to the violation for the picture
    await page.locator(`.vio[data-event="${violation.event}"] button[data-event="${violation.event}"]`).first().click();
    await settled(page);
    mkdirSync(resolve('test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('opens the default scenario (log-crash, seed 1) quickly', async () => {
    const { file, bytes, result } = writeReport(dir, 'default.html', loadScenario('scenarios/log-crash.json'), 1);
    const page = await open(file);
    const s = await state(page);
    console.log(
      `default scenario report: ${result.events} events, ${(bytes / 1024 / 1024).toFixed(2)} MB, ` +
        `ready ${Math.round(s.readyAt)} ms after navigation start (${s.lanes} lanes, ${s.arrowsTotal} messages)`,
    );
    expect(s.lanes).toBe(s.lanesTotal);
    expect(s.bandsDrawn).toBeGreaterThan(0);
    expect(s.violations).toBe(0);
    expect(bytes).toBeLessThan(4 * 1024 * 1024);
    expect(s.readyAt).toBeLessThan(2000);
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
