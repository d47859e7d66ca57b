import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySink } from '../../sim/index.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import type { Rec } from '../../src/report/html/model/records.js';
import { runScenario } from '../../src/runner/run.js';
import type { Scenario } from '../../src/scenario/types.js';
import { Browser, settled, state, type PageWindow } from './browser.js';

// A report of half a million events, every one of them in the page (no sampling), opened in
// Chromium: the time from navigation to the first drawn frame is printed, not asserted (it
// depends on the machine); the sanity bound only catches a page that hangs.
const TARGET_EVENTS = 500_000;

interface ScaleState {
  events: number;
  lanes: number;
  readyAt: number;
  lastDrawMs: number;
  arrowsTotal: number;
  aggregated: boolean;
  view: { t0: number; t1: number };
}

describe('a 500 k-event report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scale-e2e-'));
  const browser = new Browser({ width: 1600, height: 1000 });

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens and draws in Chromium (time printed)', async () => {
    // log-crash with a heavy workload for a minute: about 8,400 events per virtual second
    const scenario = JSON.parse(readFileSync('scenarios/log-crash.json', 'utf8')) as Scenario;
    const heavy: Scenario = { ...scenario, workload: { ...scenario.workload, ratePerSec: 250, stopMs: 60_000 }, durationMs: 60_000 };
    const built = Date.now();
    const sink = new MemorySink();
    const result = runScenario(heavy, { seed: 1, sink });
    const html = renderHtmlReport({ scenario: heavy, result, records: sink.records as Rec[] });
    const file = join(dir, 'big.html');
    writeFileSync(file, html);
    const builtMs = Date.now() - built;
    expect(result.events).toBeGreaterThanOrEqual(TARGET_EVENTS);

    await browser.start();
    const opened = Date.now();
    const page = await browser.open(file, 60_000);
    // the first frame after the page is ready: the chart is on screen
    const drawn = await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow & { performance: { now(): number } };
      return new Promise<number>((done) => w.requestAnimationFrame(() => w.requestAnimationFrame(() => done(w.performance.now()))));
    });
    const wallMs = Date.now() - opened;
    const s = await state<ScaleState>(page);
    console.log(
      `500k report: ${s.events.toLocaleString('en-US')} events, ${s.arrowsTotal.toLocaleString('en-US')} messages, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB ` +
        `(simulated and written in ${builtMs} ms); in Chromium: ready ${Math.round(s.readyAt)} ms and first frame ${Math.round(drawn)} ms after navigation start ` +
        `(${wallMs} ms from opening a tab to the first frame, as the test saw it); a full redraw takes ${s.lastDrawMs.toFixed(1)} ms`,
    );
    expect(s.events).toBe(result.events);
    expect(s.lanes).toBeGreaterThan(10);
    expect(s.aggregated).toBe(true);
    expect(drawn).toBeLessThan(20_000);

    // interaction stays quick at this size: zoom in to a second, then step
    await page.click('#btn-zoom-in');
    const zoomed = await settled<ScaleState>(page);
    expect(zoomed.view.t1 - zoomed.view.t0).toBeLessThan(s.view.t1 - s.view.t0);
    expect(zoomed.lastDrawMs).toBeLessThan(5_000);
    await page.close();
    expect(browser.errors).toEqual([]);
  });
});
