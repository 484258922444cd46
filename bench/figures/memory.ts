// Figures: the workstation's memory with a large cache open — the core and browser host process (one
// process, as the workstation runs) on a profile of N cached claims, and the Chromium page (its
// renderer process, told apart from Chromium's own renderers) showing that queue with a claim open;
// each resident set against a fixed limit.
import fs from 'node:fs';
import type { BenchEnv } from '../config';
import { startHost, processMemory } from '../rig/host';
import type { Browser, Page } from 'playwright-core';
import { QUEUE_COUNT_CAP } from '../../electron/core/store/queue-table';
import { openPage } from '../rig/browser';
import { check, figure, type Figure } from '../results';
import { round } from '../stats';

const LIMIT_MB = 250;
const RENDERER_LIMIT_MB = 300;
const READINGS = 4;

async function rpc<T>(origin: string, key: string, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${origin}/rpc/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`${method} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

type ProcessInfo = { type: string; id: number; cpuTime: number };

/**
 * The page's own renderer process and every renderer's resident set. Chromium runs renderers that are not
 * the page (its WebUI renderer and a spare one kept warm; a blank page shows them too), so the page's is
 * found by its work: the renderer whose CPU time grows while the page spins for a moment.
 */
async function rendererMemory(chromium: Browser, page: Page): Promise<{ pageMb: number; allMb: number; others: number[] }> {
  const cdp = await chromium.newBrowserCDPSession();
  try {
    const renderers = async () =>
      ((await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] }).processInfo.filter((p) => p.type === 'renderer');
    const before = new Map((await renderers()).map((p) => [p.id, p.cpuTime]));
    await page.evaluate(() => {
      const until = performance.now() + 300;
      while (performance.now() < until);
    });
    const after = await renderers();
    const busiest = after.reduce((a, b) => (b.cpuTime - (before.get(b.id) ?? 0) > a.cpuTime - (before.get(a.id) ?? 0) ? b : a));
    const mb = after.map((p) => ({ id: p.id, rss: processMemory(p.id).rssMb }));
    return {
      pageMb: mb.find((m) => m.id === busiest.id)!.rss,
      allMb: mb.reduce((s, m) => s + m.rss, 0),
      others: mb.filter((m) => m.id !== busiest.id).map((m) => round(m.rss)),
    };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export async function measureMemory(env: BenchEnv, chromium: Browser, serviceUrl: string, profileDir: string, claims: number): Promise<Figure[]> {
  const host = await startHost({ serviceUrl, profileDir, rendererDir: env.rendererDir });
  const key = new URLSearchParams(new URL(host.url).hash.slice(1)).get('key')!;
  const afterStart = processMemory(host.pid);
  const browser = await openPage(chromium);
  try {
    const { page } = browser;
    await page.goto(host.url);
    await page.locator('.queue-row').first().waitFor({ timeout: 120_000 });
    const rows = await page.locator('.queue-row').count();
    await page.locator('.queue-row').first().click();
    await page.locator('#page-stage canvas[data-rendered="true"], #page-stage img').first().waitFor({ timeout: 60_000 });
    const { total, capped } = await rpc<{ total: number; capped: boolean }>(host.origin, key, 'queue.list', { limit: 1 });
    // Resident memory once the queue and a claim are shown: the highest of a few readings.
    let rss = 0;
    let peak = 0;
    let renderer = 0;
    let allRenderers = 0;
    let others: number[] = [];
    for (let i = 0; i < READINGS; i++) {
      const m = processMemory(host.pid);
      rss = Math.max(rss, m.rssMb);
      peak = Math.max(peak, m.peakMb);
      const r = await rendererMemory(chromium, page);
      if (r.pageMb > renderer) [renderer, others] = [r.pageMb, r.others];
      allRenderers = Math.max(allRenderers, r.allMb);
      await page.waitForTimeout(150);
    }
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    env.log(
      `  memory: host ${rss.toFixed(0)} MB resident (peak ${peak.toFixed(0)} MB), page ${renderer.toFixed(0)} MB with ${domNodes} DOM nodes (Chromium's other renderers ${others.join(' + ')} MB, all ${allRenderers.toFixed(0)} MB), ${total}${capped ? '+' : ''} claims listed, ${rows} rows shown`,
    );
    const host_ = figure({
      id: 'memory',
      title: 'Workstation memory, queue open (core + browser host process)',
      size: `${claims.toLocaleString('en-US')} cached claims`,
      unit: 'MB',
      statistic: 'resident set (RSS)',
      value: rss,
      baseline: null,
      baselineLabel: '—',
      target: { kind: 'value-max', limit: LIMIT_MB, text: `≤ ${LIMIT_MB} MB RSS` },
      samples: READINGS,
      checks: {
        // The queue counts up to its cap ("2,000+").
        cached: check(
          total === Math.min(claims, QUEUE_COUNT_CAP) && capped === claims > QUEUE_COUNT_CAP,
          `the queue counts ${total}${capped ? '+' : ''} of ${claims} cached claims`,
        ),
        shown: check(rows > 0, `${rows} queue rows shown in Chromium`),
        errors: check(browser.errors.length === 0, browser.errors.length ? `page errors: ${browser.errors.slice(0, 3).join(' | ')}` : 'no page errors'),
      },
      details: { peakMb: round(peak), afterStartMb: round(afterStart.rssMb), rowsShown: rows },
    });
    const page_ = figure({
      id: 'renderer-memory',
      title: 'Workstation page memory, queue open (Chromium renderer process)',
      size: `${claims.toLocaleString('en-US')} cached claims`,
      unit: 'MB',
      statistic: 'resident set (RSS)',
      value: renderer,
      baseline: null,
      baselineLabel: '—',
      target: { kind: 'value-max', limit: RENDERER_LIMIT_MB, text: `≤ ${RENDERER_LIMIT_MB} MB RSS` },
      samples: READINGS,
      checks: { measured: check(renderer > 0, `${renderer.toFixed(0)} MB in the page's renderer process`) },
      details: { domNodes, rowsShown: rows, allRenderersMb: round(allRenderers), otherRenderersMb: others.join(' + ') },
    });
    return [host_, page_];
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}
