// A reviewer's day in a real Chromium against the real review service and the real browser host on
// loopback: sign in, pull a batch, read and search the PoE, tick reasons, decide online and offline,
// come back online, resolve a refused action, rebind a shortcut, switch to Traditional Chinese.
// The specs run in order and share one browser session, as a reviewer's day does.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { advanceClock, removeDir, signIn, startTestService, tempDir, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { POWER_BI, SALES, TEAMS, submitClaim, type Submitted } from './fixtures';
import {
  blur,
  canvasInk,
  documentFetchesAfterLastDecision,
  ensureRendererBuilt,
  openClaim,
  openClaimId,
  pendingCount,
  recordRpc,
  seriousA11yViolations,
  waitForPending,
  screenshotFailures,
  waitForOpenClaim,
} from './helpers';

const STEP = 90_000;

async function approveWithKeyboard(page: Page): Promise<void> {
  await blur(page);
  await page.keyboard.press('a');
  await page.getByRole('heading', { name: 'Approve the claim' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'decision-message');
  await page.keyboard.press('Control+Enter');
  await decided(page);
}

/** The composer closes once the workstation recorded the decision (events may announce it sooner). */
async function decided(page: Page): Promise<void> {
  await page.locator('.decision-composer').waitFor({ state: 'detached' });
}

describe('the reviewer workstation in Chromium', () => {
  let dataDir: string;
  let service: TestService | null = null;
  let servicePort: number;
  let serviceUrl: string;
  let workstation: RunningWorkstationProcess;
  let browser: TestBrowser;
  let page: Page;
  const claims: Record<'disputed' | 'wideWorld' | 'competitor' | 'litware' | 'damaged' | 'formosa' | 'hsinchu' | 'fourthCoffee', Submitted> = {} as never;

  const stopService = async () => {
    await service?.stop();
    service = null;
  };
  const startServiceOn = async (port: number) => {
    service = await startTestService({ dataDir, port, demoClaims: 0 });
    return service;
  };
  const historyKinds = async (claimId: string) => {
    const qa = await signIn(serviceUrl, 'qa1');
    return (await qa.call('claimGet', { params: { id: claimId } })).history;
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    dataDir = tempDir('poe-e2e-service-');
    const svc = await startServiceOn(0);
    servicePort = svc.port;
    serviceUrl = svc.url;
    // A rejected claim whose partner disputes it: rev3 rejects it first, then the partner files the dispute.
    claims.disputed = await submitClaim(serviceUrl, {
      partner: 'partner5',
      customer: { name: 'Coho Winery Trading', domain: 'cohowinery-trading.example' },
      products: [TEAMS],
    });
    const rev3 = await signIn(serviceUrl, 'rev3');
    const rev3Lease = await rev3.call('leaseCreate', { body: { size: 1 } });
    const toReject = rev3Lease.claims.find((c) => c.id === claims.disputed.id)!;
    await rev3.call('mutations', {
      body: {
        mutations: [
          {
            id: randomUUID(),
            claimId: toReject.id,
            baseVersion: toReject.version,
            kind: 'reject',
            payload: { reason: 'insufficient-poe', message: 'The PoE does not show the work done.' },
          },
        ],
      },
    });
    await rev3.call('leaseRelease', { params: { id: rev3Lease.lease.id } });
    await (
      await signIn(serviceUrl, 'partner5')
    ).call('claimDispute', { params: { id: claims.disputed.id }, body: { justification: 'Page 2 of the PoE describes the migration we delivered.' } });

    claims.wideWorld = await submitClaim(serviceUrl, {
      partner: 'partner1',
      customer: { name: 'Wide World Importers', domain: 'wideworldimporters.example' },
      products: [SALES, POWER_BI],
      documents: 'poe+scan',
    });
    claims.competitor = await submitClaim(serviceUrl, {
      partner: 'partner4',
      customer: { name: 'Wide World Importers', domain: 'wideworldimporters.example', tenantId: claims.wideWorld.tenantId },
      products: [SALES],
    });
    claims.litware = await submitClaim(serviceUrl, {
      partner: 'partner2',
      customer: { name: 'Litware Financial Group', domain: 'litwarefinancial.example' },
      products: [TEAMS],
    });
    claims.damaged = await submitClaim(serviceUrl, {
      partner: 'partner3',
      customer: { name: 'Taiwan Precision Machinery Co., Ltd.', domain: 'twprecision.example' },
      products: [SALES],
      documents: 'damaged',
    });
    claims.formosa = await submitClaim(serviceUrl, {
      partner: 'partner5',
      customer: { name: 'Formosa Green Energy Corp.', domain: 'formosagreen.example' },
      products: [POWER_BI],
    });
    claims.hsinchu = await submitClaim(serviceUrl, {
      partner: 'partner1',
      customer: { name: 'Hsinchu Semiconductor Materials', domain: 'hsinchu-semimat.example' },
      products: [TEAMS, SALES],
    });
    claims.fourthCoffee = await submitClaim(serviceUrl, {
      partner: 'partner2',
      customer: { name: 'Fourth Coffee Retail', domain: 'fourthcoffee.example' },
      products: [SALES],
    });
    workstation = await startWorkstation({ serviceUrl });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  }, 180_000);

  // A failed step leaves a picture of what the reviewer saw at that moment.
  screenshotFailures('journey', () => page);

  afterAll(async () => {
    await browser?.close();
    await workstation?.cleanup();
    await stopService();
    if (dataDir) removeDir(dataDir);
  });

  it(
    'signs the reviewer in to the review service',
    async () => {
      await page.goto(workstation.url);
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(''); // the launch key leaves the address bar
      await page.getByLabel('User name').fill('rev1');
      await page.getByLabel('Password').fill('demo');
      await expect(page.getByLabel('Review service address').inputValue()).resolves.toBe(serviceUrl);
      await screenshot(page, '01-sign-in');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Screens' }).waitFor();
      await expect(page.locator('.top-bar .user').textContent()).resolves.toContain('Mei-Ling Chen');
    },
    STEP,
  );

  it(
    'pulls a batch with a progress bar and lists its claims with their deadlines',
    async () => {
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { progressSeen: string[] }).progressSeen = seen;
        new MutationObserver(() => {
          const el = document.querySelector('.pull-progress');
          if (el) seen.push(el.textContent ?? '');
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.getByRole('button', { name: /Pull batch/ }).click();
      await page.locator('.notice', { hasText: 'Pulled 8 claims' }).waitFor();
      const progress = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
      expect(progress.length).toBeGreaterThan(0);
      await expect(page.locator('button.queue-row').count()).resolves.toBe(8);
      for (const c of Object.values(claims)) await page.locator(`button.queue-row[data-claim-id="${c.id}"]`).waitFor();
      await expect(page.locator(`button.queue-row[data-claim-id="${claims.wideWorld.id}"] .time-left:not(.target-left)`).textContent()).resolves.toMatch(
        /business days? left|Due today/,
      );
      await expect(page.locator(`button.queue-row[data-claim-id="${claims.wideWorld.id}"]`).textContent()).resolves.toContain('1 competing');
      await expect(page.locator('.lease').textContent()).resolves.toMatch(/Leased until/);

      await page.getByLabel('Search the queue').fill('litware');
      await expect.poll(() => page.locator('button.queue-row').count()).toBe(1);
      await page.getByLabel('Search the queue').fill('');
      await page.getByLabel('Status', { exact: true }).selectOption('rejected');
      await expect.poll(() => page.locator('button.queue-row').allTextContents()).toEqual([expect.stringContaining(claims.disputed.id)]);
      await expect(page.locator('button.queue-row').textContent()).resolves.toContain('Disputed');
      await page.getByLabel('Status', { exact: true }).selectOption('');
      await expect.poll(() => page.locator('button.queue-row').count()).toBe(8);
    },
    STEP,
  );

  it(
    'shows the PoE rendered beside the claim facts, with pages, zoom, rotation and a second document in a tab',
    async () => {
      await openClaim(page, claims.wideWorld.id);
      const { ink, width } = await canvasInk(page);
      expect(width).toBeGreaterThan(300);
      expect(ink).toBeGreaterThan(2_000);
      await expect(page.getByTestId('page-count').textContent()).resolves.toBe('of 3');
      await expect(page.locator('.thumbnail').count()).resolves.toBe(3);
      await expect(page.locator('.facts').textContent()).resolves.toContain(claims.wideWorld.tenantId);
      await expect(page.getByRole('tab', { name: 'Competing (1)' }).isVisible()).resolves.toBe(true);
      await screenshot(page, '02-queue-claim-poe');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.keyboard.press('PageDown');
      await expect.poll(() => page.getByLabel('Page number').inputValue()).toBe('2');
      await page.getByRole('button', { name: 'Page 3' }).click();
      await expect.poll(() => page.getByLabel('Page number').inputValue()).toBe('3');
      const before = await page.getByTestId('zoom-value').textContent();
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await expect.poll(() => page.getByTestId('zoom-value').textContent()).not.toBe(before);
      await page.getByRole('button', { name: 'Rotate 90°' }).click();
      await expect
        .poll(async () => (await page.locator('.pdf-page').boundingBox())!.width > (await page.locator('.pdf-page').boundingBox())!.height)
        .toBe(true);
      await page.getByRole('button', { name: 'Fit page' }).click();
      await page.getByRole('button', { name: 'Rotate 90°' }).click();
      await page.getByRole('button', { name: 'Rotate 90°' }).click();
      await page.getByRole('button', { name: 'Rotate 90°' }).click();

      await page.getByRole('tab', { name: /signed-acknowledgement\.png/ }).click();
      await expect.poll(() => page.locator('.image-frame img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(620);
      await page.getByRole('tab', { name: /proof-of-execution\.pdf/ }).click();
      await page.getByRole('tab', { name: 'Competing (1)' }).click();
      await expect(page.locator('.claim-panel .competing').textContent()).resolves.toContain(claims.competitor.id);
    },
    STEP,
  );

  it(
    'searches the PoE text and highlights each hit, moving between pages',
    async () => {
      await page.keyboard.press('/');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('viewer-search');
      await page.keyboard.type('acknowledgement');
      await expect.poll(() => page.getByTestId('search-status').textContent()).toBe('1 of 2');
      await expect.poll(() => page.getByLabel('Page number').inputValue()).toBe('1');
      await expect.poll(() => page.locator('.textLayer .highlight.selected').count()).toBe(1);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('search-status').textContent()).toBe('2 of 2');
      await expect.poll(() => page.getByLabel('Page number').inputValue()).toBe('3');
      await expect.poll(() => page.locator('.textLayer .highlight').count()).toBeGreaterThan(0);
      await expect(page.locator('.textLayer .highlight.selected').textContent()).resolves.toMatch(/acknowledgement/i);
      await screenshot(page, '03-poe-search');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.textLayer .highlight').count()).toBe(0);
    },
    STEP,
  );

  it(
    'says clearly when a PDF cannot be opened and keeps the rest of the claim usable',
    async () => {
      await openClaim(page, claims.damaged.id);
      const problem = page.getByRole('alert').filter({ hasText: 'cannot be shown' });
      await problem.waitFor();
      await expect(problem.textContent()).resolves.toContain('The file is damaged or is not a PDF.');
      await page.getByRole('tab', { name: 'Checklist' }).click();
      await expect(page.getByRole('button', { name: /^Approve/ }).isEnabled()).resolves.toBe(true);
      await expect(page.getByRole('checkbox', { name: /Missing all PoE/ }).isEnabled()).resolves.toBe(true);
      await screenshot(page, '04-document-problem');

      // Comment only: the claim stays in review, the partner gets the message.
      await blur(page);
      await page.keyboard.press('c');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('comment-box');
      await page.keyboard.type('The uploaded file cannot be opened; please upload the PoE again as a PDF.');
      await page.keyboard.press('Control+Enter');
      await page.locator('.thread .comment', { hasText: 'please upload the PoE again' }).waitFor();
      await waitForPending(page, 0);
      const comments = (await historyKinds(claims.damaged.id)).filter((e) => e.kind === 'comment');
      expect(comments.map((e) => e.kind === 'comment' && e.text)).toEqual(['The uploaded file cannot be opened; please upload the PoE again as a PDF.']);
    },
    STEP,
  );

  it(
    'ticks reasons for the whole claim and per product, and requests information with the template message',
    async () => {
      await openClaim(page, claims.wideWorld.id);
      await page.getByRole('tab', { name: 'Checklist' }).click();
      const powerBi = page.getByRole('group', { name: 'Power BI Pro' });
      // A controlled checkbox: it shows the new state once the workstation recorded the tick.
      await powerBi.getByRole('checkbox', { name: /Missing product/ }).click();
      await expect.poll(() => powerBi.getByRole('checkbox', { name: /Missing product/ }).isChecked()).toBe(true);
      await blur(page); // shortcuts apply once focus is off the checkbox
      await page.keyboard.press('2');
      const whole = page.getByRole('group', { name: 'Whole claim' });
      await expect.poll(() => whole.getByRole('checkbox', { name: /Missing customer acknowledgement/ }).isChecked()).toBe(true);
      await whole.getByLabel('Note for “Missing customer acknowledgement”').fill('page 3 has no signature block filled in');
      await whole.getByLabel('Note for “Missing customer acknowledgement”').press('Enter');

      await blur(page);
      await page.keyboard.press('r');
      const message = page.getByLabel('Message to the partner');
      await expect.poll(() => message.inputValue()).toContain('Power BI Pro: the PoE does not name this product or workload.');
      await expect
        .poll(() => message.inputValue())
        .toContain("The PoE is not signed by the customer. Please provide the customer's signed acknowledgement. (page 3 has no signature block filled in)");
      expect(await message.inputValue()).toContain('within 5 business days');
      await message.press('Control+End');
      await message.pressSequentially(' Thank you.');
      await screenshot(page, '05-checklist-decision');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await message.press('Control+Enter');
      await decided(page);
      await expect.poll(() => openClaimId(page)).not.toBe(claims.wideWorld.id);
      await page.locator(`button.queue-row[data-claim-id="${claims.wideWorld.id}"]`, { hasText: /Information requested here|Partner action needed/ }).waitFor();
    },
    STEP,
  );

  it(
    'approves another claim with the keyboard and opens the next one, already loaded',
    async () => {
      await recordRpc(page);
      await openClaim(page, claims.litware.id);
      await canvasInk(page);
      await approveWithKeyboard(page);
      await expect.poll(() => openClaimId(page)).not.toBe(claims.litware.id);
      expect((await canvasInk(page)).ink).toBeGreaterThan(2_000);
      // The claim that opened was already loaded: its first PoE was not fetched after the decision.
      const next = await workstation.rpc('claim.get', { id: await openClaimId(page) });
      expect(await documentFetchesAfterLastDecision(page, next.claim.documents[0]!.sha256)).toEqual([]);
      await waitForPending(page, 0);
      const wide = await historyKinds(claims.wideWorld.id);
      const request = wide.find((e) => e.kind === 'info-requested');
      expect(request && request.kind === 'info-requested' && request.message).toMatch(/rejected\. Thank you\.$/);
      expect(request && request.kind === 'info-requested' && request.reasons.map((r) => r.code).sort()).toEqual([
        'missing-customer-acknowledgement',
        'missing-product',
      ]);
      expect(request && request.kind === 'info-requested' && request.reasons.some((r) => r.productId !== null)).toBe(true);
      expect((await historyKinds(claims.litware.id)).map((e) => e.kind)).toContain('approved');
    },
    STEP,
  );

  it(
    'overturns a disputed rejection from the dispute buttons',
    async () => {
      await openClaim(page, claims.disputed.id);
      await expect(page.locator('.claim-header').textContent()).resolves.toContain('Disputed');
      await expect(page.getByRole('button', { name: /^Approve/ }).isDisabled()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Overturn', exact: true }).click();
      await expect(page.getByRole('radio', { name: 'Overturn: approve the claim' }).isChecked()).resolves.toBe(true);
      await expect
        .poll(() => page.getByLabel('Message to the partner').inputValue())
        .toBe('We reviewed your dispute and accept it: the claim is now approved.');
      await page.getByRole('button', { name: 'Resolve dispute' }).click();
      await decided(page);
      await expect.poll(() => openClaimId(page)).not.toBe(claims.disputed.id);
      // A claim not opened before this one: prefetched while the dispute was read, so no fetch now.
      const next = await workstation.rpc('claim.get', { id: await openClaimId(page) });
      expect(await documentFetchesAfterLastDecision(page, next.claim.documents[0]!.sha256)).toEqual([]);
      await waitForPending(page, 0);
      const resolved = (await historyKinds(claims.disputed.id)).find((e) => e.kind === 'dispute-resolved');
      expect(resolved && resolved.kind === 'dispute-resolved' && resolved.outcome).toBe('overturn');
    },
    STEP,
  );

  it(
    'removes a product the PoE does not support and keeps the claim open',
    async () => {
      await openClaim(page, claims.hsinchu.id);
      await page.getByRole('tab', { name: 'Checklist' }).click();
      const teams = page.getByRole('group', { name: 'Microsoft Teams' });
      await teams.getByRole('button', { name: 'Remove Microsoft Teams from the claim…' }).click();
      await expect.poll(() => page.getByLabel('Message to the partner').inputValue()).toContain('The PoE does not support Microsoft Teams');
      await page.getByRole('button', { name: 'Remove product' }).click();
      await decided(page);
      await teams.getByText('Removed').waitFor();
      await expect(openClaimId(page)).resolves.toBe(claims.hsinchu.id);
      // The last product cannot go: the domain says to reject the claim instead.
      await expect(
        page
          .getByRole('group', { name: 'Dynamics 365 Sales' })
          .getByRole('button', { name: /Remove Dynamics 365 Sales/ })
          .isDisabled(),
      ).resolves.toBe(true);
      await waitForPending(page, 0);
    },
    STEP,
  );

  it(
    'keeps working offline: two decisions wait to sync, one undone and redone on the way',
    async () => {
      await stopService();
      await openClaim(page, claims.formosa.id);
      await blur(page);
      await page.keyboard.press('x');
      await page.getByLabel('Rejection reason').selectOption('poe-unavailable');
      await expect.poll(() => page.getByLabel('Message to the partner').inputValue()).toContain('The PoE documents are unavailable or could not be opened.');
      await page.getByRole('button', { name: 'Reject claim' }).click();
      await decided(page);
      await page.getByTestId('offline-banner').waitFor();
      await waitForPending(page, 1);

      await openClaim(page, claims.hsinchu.id);
      await blur(page);
      await approveWithKeyboard(page);
      await waitForPending(page, 2);
      await page.keyboard.press('Control+z');
      await expect.poll(() => page.locator('.notices').textContent(), { timeout: 20_000 }).toContain(`Undid: Approval on ${claims.hsinchu.id}`);
      await waitForPending(page, 1);
      await waitForOpenClaim(page, claims.hsinchu.id);
      await blur(page);
      await approveWithKeyboard(page);
      await waitForPending(page, 2);
      await expect(pendingCount(page)).resolves.toBe(2);
      await expect(page.getByTestId('connection').textContent()).resolves.toBe('Offline');
      await screenshot(page, '06-offline');
    },
    STEP,
  );

  it(
    'syncs the offline decisions once the service is back, and the service records them',
    async () => {
      await startServiceOn(servicePort);
      await blur(page);
      await page.keyboard.press('s');
      await waitForPending(page, 0);
      await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
      await expect(page.getByTestId('connection').textContent()).resolves.toBe('Online');
      const formosa = await historyKinds(claims.formosa.id);
      const rejected = formosa.find((e) => e.kind === 'rejected');
      expect(rejected && rejected.kind === 'rejected' && rejected.reason).toBe('poe-unavailable');
      expect(rejected?.actor.name).toBe('Mei-Ling Chen');
      const hsinchu = (await historyKinds(claims.hsinchu.id)).map((e) => e.kind);
      expect(hsinchu.filter((k) => k === 'approved')).toHaveLength(1);
    },
    STEP,
  );

  it(
    'shows an action refused after the lease expired and another reviewer took the claim, and re-applies it on request',
    async () => {
      await stopService();
      await openClaim(page, claims.fourthCoffee.id);
      await blur(page);
      await approveWithKeyboard(page);
      await waitForPending(page, 1);

      // Meanwhile, out of this workstation's reach: the lease runs out and rev2 works on the claim.
      const elsewhere = await startTestService({ dataDir, port: 0, demoClaims: 0 });
      await advanceClock(elsewhere.url, 'PT31M');
      const rev2 = await signIn(elsewhere.url, 'rev2');
      const lease = await rev2.call('leaseCreate', { body: { size: 20 } });
      const taken = lease.claims.find((c) => c.id === claims.fourthCoffee.id);
      expect(taken).toBeDefined();
      const [result] = (
        await rev2.call('mutations', {
          body: {
            mutations: [
              {
                id: randomUUID(),
                claimId: taken!.id,
                baseVersion: taken!.version,
                kind: 'checklist',
                payload: { code: 'missing-partner-solution', productId: null, checked: true, note: null },
              },
            ],
          },
        })
      ).results;
      expect(result?.outcome).toBe('applied');
      await rev2.call('leaseRelease', { params: { id: lease.lease.id } });
      await elsewhere.stop();

      await startServiceOn(servicePort);
      await blur(page);
      await page.keyboard.press('s');
      await page.locator('.count-pill', { hasText: '1' }).waitFor();
      await page.getByRole('button', { name: /^Conflicts/ }).click();
      const card = page.locator('.conflict-card');
      await card.waitFor();
      await expect(card.textContent()).resolves.toContain(claims.fourthCoffee.id);
      // The card tells what really happened (any reviewer may read the claim), not "not leased".
      await expect(card.getByTestId('conflict-truth').textContent()).resolves.toContain('Daniel Wu changed the checklist of this claim');
      await expect(card.textContent()).resolves.not.toContain('not leased to you');
      await expect(card.textContent()).resolves.toContain('Ticked “Missing partner solution / service”');
      await screenshot(page, '07-conflicts');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await card.getByRole('button', { name: /Re-apply on version/ }).click();
      // Re-applied: the claim is leased again on the next push and the approval applies on rev2's version.
      await page.getByText('No conflicts left.').waitFor();
      await waitForPending(page, 0);
      const kinds = (await historyKinds(claims.fourthCoffee.id)).map((e) => `${e.kind}:${e.actor.name}`);
      expect(kinds).toContain('checklist:Daniel Wu');
      expect(kinds).toContain('approved:Mei-Ling Chen');

      // The rest of the batch went back to the pool with the lapsed lease (only claims with actions are
      // leased again on their own): the reviewer pulls it again.
      await page.getByRole('button', { name: 'Review', exact: true }).click();
      await page.getByRole('button', { name: /Pull batch/ }).click();
      await page.locator('.notice', { hasText: /Pulled \d+ claims/ }).waitFor();
    },
    STEP,
  );

  it(
    'rebinds a shortcut in Settings, keeps it in the profile and uses it',
    async () => {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('button', { name: 'Change the keys for Next claim' }).click();
      await page.getByText('Press the new keys… (Esc cancels)').waitFor();
      await page.keyboard.press('n');
      const row = page.locator('.shortcuts-table tr', { hasText: 'Next claim' }).first();
      await expect.poll(() => row.locator('kbd').textContent()).toBe('N');
      await screenshot(page, '08-settings');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.reload();
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await expect.poll(() => page.locator('.shortcuts-table tr', { hasText: 'Next claim' }).first().locator('kbd').textContent()).toBe('N');
      await page.getByRole('button', { name: 'Review', exact: true }).click();
      const first = (await page.locator('button.queue-row').first().getAttribute('data-claim-id'))!;
      const second = (await page.locator('button.queue-row').nth(1).getAttribute('data-claim-id'))!;
      await openClaim(page, first);
      await blur(page);
      await page.keyboard.press('n');
      await waitForOpenClaim(page, second);
    },
    STEP,
  );

  it(
    'lists every shortcut when the reviewer presses ?',
    async () => {
      await blur(page);
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      await expect(help.textContent()).resolves.toContain('Request information');
      await expect(help.locator('.help-row', { hasText: 'Next claim' }).locator('kbd').textContent()).resolves.toBe('N');
      await screenshot(page, '09-shortcuts-help');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });
    },
    STEP,
  );

  it(
    'reaches every control of the review screen with Tab, each showing its focus',
    async () => {
      await openClaim(page, claims.competitor.id);
      await canvasInk(page);
      for (const close of await page.getByRole('button', { name: 'Dismiss' }).all()) await close.click().catch(() => undefined);
      const expected = await page.evaluate(() => {
        const all = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]')];
        const reachable = all.filter(
          (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0 && !el.closest('.notices, [hidden]'),
        );
        reachable.forEach((el, i) => (el.dataset.tabKey = String(i)));
        return reachable.length;
      });
      await page.locator('body').focus();
      await blur(page);
      const seen = new Set<string>();
      const unfocusedLook: string[] = [];
      for (let i = 0; i < expected + 10 && seen.size < expected; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el?.dataset.tabKey) return null;
          const style = getComputedStyle(el);
          return {
            key: el.dataset.tabKey,
            visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
            what: `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30) ?? ''}`,
          };
        });
        if (!focused) continue;
        seen.add(focused.key);
        if (!focused.visible) unfocusedLook.push(focused.what);
      }
      expect(expected).toBeGreaterThan(40);
      expect(seen.size).toBe(expected);
      expect(unfocusedLook).toEqual([]);
    },
    STEP,
  );

  it(
    'signs in again without the service after a first online sign-in, and keeps the batch',
    async () => {
      const batch = await page.locator('button.queue-row').count();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await stopService();
      await page.getByLabel('User name').fill('rev1');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong username or password');
      await page.getByLabel('Password').fill('demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('offline-banner').waitFor();
      await expect.poll(() => page.locator('button.queue-row').count()).toBe(batch);

      await startServiceOn(servicePort);
      await blur(page);
      await page.keyboard.press('s');
      await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    },
    STEP,
  );

  it(
    'switches every visible label to Traditional Chinese',
    async () => {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByLabel('Language').selectOption('zh-TW');
      await page.getByRole('navigation', { name: '畫面' }).waitFor();
      await page.getByRole('button', { name: '審核', exact: true }).click();
      await openClaim(page, claims.damaged.id);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-TW');
      await expect(page.locator('.claim-header .status').textContent()).resolves.toBe('檢閱中');
      await expect(page.getByRole('button', { name: /^核准/ }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('group', { name: '整件宣告' }).isVisible()).resolves.toBe(true);
      await expect.poll(() => page.getByTestId('connection').textContent()).toBe('已連線');
      await screenshot(page, '10-zh-TW');
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(browser.errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
      if (process.env.E2E_DEBUG) console.log(browser.errors.join('\n'));
    },
    STEP,
  );
});
