// The next-claim figure's clean page (bench/clean-viewer/): built with the project's bundler into a
// folder of the bench's own, opened in a fresh context (its own tab) of the bench's Chromium at an
// address of the browser host's origin, so it fetches documents from the host exactly as the app's page
// does. Playwright serves only the page and its bundle, then stops intercepting before anything is timed
// (while a route is set Chromium hands every request of the context to Playwright first).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { SECURITY_HEADERS } from '../../electron/core/csp';
import type { CleanPaint } from '../clean-viewer/main';
import { openPage, type BenchPage } from './browser';
import { REPO_ROOT } from './renderer';

const BASE = '/__bench/viewer/';

export interface CleanViewer {
  /** Page 1 of the cached document `sha256` painted by PDFViewer at `scale` (its currentScale), timed in the page. */
  paint(sha256: string, scale: number): Promise<CleanPaint>;
  errors: string[];
  close(): Promise<void>;
}

async function buildCleanViewer(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-clean-viewer-'));
  try {
    await build({
      configFile: false,
      root: path.join(REPO_ROOT, 'bench/clean-viewer'),
      base: BASE,
      logLevel: 'error',
      build: { outDir: dir, emptyOutDir: true, sourcemap: false, target: 'es2022', chunkSizeWarningLimit: 100_000 },
    });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

/** The app's own pdf.js worker script in the renderer build, as the host serves it. */
function workerPath(rendererDir: string): string {
  const assets = path.join(rendererDir, 'assets');
  const found = fs.existsSync(assets) ? fs.readdirSync(assets).filter((n) => /^pdf\.worker.*\.m?js$/.test(n)) : [];
  if (found.length !== 1) throw new Error(`expected one pdf.js worker script in the renderer build's assets/, found ${found.length}`);
  return `/assets/${found[0]}`;
}

export async function openCleanViewer(chromium: Browser, hostOrigin: string, key: string, rendererDir: string): Promise<CleanViewer> {
  const dir = await buildCleanViewer();
  let tab: BenchPage | null = null;
  try {
    tab = await openPage(chromium);
    const { page } = tab;
    await page.route(`${hostOrigin}${BASE}**`, async (route) => {
      const file = path.join(dir, decodeURIComponent(new URL(route.request().url()).pathname.slice(BASE.length)) || 'index.html');
      if (!file.startsWith(dir + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404 });
      const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : undefined;
      // The app page's own headers (its CSP included), as the host would send them.
      return route.fulfill({ path: file, contentType: type, headers: { ...SECURITY_HEADERS } });
    });
    const query = new URLSearchParams({ worker: workerPath(rendererDir), key });
    await page.goto(`${hostOrigin}${BASE}index.html?${query}`);
    // The worker loaded and started (as the app's is at sign-in), then no more interception.
    await page.evaluate('window.benchReady.then(() => undefined)');
    await page.unrouteAll({ behavior: 'wait' });
  } catch (error) {
    await tab?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { page, errors } = tab;
  return {
    errors,
    // A plain JavaScript string: nothing of the bench's own compilation runs in the page.
    paint: (sha256, scale) => page.evaluate(`window.benchPaint(${JSON.stringify(sha256)}, ${JSON.stringify(scale)})`) as Promise<CleanPaint>,
    close: async () => {
      await tab.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
