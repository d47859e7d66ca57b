import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Chalk } from 'chalk';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { reportAction, type ReportFlags } from '../../src/cli/commands/report.js';
import type { Cli } from '../../src/cli/context.js';
import { Browser, settled, state } from './browser.js';

// Two runs on one page (report --compare-*), what led to a violation (its causal past as a
// filter), and what each director waits on when liveness fails: written by the CLI's own action.
const RESULTS = resolve('test-results');

interface RunState {
  lanes: number;
  lanesTotal: number;
  events: number;
  arrowsDrawn: number;
  marksDrawn: number;
  marksFaded: number;
  arrowsFaded: number;
  divergenceDrawn: number;
  livenessDrawn: number;
  currentEvent: number;
  focusViolation: number;
  view: { t0: number; t1: number };
  chapter: number;
  chapters: { event: number; kind: string; text?: string }[];
  causal: { violation: number; lanes: number; events: number; since: number } | null;
  causalViolations: number[];
  liveness: { t: number; directors: number; calls: number } | null;
  verdict: string;
}

interface CompareState {
  compare: true;
  active: string;
  runs: [RunState, RunState];
  divergence: { a: number; b: number; t: number; kind: string; traceIndex: number; text: string } | null;
  onlyA: string[];
  onlyB: string[];
}

function memoryCli(): Cli {
  return { io: { out: () => undefined, err: () => undefined, chalk: new Chalk({ level: 0 }), stderrIsTTY: false }, exitCode: 0 };
}

function write(dir: string, file: string, scenario: string, flags: Omit<ReportFlags, 'out' | 'mutations'> & { mutations?: boolean }): string {
  const out = join(dir, file);
  reportAction(memoryCli(), scenario, { mutations: true, ...flags, out });
  return out;
}

interface Violation {
  invariant: string;
  event: number;
  witnesses: number[];
}

function violationsOf(file: string): Violation[] {
  const html = readFileSync(file, 'utf8');
  const p = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as { violations: Violation[] };
  return p.violations;
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, name) });
  expect(statSync(join(RESULTS, name)).size).toBeGreaterThan(10_000);
}

