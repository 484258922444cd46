// Figure: the first PoE after sign-in — in Chromium, on the real renderer served by the browser host on
// a fresh profile: from the click that signs in, through the click on "Pull batch" (made by the page
// script the moment the button is usable) to the first claim's first PoE page painted, with a batch of
// `batch` claims (2 PoE PDFs each). The first claim's documents download first, so the first PoE is
// painted before the whole batch has downloaded (the pull's answer comes when every document is in).
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type { BenchEnv } from '../config';
import { openPage } from '../rig/browser';
import { tempProfile } from '../rig/core';
import { startHost } from '../rig/host';
import type { BenchService } from '../rig/service';
import { check, figure, type Check, type Figure } from '../results';
import { median, round } from '../stats';

// In-page script: clicks Sign in (t0), then Pull batch once usable, and resolves at the first PoE page painted.
const SIGN_IN_AND_PULL = `async () => {
  const until = (test, label) => new Promise((resolve, reject) => {
    let observer = null;
    const timer = setTimeout(() => { observer && observer.disconnect(); reject(new Error('no ' + label + ' within 120 s')); }, 120000);
    const check = () => {
      const v = test();
      if (!v) return false;
      observer && observer.disconnect();
      clearTimeout(timer);
      resolve(v);
      return true;
    };
    if (check()) return;
    observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  performance.clearResourceTimings();
  const t0 = performance.now();
  window.__benchSignInAt = t0;
  document.querySelector('form.sign-in-card button[type="submit"]').click();
  const pull = await until(() => { const b = document.querySelector('.pull-batch button.primary-button'); return b && !b.disabled ? b : null; }, 'usable Pull batch button');
  const pullClicked = performance.now() - t0;
  pull.click();
  const stage = await until(() => { const s = document.getElementById('page-stage'); return s && s.querySelector('canvas[data-rendered="true"]') ? s : null; }, 'first PoE page painted');
  await new Promise((r) => requestAnimationFrame(r));
  return { painted: performance.now() - t0, pullClicked, label: stage.getAttribute('aria-label') };
}`;

const PULL_ANSWER = `() => {
  const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith('/rpc/queue.pull'));
  const login = performance.getEntriesByType('resource').find((x) => x.name.endsWith('/rpc/session.login'));
  const t0 = window.__benchSignInAt;
  const calls = performance.getEntriesByType('resource').filter((x) => x.name.includes('/rpc/') || x.name.includes('/events'))
    .map((x) => x.name.split('/').pop() + ' ' + Math.round(x.startTime - t0) + '-' + Math.round(x.responseEnd - t0)).join(', ');
  return e && e.responseEnd > 0 ? { pull: e.responseEnd - t0, login: login ? login.responseEnd - t0 : null, calls } : null;
}`;

// Resolves once the pull's answer is in (a resource entry for /rpc/queue.pull), waiting on the page's
// own PerformanceObserver: the page's CSP has no 'unsafe-eval', so Playwright's polling waitForFunction
// cannot run there (it only worked while the answer was already in at the first check).
const PULL_ANSWERED = `() => new Promise((resolve, reject) => {
  const answered = ${PULL_ANSWER};
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no answer to queue.pull within 120 s')); }, 120000);
  const check = () => {
    const v = answered();
    if (!v) return;
    observer.disconnect();
    clearTimeout(timer);
    resolve(v);
  };
  const observer = new PerformanceObserver(check);
  observer.observe({ type: 'resource', buffered: true });
  check();
})`;

export async function measureFirstPoe(env: BenchEnv, chromium: Browser, svc: BenchService): Promise<Figure> {
  const { batch, reps } = env.sizes.signIn;
  const painted: number[] = [];
  const pullClicked: number[] = [];
  const pullAnswered: number[] = [];
  const signedIn: number[] = [];
  const checks: Record<string, Check> = {};
  for (let rep = 0; rep < reps; rep++) {
    const profileDir = tempProfile();
    const host = await startHost({ serviceUrl: svc.url, profileDir, rendererDir: env.rendererDir });
    const key = new URLSearchParams(new URL(host.url).hash.slice(1)).get('key')!;
    const rpc = async (method: string, body: unknown) => {
      const res = await fetch(`${host.origin}/rpc/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return res.json() as Promise<unknown>;
    };
    const browser = await openPage(chromium);
    try {
      await rpc('settings.set', { batchSize: batch });
      const { page } = browser;
      await page.goto(host.url);
      await page.locator('input[autocomplete="username"]').fill('rev3');
      await page.locator('input[type="password"]').fill('demo');
      const out = (await page.evaluate(`(${SIGN_IN_AND_PULL})()`)) as { painted: number; pullClicked: number; label: string | null };
      const answered = (await page.evaluate(`(${PULL_ANSWERED})()`)) as {
        pull: number;
        login: number | null;
        calls: string;
      };
      painted.push(out.painted);
      pullClicked.push(out.pullClicked);
      pullAnswered.push(answered.pull);
      signedIn.push(answered.login ?? NaN);
      const { lease } = (await rpc('sync.status', {})) as { lease: { id: string } | null };
      checks[`poe-${rep}`] = check(/^PoE_PULL-\d+_\d+\.pdf$/.test(out.label ?? ''), `sign-in ${rep + 1}: the first PoE painted is ${out.label}`);
      checks[`lease-${rep}`] = check(lease !== null, `sign-in ${rep + 1}: the batch is leased`);
      env.log(
        `  sign-in ${rep + 1}/${reps}: signed in at ${answered.login?.toFixed(0)} ms, pull clicked at ${out.pullClicked.toFixed(0)} ms, first PoE painted at ${out.painted.toFixed(0)} ms, the whole batch in at ${answered.pull.toFixed(0)} ms`,
      );
      env.log(`    calls: ${answered.calls}`);
      checks[`errors-${rep}`] = check(
        browser.errors.length === 0,
        browser.errors.length ? `page errors: ${browser.errors.slice(0, 3).join(' | ')}` : 'no page errors',
      );
      await rpc('queue.release', {}); // the claims go back for the next figures
    } finally {
      await browser.close();
      await host.stop();
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
  }
  const beforeAll = painted.filter((p, i) => p < pullAnswered[i]!).length;
  // At the tiny sizes of the test suite the whole batch can be in before pdf.js paints; the order is the full run's business.
  if (env.mode !== 'tiny')
    checks.beforeBatch = check(beforeAll === painted.length, `${beforeAll}/${painted.length} first PoEs were painted before the batch's last document was in`);
  return figure({
    id: 'first-poe-after-sign-in',
    title: 'First PoE page painted after sign-in (sign in, pull a batch, the first claim opens)',
    size: `${batch} claims, ${batch * env.sizes.pull.docsPerClaim} PoE PDFs, in Chromium via the browser host`,
    unit: 'ms',
    statistic: 'median',
    value: median(painted),
    baseline: null,
    baselineLabel: 'fixed target',
    target: { kind: 'value-max', limit: 1_500, text: '≤ 1,500 ms' },
    samples: painted.length,
    checks,
    details: {
      signedInMs: signedIn.some(Number.isFinite) ? round(median(signedIn.filter(Number.isFinite))) : null,
      pullClickedMs: round(median(pullClicked)),
      firstPaintAfterPullClickMs: round(median(painted.map((p, i) => p - pullClicked[i]!))),
      wholeBatchInMs: round(median(pullAnswered)),
    },
  });
}
