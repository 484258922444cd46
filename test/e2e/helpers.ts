// Small readers of what the reviewer sees, shared by the end-to-end specs: the pending-sync count,
// the open claim, whether a canvas carries ink, and axe's serious findings on a screen.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, expect } from 'vitest';
import { clearFailureScreenshots, screenshot } from '../support/browser';
import { REPO_ROOT } from '../support/workstation';

/** The browser host serves dist/renderer: build it once when a run starts without it. */
export function ensureRendererBuilt(): void {
  if (existsSync(path.join(REPO_ROOT, 'dist/renderer/index.html'))) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: REPO_ROOT, stdio: 'pipe' });
}

/** The number in the status bar's "N actions waiting to sync". */
export async function pendingCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('pending-count').textContent()) ?? '';
  const n = /(\d+)/.exec(text);
  if (!n) throw new Error(`no count in "${text}"`);
  return Number(n[1]);
}

export async function waitForPending(page: Page, expected: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (n) => new RegExp(`(^|\\D)${n}(\\D|$)`).test(document.querySelector('[data-testid="pending-count"]')?.textContent ?? ''),
    expected,
    { timeout },
  );
}

/** The id shown in the claim panel's heading. */
export async function openClaimId(page: Page): Promise<string> {
  return ((await page.locator('#claim-title').textContent()) ?? '').trim();
}

/** Waits (up to the page's default timeout) until the claim panel shows claim `id`, and checks it is exactly that one. */
export async function waitForOpenClaim(page: Page, id: string): Promise<void> {
  await page.locator('#claim-title', { hasText: id }).waitFor();
  expect(await openClaimId(page)).toBe(id);
}

export async function openClaim(page: Page, id: string): Promise<void> {
  await page.locator(`button.queue-row[data-claim-id="${id}"]`).click();
  await waitForOpenClaim(page, id);
}

/** How many pixels of the page canvas are clearly not white (ink the PDF put there). */
export async function canvasInk(page: Page, selector = '.pdf-page canvas[data-rendered="true"]'): Promise<{ width: number; height: number; ink: number }> {
  await page.locator(selector).waitFor();
  return page.locator(selector).evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx) return { width: c.width, height: c.height, ink: 0 };
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200)) ink++;
    return { width: c.width, height: c.height, ink };
  });
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** Moves focus off any field, so the next key press is a shortcut. */
export async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Starts recording every workstation API call the page makes (method and body), in order. */
export async function recordRpc(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { rpcLog?: string[]; fetch: typeof fetch };
    if (w.rpcLog) return;
    const original = w.fetch.bind(window);
    w.rpcLog = [];
    w.fetch = (input, init) => {
      w.rpcLog!.push(`${String(input)} ${typeof init?.body === 'string' ? init.body : ''}`);
      return original(input, init);
    };
  });
}

/** The document.get calls for `sha256` made after the page's last review.decide call. */
export async function documentFetchesAfterLastDecision(page: Page, sha256: string): Promise<string[]> {
  const log = await page.evaluate(() => (window as unknown as { rpcLog: string[] }).rpcLog);
  let decided = -1;
  log.forEach((l, i) => {
    if (l.includes('/rpc/review.decide')) decided = i;
  });
  if (decided === -1) throw new Error('no decision was recorded');
  return log.slice(decided).filter((l) => l.includes('/rpc/document.get') && l.includes(sha256));
}

/**
 * Opens the workstation's page, signs a demo user in (rev1 unless named) and pulls a batch — checked out
 * for offline work when asked — then waits for its "Pulled N claims" notice.
 */
export async function signInAndPull(
  page: Page,
  url: string,
  o: { pulled: string | RegExp; username?: string; offline?: boolean; timeout?: number },
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('User name').fill(o.username ?? 'rev1');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (o.offline) await page.getByTestId('pull-offline').check();
  await page.getByRole('button', { name: /Pull batch/ }).click();
  await page.locator('.notice', { hasText: o.pulled }).waitFor(o.timeout ? { timeout: o.timeout } : undefined);
}

/**
 * Registers, for the calling suite, a picture of the page of every failing test as
 * `failed-<prefix>-<test name>.png`, after removing this suite's pictures of an earlier run.
 */
export function screenshotFailures(prefix: string, page: () => Page | undefined): void {
  beforeAll(() => clearFailureScreenshots(prefix));
  afterEach(async (ctx) => {
    const p = page();
    if (ctx.task.result?.state === 'fail' && p)
      await screenshot(p, `failed-${prefix}-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });
}
