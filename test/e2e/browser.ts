import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium driven by playwright-core (which downloads no browser), for the e2e files
// that share it (not a test file itself).
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The page's globals the tests touch (the project compiles without the DOM library). */
export interface PageWindow {
  __report?: Record<string, unknown> & { ready: boolean };
  requestAnimationFrame(callback: () => void): number;
}

export class Browser {
  private context: BrowserContext | undefined;
  private readonly profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  /** Page errors, console errors and any request that is not a local file. */
  readonly errors: string[] = [];
  readonly requests: string[] = [];

  constructor(private readonly viewport: { width: number; height: number }) {}

  /** Starts Chromium (once); `open` does it too, but a timed test starts it first. */
  async start(): Promise<BrowserContext> {
    if (!existsSync(CHROMIUM)) throw new Error(`Debian's Chromium is missing (${CHROMIUM}). Install it with: sudo apt-get install -y chromium (playwright-core downloads no browser).`);
    this.context ??= await chromium.launchPersistentContext(this.profile, { executablePath: CHROMIUM, args: FLAGS, viewport: this.viewport });
    return this.context;
  }

  async open(file: string, timeout = 30_000): Promise<Page> {
    const page = await (await this.start()).newPage();
    page.on('pageerror', (e) => this.errors.push(`${file}: ${String(e)}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`${file}: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) this.requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href, { timeout });
    await page.waitForFunction(() => (globalThis as unknown as PageWindow).__report?.ready === true, null, { timeout });
    return page;
  }

  async close(): Promise<void> {
    await this.context?.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** `window.__report`, as plain data (functions left out). */
export async function state<T>(page: Page): Promise<T> {
  return page.evaluate(() => {
    const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'function' ? undefined : v)));
    return strip((globalThis as unknown as PageWindow).__report) as never;
  });
}

/** Waits for the page to have drawn what a change asked for (redraws are coalesced per frame). */
export async function settled<T>(page: Page): Promise<T> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return new Promise<void>((done) => w.requestAnimationFrame(() => w.requestAnimationFrame(() => done())));
  });
  return state<T>(page);
}
