// The queue list a page at a time, in a real Chromium: a batch larger than one page (QUEUE_PAGE_SIZE)
// is listed as its first page, the next page comes by its keyset cursor when the list is scrolled to
// its end, and J moves from the last row listed to the first row of the next page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_PAGE_SIZE } from '../../shared/contracts';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { poeDocument, SALES, submitClaim } from './fixtures';
import { ensureRendererBuilt, openClaim, signInAndPull, screenshotFailures, waitForOpenClaim } from './helpers';

const CLAIMS = QUEUE_PAGE_SIZE + 12;

describe('the queue a page at a time', () => {
  let service: TestService;
  let workstation: RunningWorkstationProcess;
  let browser: TestBrowser;
  let page: Page;
  let order: string[];

  beforeAll(async () => {
    ensureRendererBuilt();
    service = await startTestService({ demoClaims: 0, leaseMinutes: 24 * 60 });
    // one PoE for every claim: the pull downloads it once
    const bytes = await poeDocument({ partner: 'Contoso', customer: 'Paging Customer', domain: 'paging.example', tenantId: 'paging', products: [SALES.name] });
    // two partners, two uploads each at a time (the service's per-user upload limit)
    const submitFrom = async (partner: string, lane: number) => {
      for (let i = lane; i < CLAIMS; i += 4)
        await submitClaim(service.url, {
          partner,
          customer: { name: `Paging Customer ${i}`, domain: `paging-${i}.example` },
          products: [SALES],
          documents: [{ fileName: 'proof-of-execution.pdf', bytes }],
        });
    };
    await Promise.all([submitFrom('partner1', 0), submitFrom('partner1', 1), submitFrom('partner2', 2), submitFrom('partner2', 3)]);
    workstation = await startWorkstation({ serviceUrl: service.url });
    await workstation.rpc('settings.set', { batchSize: CLAIMS });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(30_000);
  }, 300_000);

  // A failed step leaves a picture of what the reviewer saw at that moment.
  screenshotFailures('paging', () => page);
  afterAll(async () => {
    await browser?.close();
    await workstation?.cleanup();
    await service?.stop();
  });

  it('lists the first page, and the next one when the list is scrolled to its end', async () => {
    await signInAndPull(page, workstation.url, { pulled: `Pulled ${CLAIMS} claims`, timeout: 120_000 });
    order = (await workstation.rpc('queue.list', { limit: 1_000 })).claims.map((c) => c.id);
    expect(order).toHaveLength(CLAIMS);
    // every row is reachable, so the count names the whole batch
    await expect(page.locator('.queue-panel .panel-header .muted').textContent()).resolves.toBe(`${CLAIMS} of ${CLAIMS}`);
    const scroller = page.locator('.queue-scroll');
    const lastRow = page.locator(`button.queue-row[data-claim-id="${order.at(-1)}"]`);
    await expect(lastRow.count()).resolves.toBe(0);
    // scrolled to the end of the first page: the next page is listed and its last row can be shown
    for (let i = 0; i < 30 && (await lastRow.count()) === 0; i++) {
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      // rows are measured as they are drawn, so the end moves: scroll again until the last row shows
      await lastRow.waitFor({ timeout: 1_000 }).catch(() => undefined);
    }
    await lastRow.waitFor();
    await screenshot(page, 'paging-01-last-row');
  }, 240_000);

  it('moves with J from the last row of the first page to the first row of the next', async () => {
    await page.reload();
    await page.locator('button.queue-row').first().waitFor();
    const boundary = order[QUEUE_PAGE_SIZE - 1]!;
    // the last claim of the first page, opened from the list
    await page.locator('.queue-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await openClaim(page, boundary);
    await page.keyboard.press('j');
    await waitForOpenClaim(page, order[QUEUE_PAGE_SIZE]!);
    await page.keyboard.press('k');
    await waitForOpenClaim(page, boundary);
  }, 120_000);
});
