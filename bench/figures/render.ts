// Figure: the next claim ready after a decision — in Chromium, on the real renderer served by the
// browser host over a pulled batch, from the click that confirms an approval to the next claim's
// first PoE page painted (a canvas of page 1 rendered for the document now on the stage, created after
// the click, then a frame); beside pdf.js's own PDFViewer in a clean page of the same Chromium painting
// page 1 of that same document at the same scale, fetched from the same host (rig/clean-viewer.ts).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchEnv } from '../config';
import { startHost } from '../rig/host';
import type { BenchService } from '../rig/service';
import type { Browser } from 'playwright-core';
import { openPage } from '../rig/browser';
import { openCleanViewer } from '../rig/clean-viewer';
import { check, figure, type Figure } from '../results';
import { median, round } from '../stats';
import type { CleanPaint } from '../clean-viewer/main';

// In-page scripts are plain JavaScript strings: nothing of the bench's own compilation leaks in.
// The paint counts only for the NEW document: the stage names another file than before the click, and
// page 1's canvas is one that did not exist at the click, marked rendered for the document the stage shows.
const DECIDE_AND_WAIT = `async (prev) => {
  const before = new WeakSet(document.querySelectorAll('canvas'));
  const painted = () => {
    const s = document.getElementById('page-stage');
    const doc = s && s.getAttribute('aria-label') !== prev ? s.getAttribute('data-document') : null;
    const c = doc && s.querySelector('.page[data-page-number="1"] canvas[data-rendered="true"]');
    if (!c || before.has(c) || c.getAttribute('data-document') !== doc) return null;
    return { c, label: s.getAttribute('aria-label'), sha256: doc };
  };
  const inkOf = (c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) ink++;
    return ink / (c.width * c.height);
  };
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no next claim painted within 60 s')); }, 60000);
    const observer = new MutationObserver(() => {
      const p = painted();
      if (!p) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => {
        const ms = performance.now() - t0;
        performance.mark('bench:painted');
        const rpc = performance.getEntriesByType('resource')
          .filter((e) => e.startTime >= t0 && e.name.includes('/rpc/'))
          .map((e) => ({ method: e.name.split('/rpc/')[1], start: e.startTime - t0, end: e.responseEnd - t0 }));
        const viewer = p.c.closest('.pdfViewer');
        // PDFViewer's --scale-factor is its currentScale in CSS units (96/72 per PDF point).
        const scale = Number(viewer.style.getPropertyValue('--scale-factor')) / (96 / 72);
        const { c, ...shown } = p;
        resolve({ ms, rpc, ...shown, width: c.width, height: c.height, scale, pages: viewer.querySelectorAll('.page').length, ink: inkOf(c) });
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    performance.clearResourceTimings();
    performance.mark('bench:decide');
    document.querySelector('button.confirm-approve').click();
  });
}`;

// Before the baseline paints, the app's page finishes what a paint sets off (thumbnails, the page check,
// the next claim's prefetch, the sync kick): no request answered for 2 s (at most 20 s), then an idle moment.
const SETTLED = `new Promise((resolve) => {
  let last = performance.now();
  const t0 = last;
  const observer = new PerformanceObserver(() => (last = performance.now()));
  observer.observe({ type: 'resource' });
  const poll = () => {
    const now = performance.now();
    if (now - last < 2000 && now - t0 < 20000) return setTimeout(poll, 100);
    observer.disconnect();
    requestIdleCallback(() => resolve(undefined), { timeout: 2000 });
  };
  poll();
})`;

interface AppPaint {
  ms: number;
  label: string;
  sha256: string;
  width: number;
  height: number;
  scale: number;
  pages: number;
  ink: number;
  rpc: { method: string; start: number; end: number }[];
}

const claimOf = (label: string | null) => /^PoE_(.+)_\d+\.pdf$/.exec(label ?? '')?.[1] ?? null;