describe('comparison, causal past and liveness in the HTML report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compare-e2e-'));
  const browser = new Browser({ width: 1600, height: 1000 });

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compares a bug with the reference protocol: two runs on one axis, both verdicts, the first difference', async () => {
    const file = write(dir, 'compare.html', 'bug-no-fencing', { compareNoMutations: true });
    const page = await browser.open(file);
    let s = await state<CompareState>(page);
    expect(s.compare).toBe(true);
    await expect(page.locator('#verdict-a').textContent()).resolves.toBe('violation');
    await expect(page.locator('#verdict-b').textContent()).resolves.toBe('pass');
    await expect(page.locator('#run-verdict-a').textContent()).resolves.toBe('violation');
    await expect(page.locator('#run-verdict-b').textContent()).resolves.toBe('pass');
    for (const run of s.runs) {
      expect(run.lanes).toBeGreaterThan(5);
      expect(run.arrowsDrawn).toBeGreaterThan(0);
    }
    expect(s.runs[0].view).toEqual(s.runs[1].view);
    // the violations only the bug has, and the first difference told in the panel
    expect(s.onlyA).toContain('no-split-brain');
    expect(s.onlyB).toEqual([]);
    expect(await page.locator('#diff-violations tr.differs').count()).toBe(s.onlyA.length);
    expect(await page.locator('#diff-divergence .side').count()).toBe(2);
    const d = s.divergence!;
    expect(d.kind).toBe('content');
    expect(d.a).toBe(d.traceIndex);
    expect(d.b).toBe(d.traceIndex);

    // both runs zoom to the first difference, each with its own event selected and marked
    await page.click('#btn-divergence');
    s = await settled<CompareState>(page);
    expect(s.runs[0].currentEvent).toBe(d.a);
    expect(s.runs[1].currentEvent).toBe(d.b);
    expect(s.runs[0].divergenceDrawn).toBe(1);
    expect(s.runs[1].divergenceDrawn).toBe(1);
    expect(s.runs[0].view).toEqual(s.runs[1].view);
    expect(s.runs[0].view.t0).toBeLessThanOrEqual(d.t);
    expect(s.runs[0].view.t1).toBeGreaterThanOrEqual(d.t);
    await expect(page.locator('#details-head').textContent()).resolves.toContain(`run A · #${d.a}`);
    await shot(page, 'compare-bug-no-fencing.png');

    // one time axis: zooming moves both; a click in run B makes B the run stepped through
    const width = s.runs[0].view.t1 - s.runs[0].view.t0;
    await page.click('#btn-zoom-in');
    s = await settled<CompareState>(page);
    expect(s.runs[0].view.t1 - s.runs[0].view.t0).toBeCloseTo(width / 2, 0);
    expect(s.runs[1].view).toEqual(s.runs[0].view);
    const at = await page.evaluate((k) => (globalThis as unknown as { __report: { runs: { positionOf(k: number): { x: number; y: number } | null }[] } }).__report.runs[1]!.positionOf(k), d.b);
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    s = await settled<CompareState>(page);
    expect(s.active).toBe('B');
    await expect(page.locator('#details-head').textContent()).resolves.toMatch(/^run B · #/);
    await page.keyboard.press('ArrowRight');
    s = await settled<CompareState>(page);
    expect(s.runs[1].currentEvent).toBeGreaterThan(d.b);
    expect(s.runs[0].currentEvent).toBe(d.a);
    await page.close();
    expect(browser.errors).toEqual([]);
    expect(browser.requests).toEqual([]);
  });

  it('compares a passing and a failing seed', async () => {
    const file = write(dir, 'seeds.html', 'random-faults', { mutate: ['no-fencing'], seed: '1', compareSeed: '18' });
    const page = await browser.open(file);
    const s = await state<CompareState>(page);
    await expect(page.locator('#verdict-a').textContent()).resolves.toBe('pass');
    await expect(page.locator('#verdict-b').textContent()).resolves.toBe('violation');
    expect(s.divergence).not.toBeNull();
    expect(s.onlyB).toContain('no-split-brain');
    expect(s.runs[0].divergenceDrawn + s.runs[1].divergenceDrawn).toBe(2);
    await shot(page, 'compare-seeds.png');
    await page.close();
    expect(browser.errors).toEqual([]);
  });

  it('shows only what led to a violation: its causal past as a filter, the witnesses kept', async () => {
    const file = write(dir, 'causal.html', 'bug-no-fencing', {});
    const violations = violationsOf(file);
    const page = await browser.open(file);
    let s = await state<RunState & { headline: number }>(page);
    const k = s.headline;
    const v = violations[k]!;
    expect(s.causalViolations).toContain(k);
    const lanesBefore = s.lanes;
    expect(lanesBefore).toBe(s.lanesTotal);
    await page.locator(`#violations button.causal[data-causal="${k}"]`).click();
    s = await settled(page);
    expect(s.causal).not.toBeNull();
    expect(s.causal!.violation).toBe(k);
    expect(s.lanes).toBeLessThan(lanesBefore);
    expect(s.lanes).toBe(s.causal!.lanes);
    expect(s.causal!.events).toBeLessThan(s.events / 10);
    expect(s.marksFaded + s.arrowsFaded).toBeGreaterThan(0);
    expect(s.currentEvent).toBe(v.event);
    await expect(page.locator('#causal-past').isChecked()).resolves.toBe(true);
    await expect(page.locator('#causal-info').textContent()).resolves.toBe(`${s.lanes}/${s.lanesTotal} processes`);
    // the violation and every witness are still on screen
    for (const w of [v.event, ...v.witnesses]) {
      const at = await page.evaluate((e) => (globalThis as unknown as { __report: { positionOf(k: number): unknown } }).__report.positionOf(e), w);
      expect(at, `event ${w}`).not.toBeNull();
    }
    await shot(page, 'causal-bug-no-fencing.png');

    // stepping walks the past; hide the rest; look back over the whole run; off again
    await page.keyboard.press('ArrowLeft');
    s = await settled(page);
    expect(s.currentEvent).toBeLessThan(v.event);
    await page.check('#causal-hide');
    s = await settled(page);
    expect(s.marksFaded).toBe(0);
    expect(s.arrowsFaded).toBe(0);
    const bounded = s.causal!;
    await page.selectOption('#causal-since', '-1');
    s = await settled(page);
    expect(s.causal!.since).toBe(0);
    expect(s.causal!.events).toBeGreaterThan(bounded.events);
    expect(s.causal!.lanes).toBeGreaterThanOrEqual(bounded.lanes);
    await page.uncheck('#causal-past');
    s = await settled(page);
    expect(s.causal).toBeNull();
    expect(s.lanes).toBe(s.lanesTotal);
    await page.close();
    expect(browser.errors).toEqual([]);
  });

  it('tells what each director waits on when recovery never completes', async () => {
    const file = write(dir, 'liveness.html', 'partitioned-log-nodes', { mutate: ['distrust-answering-nodes', 'retry-freshly-failed-nodes'] });
    const page = await browser.open(file);
    let s = await state<RunState>(page);
    expect(s.liveness).toMatchObject({ t: 23_001_000, directors: 1, calls: 1 });
    await expect(page.locator('#sec-liveness').isVisible()).resolves.toBe(true);
    expect(await page.locator('#liveness .wait').count()).toBe(1);
    await expect(page.locator('#liveness .wait').textContent()).resolves.toMatch(/director-e1@n1#1.*log-recruitment.*create-worker to foreman@n6, sent 20\.132 s: the request was dropped \(node-down\); node n6 has been down since/s);
    await page.click('#liveness-go');
    s = await settled(page);
    const chapter = s.chapters[s.chapter]!;
    expect(chapter.event).toBe(s.currentEvent);
    await expect(page.locator('#moment-text').textContent()).resolves.toContain('what each director is waiting on');
    expect(s.livenessDrawn).toBe(1);
    expect(s.lanes).toBeLessThan(s.lanesTotal);
    await shot(page, 'liveness-partitioned-log-nodes.png');
    await page.close();
    expect(browser.errors).toEqual([]);
  });
});
