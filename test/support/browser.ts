// Debian's Chromium driven by playwright-core for the end-to-end suites: never a downloaded browser.
// One headless Chromium per test worker, shared by the files it runs (the e2e project does not isolate
// files), and a fresh browser context (its own cookies, storage, viewport, locale) for each caller.
// Saves screenshots under test-output/.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-output/screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (CSP violations show up here). */
  errors: string[];
  close(): Promise<void>;
}

const SHARED = Symbol.for('poe.test.chromium');
type WithBrowser = typeof globalThis & { [SHARED]?: Promise<Browser> };

/** This worker's Chromium, launched on first use (again if it went away); Playwright closes it when the worker exits. */
async function workerBrowser(): Promise<Browser> {
  const g = globalThis as WithBrowser;
  const current = await g[SHARED]?.catch(() => undefined);
  if (current?.isConnected()) return current;
  g[SHARED] = chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  return g[SHARED];
}

/** A new browser context and page on this worker's Chromium; close() closes the context. */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; locale?: string; timezoneId?: string } = {},
): Promise<TestBrowser> {
  const browser = await workerBrowser();
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    locale: options.locale ?? 'en-US',
    timezoneId: options.timezoneId ?? 'Asia/Taipei',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    browser,
    context,
    page,
    errors,
    close: async () => {
      await context.close();
    },
  };
}

/** Saves a window screenshot as test-output/screenshots/<name>.png (once web fonts are in) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Removes pictures of failed steps named `failed-<prefix>-…` left by an earlier run (only this suite's: suites run side by side). */
export function clearFailureScreenshots(prefix: string): void {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const f of readdirSync(SCREENSHOT_DIR)) if (f.startsWith(`failed-${prefix}-`)) rmSync(path.join(SCREENSHOT_DIR, f));
}
