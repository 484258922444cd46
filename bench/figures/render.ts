// Figure: the next claim ready after a decision — in Chromium, on the real renderer served by the
// browser host over a pulled batch, from the click that confirms an approval to the next claim's
// first PoE page painted (its canvas rendered, then a frame); beside pdf.js alone rendering that
// same page at the same size in the same page (the renderer's own pdf.js build and options).
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BenchEnv } from '../config';
import { startHost } from '../rig/host';
import type { BenchService } from '../rig/service';
import type { Browser } from 'playwright-core';
import { openPage } from '../rig/browser';
import { check, figure, type Figure } from '../results';
import { median, round } from '../stats';

const require = createRequire(import.meta.url);
const PDFJS_BUILD = path.dirname(require.resolve('pdfjs-dist/build/pdf.min.mjs'));

// In-page scripts are plain JavaScript strings: nothing of the bench's own compilation leaks in.
// The baseline opens documents with the renderer's own pdf.js options (renderer/viewer/pdf-engine.ts).
const DECIDE_AND_WAIT = `async (prev) => {
  const stage = () => document.getElementById('page-stage');
  const painted = () => {
    const s = stage();
    const c = s && s.querySelector('canvas[data-rendered="true"]');
    return s && c && s.getAttribute('aria-label') !== prev ? { label: s.getAttribute('aria-label'), width: c.width, height: c.height } : null;
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
        const rpc = performance.getEntriesByType('resource')
          .filter((e) => e.startTime >= t0 && e.name.includes('/rpc/'))
          .map((e) => ({ method: e.name.split('/rpc/')[1], start: e.startTime - t0, end: e.responseEnd - t0 }));
        resolve({ ms, rpc, ...p });
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    performance.clearResourceTimings();
    document.querySelector('button.confirm-approve').click();
  });
}`;

const PDFJS_ALONE = `async ({ b64, width }) => {
  const pdfjs = await import('/__bench/pdf.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = '/__bench/pdf.worker.mjs';
  window.__benchWorker = window.__benchWorker || new pdfjs.PDFWorker();
  const binary = atob(b64);
  const data = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
  const t0 = performance.now();
  const dir = (name) => new URL('./' + name + '/', document.baseURI).href;
  const doc = await pdfjs.getDocument({ data, worker: window.__benchWorker, enableXfa: false, cMapUrl: dir('pdfjs-cmaps'), cMapPacked: true, standardFontDataUrl: dir('pdfjs-standard-fonts'), wasmUrl: dir('pdfjs-wasm'), iccUrl: dir('pdfjs-iccs'), useWasm: true, stopAtErrors: false, disableAutoFetch: true, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.cssText = 'position:fixed;left:0;top:0;z-index:99999';
  document.body.appendChild(canvas);
  await page.render({ canvas, viewport }).promise;
  await new Promise((r) => requestAnimationFrame(r));
  const ms = performance.now() - t0;
  canvas.remove();
  await doc.loadingTask.destroy();
  return ms;
}`;

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
  const browser = await openPage(chromium);
  const decisions: number[] = [];
  const alone: number[] = [];
  const painted: string[] = [];
  const decided: string[] = [];
  /** Per sample: when the decision's answer came back, when the last call before the paint ended. */
  const decideRpc: number[] = [];
  const lastRpcEnd: number[] = [];
  const rpcCalls: number[] = [];
  try {
    const { page, context } = browser;
    await context.route('**/__bench/pdf.mjs', (r) => r.fulfill({ path: path.join(PDFJS_BUILD, 'pdf.min.mjs'), contentType: 'text/javascript' }));
    await context.route('**/__bench/pdf.worker.mjs', (r) => r.fulfill({ path: path.join(PDFJS_BUILD, 'pdf.worker.min.mjs'), contentType: 'text/javascript' }));
    await page.goto(host.url);
    await page.locator('.queue-row').first().click({ timeout: 120_000 });
    await page.locator('#page-stage canvas[data-rendered="true"]').first().waitFor({ timeout: 60_000 });
    const run = async (label: string, width: number) => {
      const bytes = documents.get(label);
      if (!bytes) throw new Error(`the page shows ${label}, which is not one of the batch's PoE documents`);
      return page.evaluate(`(${PDFJS_ALONE})(${JSON.stringify({ b64: Buffer.from(bytes).toString('base64'), width })})`) as Promise<number>;
    };
    // Warm the baseline's module and worker once, as the renderer's are warm.
    const first = await page.getAttribute('#page-stage', 'aria-label');
    await run(first!, Number(await page.locator('#page-stage canvas[data-rendered="true"]').first().getAttribute('width')));

    for (let i = 0; i < samples; i++) {
      const prev = await page.getAttribute('#page-stage', 'aria-label');
      await page.locator('button.decide-button.approve').click();
      await page.locator('button.confirm-approve:not([disabled])').waitFor();
      const out = (await page.evaluate(`(${DECIDE_AND_WAIT})(${JSON.stringify(prev)})`)) as {
        ms: number;
        label: string;
        width: number;
        rpc: { method: string; start: number; end: number }[];
      };
      decisions.push(out.ms);
      decideRpc.push(out.rpc.find((r) => r.method === 'review.decide')?.end ?? NaN);
      lastRpcEnd.push(Math.max(0, ...out.rpc.map((r) => r.end)));
      rpcCalls.push(out.rpc.length);
      decided.push(claimOf(prev)!);
      painted.push(out.label);
      alone.push(await run(out.label, out.width));
      env.log(`  next claim ${i + 1}/${samples}: painted ${out.label} ${out.ms.toFixed(0)} ms after the decision; pdf.js alone ${alone.at(-1)!.toFixed(0)} ms`);
      env.log(`    calls: ${out.rpc.map((r) => `${r.method} ${r.start.toFixed(0)}-${r.end.toFixed(0)}`).join(', ')}`);
    }
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
      baselineLabel: 'pdf.js alone rendering the same page at the same size in the same page, median',
      target: { kind: 'ratio-max', limit: 1.5, text: '≤ 1.5×' },
      samples: decisions.length,
      checks: {
        nextClaim: check(
          distinct === painted.length && painted.every((l, i) => claimOf(l) !== decided[i]),
          `${distinct}/${painted.length} decisions were followed by another claim's first page`,
        ),
        decided: check(approved === decided.length, `${approved}/${decided.length} decided claims show approved`),
        errors: check(browser.errors.length === 0, browser.errors.length ? `page errors: ${browser.errors.slice(0, 3).join(' | ')}` : 'no page errors'),
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
      },
    });
    return [ready, calls];
  } finally {
    await browser.close();
    await host.stop();
  }
}
