// Hostile PDFs in the reviewer's viewer, in a real Chromium against the real service and browser
// host: partners upload them, the reviewer pulls and opens each claim. A PDF pdf.js can open is shown;
// one it cannot is explained in a clear message; either way the rest of the claim stays usable, no
// PDF script runs (no alert, no flag, no title change), nothing opens a window or fetches elsewhere.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { SALES, poeDocument, submitClaim } from '../e2e/fixtures';
import { ensureRendererBuilt, openClaim } from '../e2e/helpers';
import { hostilePdfs } from './hostile-documents';

const SHOW_LIMIT_MS = 30_000;

describe('hostile PDFs in the viewer (Chromium)', () => {
  let svc: TestService;
  let ws: RunningWorkstationProcess;
  let browser: TestBrowser;
  let page: Page;
  const claims: { id: string; name: string; opens: boolean; text?: string }[] = [];
  let mixed: string;
  const dialogs: string[] = [];
  const popups: string[] = [];
  const foreign: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    svc = await startTestService({ demoClaims: 0 });
    for (const [i, d] of (await hostilePdfs()).entries()) {
      const c = await submitClaim(svc.url, {
        partner: `partner${(i % 5) + 1}`,
        customer: { name: `Hostile ${d.name}`, domain: `hostile${i}.example` },
        products: [SALES],
        documents: [{ fileName: d.name, bytes: d.bytes }],
      });
      claims.push({ id: c.id, name: d.name, opens: d.opens, text: d.text });
    }
    const js = (await hostilePdfs())[0]!;
    const good = await poeDocument({
      partner: 'Contoso',
      customer: 'Mixed Documents Inc',
      domain: 'mixed.example',
      tenantId: '00000000-0000-4000-8000-000000000001',
      products: ['Dynamics 365 Sales'],
    });
    mixed = (
      await submitClaim(svc.url, {
        partner: 'partner1',
        customer: { name: 'Mixed Documents Inc', domain: 'mixed.example' },
        products: [SALES],
        documents: [
          { fileName: 'broken.pdf', bytes: Buffer.from('%PDF-1.7\nnot really') },
          { fileName: 'proof.pdf', bytes: good },
          { fileName: js.name, bytes: js.bytes },
        ],
      })
    ).id;
    ws = await startWorkstation({ serviceUrl: svc.url });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(SHOW_LIMIT_MS);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    browser.context.on('page', (p) => popups.push(p.url()));
    const origin = new URL(ws.url).origin;
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
    });
    await page.goto(ws.url);
    await page.getByLabel('User name').fill('rev1');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Pull batch/ }).click();
    await page.locator('.notice', { hasText: /Pulled \d+ claims/ }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await ws?.cleanup();
    await svc?.stop();
  });

  const shown = (p: Page) => p.locator('.pdf-page canvas[data-rendered="true"]').first();
  const problem = (p: Page) => p.getByRole('alert').filter({ hasText: 'cannot be shown' });

  it('shows each hostile PDF or a clear message within the time limit, and keeps the claim usable', async () => {
    const outcomes: string[] = [];
    for (const c of claims) {
      await openClaim(page, c.id);
      const started = Date.now();
      const which = await Promise.race([
        shown(page)
          .waitFor({ timeout: SHOW_LIMIT_MS })
          .then(() => 'shown'),
        problem(page)
          .waitFor({ timeout: SHOW_LIMIT_MS })
          .then(() => 'message'),
      ]).catch(() => 'nothing');
      outcomes.push(`${c.name}: ${which} after ${Date.now() - started} ms`);
      expect(which, c.name).toBe(c.opens ? 'shown' : 'message');
      // The page on screen is this document's own (its text layer), not the previous claim's.
      if (c.text) await page.locator('.textLayer', { hasText: c.text }).first().waitFor();
      if (which === 'message') expect((await problem(page).textContent())?.length ?? 0, c.name).toBeGreaterThan(30);
      await page.getByRole('tab', { name: 'Checklist' }).click();
      await expect(page.getByRole('button', { name: /^Approve/ }).isEnabled(), c.name).resolves.toBe(true);
      await expect(page.getByRole('checkbox', { name: /Missing all PoE/ }).isEnabled(), c.name).resolves.toBe(true);
    }
    expect(outcomes).toHaveLength(claims.length);
  }, 600_000);

  it('lets the reviewer move from a broken document to the good ones of the same claim', async () => {
    await openClaim(page, mixed);
    await problem(page).waitFor();
    await page.getByRole('tab', { name: /proof\.pdf/ }).click();
    await shown(page).waitFor();
    await page.getByRole('tab', { name: /openaction-javascript\.pdf/ }).click();
    await shown(page).waitFor();
  }, 120_000);

  it("enforces the page's CSP in the browser: no eval, no injected inline script, no fetch to elsewhere", async () => {
    // Viewing every hostile PDF above provoked no CSP violation at all.
    expect(browser.errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    // Code the page runs later, as its own task (not inside the debugger's evaluation, which CSP exempts).
    await page.evaluate(() => {
      const w = window as unknown as { __evalResult?: string; __stringTimer?: boolean };
      setTimeout(() => {
        try {
          w.__evalResult = String((0, eval)('1 + 1'));
        } catch (e) {
          w.__evalResult = (e as Error).name;
        }
        try {
          w.__evalResult += `/${String(new Function('return 2')())}`;
        } catch (e) {
          w.__evalResult += `/${(e as Error).name}`;
        }
      }, 0);
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__stringTimer = true', 0);
    });
    await page.waitForFunction(() => (window as unknown as { __evalResult?: string }).__evalResult !== undefined);
    const evaluated = await page.evaluate(() => (window as unknown as { __evalResult?: string }).__evalResult);
    expect(await page.evaluate(() => (window as unknown as { __stringTimer?: boolean }).__stringTimer)).toBeUndefined();
    expect(evaluated).toBe('EvalError/EvalError');
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.append(s);
    });
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    const fetched = await page.evaluate(() =>
      fetch('https://evil.example/x').then(
        () => 'fetched',
        (e: Error) => e.name,
      ),
    );
    expect(fetched).toBe('TypeError');
    foreign.length = 0; // the blocked attempt above was ours
  });

  it('never ran a PDF script, opened a window or fetched anything from elsewhere', async () => {
    expect(dialogs).toEqual([]);
    expect(popups).toEqual([]);
    expect(foreign).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __poeScriptRan?: boolean }).__poeScriptRan)).toBeUndefined();
    expect(await page.title()).not.toBe('PWNED');
  });
});
