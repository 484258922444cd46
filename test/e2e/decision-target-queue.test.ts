// The 10-day decision target in the queue, in a real Chromium: each row shows the business days left on
// it (shared/domain's targetStanding), with the rounds of information requests in its title, and the
// queue sorts by it. The service's clock runs 3 days behind the browser's, so the reviews started lately.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { clockFrom, startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { SALES, TEAMS, submitClaim, type Submitted } from './fixtures';
import { ensureRendererBuilt, signInAndPull, screenshotFailures } from './helpers';

describe('the 10-day decision target in the queue', () => {
  let service: TestService;
  let workstation: RunningWorkstationProcess;
  let browser: TestBrowser;
  let page: Page;
  let claims: Submitted[];

  beforeAll(async () => {
    ensureRendererBuilt();
    service = await startTestService({ demoClaims: 0, now: clockFrom(new Date(Date.now() - 3 * 86_400_000).toISOString()), leaseMinutes: 30 * 24 * 60 });
    claims = [
      await submitClaim(service.url, {
        partner: 'partner1',
        customer: { name: 'Coho Winery Trading', domain: 'cohowinery-trading.example' },
        products: [SALES],
      }),
      await submitClaim(service.url, { partner: 'partner2', customer: { name: 'Fourth Coffee Retail', domain: 'fourthcoffee.example' }, products: [TEAMS] }),
    ];
    workstation = await startWorkstation({ serviceUrl: service.url });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  }, 180_000);

  screenshotFailures('target', () => page);
  afterAll(async () => {
    await browser?.close();
    await workstation?.cleanup();
    await service?.stop();
  });

  it('shows the business days left on the target in each row and sorts by it', async () => {
    await signInAndPull(page, workstation.url, { pulled: 'Pulled 2 claims' });
    for (const c of claims) {
      const chip = page.locator(`button.queue-row[data-claim-id="${c.id}"] [data-testid="target-left"]`);
      // the review started at the pull, 3 calendar days before the browser's today: 7 to 10 business days left
      const text = (await chip.textContent()) ?? '';
      expect(text).toMatch(/^Target (7|8|9|10) d left$/);
      await expect(chip.getAttribute('data-tone')).resolves.toBe('on-track');
      await expect(chip.getAttribute('title')).resolves.toMatch(/^10-day decision target due .+ · No information requests$/);
      await expect(page.locator(`button.queue-row[data-claim-id="${c.id}"] [data-testid="sla-flag"]`).count()).resolves.toBe(0);
    }
    await page.locator('#queue-sort').selectOption('target');
    await page.locator(`button.queue-row[data-claim-id="${claims[0]!.id}"] [data-testid="target-left"]`).waitFor();
    await screenshot(page, 'target-01-queue-days-left');
  }, 90_000);
});
