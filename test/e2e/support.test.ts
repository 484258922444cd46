// Settings → Support as a reviewer meets it in the browser host: About names the version and the licences,
// "Save diagnostics" downloads one JSON file holding no comment text, and an open claim names the window.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { submitClaims } from '../support/claims';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { ensureRendererBuilt, openClaim } from './helpers';

describe('Settings → Support', () => {
  let service: TestService;
  let ws: RunningWorkstationProcess;
  let browser: TestBrowser;
  let claimId: string;
  const text = 'The stamp on page 2 does not match the partner name';

  beforeAll(async () => {
    ensureRendererBuilt();
    service = await startTestService({ demoClaims: 0 });
    [claimId] = await submitClaims(service.url, 1);
    ws = await startWorkstation({ serviceUrl: service.url });
    await ws.rpc('session.login', { username: 'rev1', password: 'demo' });
    await ws.rpc('queue.pull', { size: 1 });
    await ws.rpc('review.comment', { claimId: claimId!, text });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await ws?.cleanup();
    await service?.stop();
  });

  it('names the open claim in the window title', async () => {
    const { page } = browser;
    await page.goto(ws.url);
    await openClaim(page, claimId);
    await expect.poll(() => page.title()).toBe(`${claimId} · PoE Reviewer`);
  });

  it('shows About and saves a diagnostics file without PoE content', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Settings' }).click();
    const about = page.getByTestId('about');
    await about.waitFor();
    await expect.poll(() => about.textContent()).toMatch(/Version \d+\.\d+\.\d+ · Browser host/);
    await about.getByText(/Open-source components/).click();
    await page.getByTestId('save-diagnostics').scrollIntoViewIfNeeded();
    await screenshot(page, '20-settings-support');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-diagnostics').click()]);
    expect(download.suggestedFilename()).toMatch(/^poe-workstation-diagnostics-.*\.json$/);
    const json = readFileSync((await download.path())!, 'utf8');
    const report = JSON.parse(json) as { app: { host: string }; session: { signedIn: boolean } };
    expect(report).toMatchObject({ app: { host: 'browser-host' }, session: { signedIn: true } });
    expect(json).not.toContain(text);
    // pdf.js logs "offsetParent is not set" when the claim's viewer unmounts on the way to Settings (the viewer's, not this screen's).
    expect(browser.errors.filter((e) => !e.includes('offsetParent is not set'))).toEqual([]);
  });
});