export async function measureRender(
  env: BenchEnv,
  chromium: Browser,
  svc: BenchService,
  profileDir: string,
  documents: Map<string, Uint8Array>,
): Promise<Figure[]> {
  const { samples } = env.sizes.render;
  const host = await startHost({ serviceUrl: svc.url, profileDir, rendererDir: env.rendererDir });
  const key = new URLSearchParams(new URL(host.url).hash.slice(1)).get('key')!;
  const shaOf = new Map([...documents].map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex')]));
  const browser = await openPage(chromium);
  let clean: Awaited<ReturnType<typeof openCleanViewer>> | null = null;
  const decisions: number[] = [];
  const alone: number[] = [];
  const painted: string[] = [];
  const decided: string[] = [];
  /** Per sample: the app's paint and the clean page's paint of the same document. */
  const appPaints: AppPaint[] = [];
  const cleanPaints: CleanPaint[] = [];
  /** Per sample: when the decision's answer came back, when the last call before the paint ended. */
  const decideRpc: number[] = [];
  const lastRpcEnd: number[] = [];
  const rpcCalls: number[] = [];
  try {
    const { page } = browser;
    const firstPage = '#page-stage .page[data-page-number="1"] canvas[data-rendered="true"]';
    await page.goto(host.url);
    await page.locator('.queue-row').first().click({ timeout: 120_000 });
    await page.locator(firstPage).first().waitFor({ timeout: 60_000 });
    clean = await openCleanViewer(chromium, host.origin, key, env.rendererDir);
    // With BENCH_CPU_PROF, a Chromium trace of the decisions (each between its bench:decide and bench:painted marks).
    const traceDir = process.env.BENCH_CPU_PROF;
    if (traceDir) {
      fs.mkdirSync(traceDir, { recursive: true });
      await chromium.startTracing(page, { path: path.join(path.resolve(traceDir), 'next-claim-chromium-trace.json') });
    }
    // Warm the clean page's code paths once on the document on screen, as the app's are warm.
    const shown = (await page.evaluate(`(() => {
      const c = document.querySelector('${firstPage}');
      return { sha256: c.getAttribute('data-document'), scale: Number(c.closest('.pdfViewer').style.getPropertyValue('--scale-factor')) / (96 / 72) };
    })()`)) as { sha256: string; scale: number };
    await clean.paint(shown.sha256, shown.scale);

    for (let i = 0; i < samples; i++) {
      const prev = await page.getAttribute('#page-stage', 'aria-label');
      await page.locator('button.decide-button.approve').click();
      await page.locator('button.confirm-approve:not([disabled])').waitFor();
      const out = (await page.evaluate(`(${DECIDE_AND_WAIT})(${JSON.stringify(prev)})`)) as AppPaint;
      decisions.push(out.ms);
      decideRpc.push(out.rpc.find((r) => r.method === 'review.decide')?.end ?? NaN);
      lastRpcEnd.push(Math.max(0, ...out.rpc.map((r) => r.end)));
      rpcCalls.push(out.rpc.length);
      decided.push(claimOf(prev)!);
      painted.push(out.label);
      appPaints.push(out);
      await page.evaluate(SETTLED);
      const c = await clean.paint(out.sha256, out.scale);
      cleanPaints.push(c);
      alone.push(c.ms);
      env.log(
        `  next claim ${i + 1}/${samples}: painted ${out.label} ${out.ms.toFixed(0)} ms after the decision; pdf.js's PDFViewer alone ${c.ms.toFixed(0)} ms`,
      );
      env.log(`    calls: ${out.rpc.map((r) => `${r.method} ${r.start.toFixed(0)}-${r.end.toFixed(0)}`).join(', ')}`);
    }
    if (traceDir) await chromium.stopTracing();
    // Each decision reached the outbox (or already the service) for the claim it was taken on.
    let approved = 0;
    for (const id of decided) {
      const res = await fetch(`${host.origin}/rpc/claim.get`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id }),
      });
      const body = (await res.json()) as { claim?: { status: string } };
      if (body.claim?.status === 'approved') approved++;
    }
    const distinct = new Set(painted.map(claimOf)).size;
    const calls = figure({
      id: 'rpcs-per-action',
      title: 'Workstation calls from the page per decision (until the next claim is painted)',
      size: `${samples} decisions in Chromium via the browser host`,
      unit: 'count',
      statistic: 'median count',
      value: median(rpcCalls),
      baseline: null,
      baselineLabel: 'fixed target',
      target: { kind: 'value-max', limit: 2, text: '≤ 2 calls' },
      samples: rpcCalls.length,
      checks: { counted: check(rpcCalls.length === samples && rpcCalls.every((n) => n >= 1), `calls per decision: ${rpcCalls.join(', ')}`) },
      details: { maxCalls: Math.max(...rpcCalls) },
    });
    const ready = figure({
      id: 'next-claim',
      title: 'Next claim ready after a decision (first PoE page painted)',
      size: `${samples} decisions in Chromium via the browser host`,
      unit: 'ms',
      statistic: 'median',
      value: median(decisions),
      baseline: median(alone),
      baselineLabel: "pdf.js's own PDFViewer in a clean page of the same Chromium: fetch from the same host, open, page 1 painted at the same scale, median",
      target: { kind: 'ratio-max', limit: 1.5, text: '≤ 1.5×' },
      samples: decisions.length,
      checks: {
        nextClaim: check(
          distinct === painted.length && painted.every((l, i) => claimOf(l) !== decided[i]),
          `${distinct}/${painted.length} decisions were followed by another claim's first page`,
        ),
        decided: check(approved === decided.length, `${approved}/${decided.length} decided claims show approved`),
        errors: check(browser.errors.length === 0, browser.errors.length ? `page errors: ${browser.errors.slice(0, 3).join(' | ')}` : 'no page errors'),
        ...baselineChecks(appPaints, cleanPaints, shaOf, clean.errors),
      },
      details: {
        decisionMaxMs: round(Math.max(...decisions)),
        // Where the time goes, from the confirming click: the decision's answer (review.decide), the
        // last workstation call before the paint ended (queue refresh, claim, document), and the rest
        // (pdf.js open and render of the page, React).
        decideAnsweredMs: round(median(decideRpc.filter(Number.isFinite))),
        lastCallEndedMs: round(median(lastRpcEnd)),
        afterLastCallMs: round(median(decisions.map((d, i) => d - lastRpcEnd[i]!))),
        callsPerDecision: median(rpcCalls),
        // The baseline's own split: the bytes in from the host, pdf.js's document open, then page 1 painted.
        baselineFetchedMs: round(median(cleanPaints.map((c) => c.fetchedMs))),
        baselineOpenedMs: round(median(cleanPaints.map((c) => c.openedMs))),
        baselineMaxMs: round(Math.max(...alone)),
      },
    });
    return [ready, calls];
  } finally {
    await clean?.close();
    await browser.close();
    await host.stop();
  }
}

/** The baseline painted what the app painted: the batch's document, the same page count and size, with ink. */
function baselineChecks(app: AppPaint[], clean: CleanPaint[], shaOf: Map<string, string>, errors: string[]) {
  const near = (a: number, b: number) => Math.abs(a - b) <= 1;
  const sizes = app.map((a, i) => `${a.width}×${a.height}/${clean[i]?.width}×${clean[i]?.height}`);
  return {
    baselineSameDocument: check(
      app.length === clean.length && app.every((a, i) => shaOf.get(a.label) === a.sha256 && clean[i]!.sha256 === a.sha256),
      `${clean.filter((c, i) => c.sha256 === app[i]?.sha256 && shaOf.get(app[i]!.label) === c.sha256).length}/${app.length} clean paints fetched the batch's document the app painted`,
    ),
    baselinePages: check(
      app.every((a, i) => a.pages > 0 && a.pages === clean[i]!.pages),
      `pages (app/clean): ${app.map((a, i) => `${a.pages}/${clean[i]?.pages}`).join(', ')}`,
    ),
    baselineSameSize: check(
      app.every((a, i) => near(a.width, clean[i]!.width) && near(a.height, clean[i]!.height)),
      `page 1 canvas (app/clean): ${sizes.join(', ')}`,
    ),
    baselineInk: check(
      app.every((a, i) => a.ink > 0 && clean[i]!.ink > 0),
      `ink (app/clean): ${app.map((a, i) => `${a.ink.toFixed(3)}/${clean[i]?.ink.toFixed(3)}`).join(', ')}`,
    ),
    baselineErrors: check(errors.length === 0, errors.length ? `clean page errors: ${errors.slice(0, 3).join(' | ')}` : 'no clean page errors'),
  };
}
