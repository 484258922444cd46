// Offline triage in a real Chromium through the browser host, against the real review service behind a
// link the test cuts, with the service's test clock: an offline checkout that survives 2 hours offline,
// undo inside the undo window, guardrail confirmations, a lapsed lease re-leased without a conflict, a
// conflict that shows another reviewer's decision and offers no Re-apply, type-ahead after `c`, a notice on
// online expiry with the open claim kept read-only and leased again on request, and a dead host shown as such.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLink, type Link } from '../core/link';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { advanceClock, signIn, startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { POWER_BI, SALES, TEAMS, submitClaim, type Submitted } from './fixtures';
import { blur, ensureRendererBuilt, openClaim, pendingCount, signInAndPull, waitForPending, screenshotFailures } from './helpers';

const STEP = 90_000;
const UNDO_WINDOW_MS = 10_000; // the default

describe('offline work in Chromium', () => {
  let service: TestService;
  let link: Link;
  let workstation: RunningWorkstationProcess;
  let browser: TestBrowser;
  let page: Page;
  const c: Record<'undo' | 'ticked' | 'mine' | 'rival' | 'offline1' | 'offline2' | 'relapse' | 'taken', Submitted> = {} as never;

  const onService = async (id: string) => (await signIn(service.url, 'qa1')).call('claimGet', { params: { id } });

  async function approve(p: Page): Promise<void> {
    await blur(p);
    await p.keyboard.press('a');
    await p.getByRole('heading', { name: 'Approve the claim' }).waitFor();
    await p.waitForFunction(() => document.activeElement?.id === 'decision-message');
    await p.keyboard.press('Control+Enter');
  }
  const composerClosed = (p: Page) => p.locator('.decision-composer').waitFor({ state: 'detached' });

  beforeAll(async () => {
    ensureRendererBuilt();
    service = await startTestService({ demoClaims: 0, leaseMinutes: 5, offlineLeaseMaxMinutes: 8 * 60 });
    const customer = (name: string) => ({ name, domain: `${name.toLowerCase().replace(/\W+/g, '')}.example` });
    c.undo = await submitClaim(service.url, { partner: 'partner1', customer: customer('Undo Traders'), products: [TEAMS] });
    c.ticked = await submitClaim(service.url, { partner: 'partner2', customer: customer('Ticked Foods'), products: [TEAMS] });
    c.mine = await submitClaim(service.url, { partner: 'partner1', customer: customer('Contoso Rival Co'), products: [SALES] });
    c.rival = await submitClaim(service.url, {
      partner: 'partner4',
      customer: { ...customer('Contoso Rival Co'), tenantId: c.mine.tenantId },
      products: [SALES],
    });
    c.offline1 = await submitClaim(service.url, { partner: 'partner3', customer: customer('Train Works'), products: [POWER_BI] });
    c.offline2 = await submitClaim(service.url, { partner: 'partner5', customer: customer('Flight Supplies'), products: [TEAMS] });
    c.relapse = await submitClaim(service.url, { partner: 'partner2', customer: customer('Quiet Harbour'), products: [POWER_BI] });
    c.taken = await submitClaim(service.url, { partner: 'partner3', customer: customer('Busy Corner'), products: [TEAMS] });
    link = await startLink(service.url);
    workstation = await startWorkstation({ serviceUrl: link.url, args: ['--undo-window', String(UNDO_WINDOW_MS)] });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  }, 180_000);

  screenshotFailures('offline', () => page);

  afterAll(async () => {
    await browser?.close();
    await workstation?.cleanup();
    await link?.close();
    await service?.stop();
  });

  it(
    'checks a batch out for offline work and says until when',
    async () => {
      await signInAndPull(page, workstation.url, { pulled: 'Pulled 8 claims', offline: true });
      await expect(page.getByTestId('lease-expiry').textContent()).resolves.toMatch(/Checked out until \w{3} \d\d:\d\d/);
      const lease = (await onService(c.undo.id)).lease!;
      expect(Date.parse(lease.expiresAt) - Date.now()).toBeGreaterThan(7.9 * 3_600_000);
      await screenshot(page, 'offline-01-checked-out');
    },
    STEP,
  );

  it(
    'takes an approval back 3 s later with Undo: the service never sees it',
    async () => {
      await openClaim(page, c.undo.id);
      await approve(page);
      await composerClosed(page);
      await page.getByTestId('undo-toast').waitFor();
      await expect(page.getByTestId('undo-toast').textContent()).resolves.toMatch(/is sent in \d+ s/);
      await page.waitForTimeout(3_000); // the reviewer changes their mind three seconds later
      await screenshot(page, 'offline-02-undo-toast');
      await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
      await page.locator('.notice', { hasText: 'Undid' }).waitFor();
      await page.getByTestId('undo-toast').waitFor({ state: 'detached' });
      await waitForPending(page, 0);
      // Well past the window, and after a sync: the service still has no approval.
      await page.waitForTimeout(UNDO_WINDOW_MS);
      await page.getByRole('button', { name: 'Sync now' }).click();
      const claim = await onService(c.undo.id);
      expect(claim.status).toBe('in-review');
      expect(claim.history.some((e) => e.kind === 'approved')).toBe(false);
    },
    STEP,
  );

  it(
    'asks before approving with reasons ticked or a competing claim with a newer PoE',
    async () => {
      await openClaim(page, c.ticked.id);
      await blur(page);
      await page.keyboard.press('1');
      await approve(page);
      const dialog = page.getByTestId('confirm-dialog');
      await dialog.getByRole('heading', { name: 'Approve with reasons still ticked?' }).waitFor();
      await expect(dialog.textContent()).resolves.toContain('still ticked');
      // Shortcuts do nothing while the dialog is open.
      await page.keyboard.press('j');
      await screenshot(page, 'offline-03-confirm-ticked');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await page.keyboard.press('Escape');
      await composerClosed(page);

      await openClaim(page, c.mine.id);
      await approve(page);
      await dialog.getByRole('heading', { name: /competes for this workload/ }).waitFor();
      await expect(dialog.textContent()).resolves.toContain(c.rival.id);
      await screenshot(page, 'offline-04-confirm-competing');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await page.keyboard.press('Escape');
      await composerClosed(page);

      await page.getByRole('button', { name: 'Release batch' }).click();
      await dialog.getByRole('heading', { name: 'Release the batch?' }).waitFor();
      await screenshot(page, 'offline-05-confirm-release');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect((await onService(c.mine.id)).lease?.reviewerId).toBe('u-rev1');
      expect((await onService(c.ticked.id)).history.some((e) => e.kind === 'approved')).toBe(false);
    },
    STEP,
  );

  it(
    'keeps an 8-hour checkout through 2 hours offline and applies every action on reconnect',
    async () => {
      link.cut = true;
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByTestId('offline-banner').waitFor();
      const before = await pendingCount(page);
      for (const id of [c.offline1.id, c.offline2.id]) {
        await openClaim(page, id);
        await approve(page);
        await composerClosed(page);
      }
      await waitForPending(page, before + 2);
      await expect(page.getByTestId('offline-banner').textContent()).resolves.toMatch(/Your work holds until/);
      await screenshot(page, 'offline-06-offline-banner');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByTestId('confirm-dialog').getByRole('heading', { name: 'Sign out with unsynced work?' }).waitFor();
      await screenshot(page, 'offline-07-confirm-sign-out');
      await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' }).click();

      await advanceClock(service.url, 'PT2H');
      link.cut = false; // no click: the probe finds the service and pushes
      await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 30_000 });
      await waitForPending(page, 0);
      for (const id of [c.offline1.id, c.offline2.id]) expect((await onService(id)).status).toBe('approved');
      await expect(page.locator('.count-pill.danger').count()).resolves.toBe(0);
    },
    STEP,
  );

  it(
    're-leases a lapsed claim nobody touched with no conflict, and shows the other reviewer’s decision where one did',
    async () => {
      link.cut = true;
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByTestId('offline-banner').waitFor();
      for (const id of [c.relapse.id, c.taken.id]) {
        await openClaim(page, id);
        await approve(page);
        await composerClosed(page);
      }
      await advanceClock(service.url, 'PT7H'); // past the checkout's end
      const rev2 = await signIn(service.url, 'rev2');
      const { claims } = await rev2.call('leaseCreate', { body: { size: 1, claimIds: [c.taken.id] } });
      const taken = claims.find((x) => x.id === c.taken.id)!;
      const { results } = await rev2.call('mutations', {
        body: {
          mutations: [
            {
              id: crypto.randomUUID(),
              claimId: taken.id,
              baseVersion: taken.version,
              kind: 'reject',
              payload: { reason: 'insufficient-poe', message: 'No customer signature.' },
            },
          ],
        },
      });
      expect(results[0]!.outcome).toBe('applied');

      link.cut = false;
      await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 30_000 });
      await waitForPending(page, 0);
      const relapsed = await onService(c.relapse.id);
      expect(relapsed.status).toBe('approved');
      expect(relapsed.history.filter((e) => e.kind === 'approved')).toHaveLength(1);

      await page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: /Conflicts/ })
        .click();
      const card = page.locator('.conflict-card');
      await expect(card.count()).resolves.toBe(1);
      await expect(card.getByTestId('conflict-truth').textContent()).resolves.toMatch(/rejected this claim/);
      await expect(card.getByRole('button', { name: /Re-apply/ }).count()).resolves.toBe(0);
      await card.getByRole('button', { name: 'Copy to comment' }).waitFor();
      await expect(card.textContent()).resolves.not.toContain('mutations.0');
      await screenshot(page, 'offline-08-conflict-truth');
      await card.getByRole('button', { name: 'Discard…' }).click();
      await card.getByRole('button', { name: 'Discard my action' }).click();
      await page.getByText('No conflicts left.').waitFor();
      expect((await onService(c.taken.id)).status).toBe('rejected');
    },
    STEP,
  );

  it(
    'keeps every character typed right after `c` in the comment box',
    async () => {
      await page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: /Review/ })
        .click();
      // The checkout ended 1 h ago (the claims left the batch): pull what is still open for review.
      await page.getByRole('button', { name: /Pull batch/ }).click();
      await page.locator('.notice', { hasText: /Pulled \d+ claims/ }).waitFor();
      await openClaim(page, c.ticked.id);
      await blur(page);
      const typed = 'Signature checked on p.2, thanks';
      // No pause between `c` and the text: the keys arrive before the comment box has focus.
      await page.keyboard.press('c');
      await page.keyboard.type(typed);
      const box = page.locator('#comment-box');
      await expect.poll(() => box.inputValue()).toBe(typed);
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('comment-box');
      await screenshot(page, 'offline-09-type-ahead');
      await box.fill('');
      await blur(page);
    },
    STEP,
  );

  it(
    'says so when the lease runs out while online, and keeps the open claim open to read until leased again',
    async () => {
      await openClaim(page, c.ticked.id);
      await advanceClock(service.url, 'PT9H');
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByTestId('lease-ended').waitFor({ timeout: 30_000 });
      await expect(page.getByTestId('lease-ended').textContent()).resolves.toMatch(/Your lease ended at/);
      // The claim did not vanish under the reviewer: still open, read-only, with a way back.
      const notice = page.getByTestId('claim-readonly');
      await notice.waitFor();
      await expect(page.locator('#claim-title').textContent()).resolves.toContain(c.ticked.id);
      await expect(notice.textContent()).resolves.toMatch(/no longer hold a lease on this claim/);
      await expect(page.locator('.decide-button.approve').isDisabled()).resolves.toBe(true);
      await screenshot(page, 'offline-10-lease-ended-read-only');

      await notice.getByRole('button', { name: 'Lease it again' }).click();
      await page.locator('.notice', { hasText: `${c.ticked.id} is leased to you again` }).waitFor();
      await notice.waitFor({ state: 'detached' });
      await expect(page.locator('.decide-button.approve').isDisabled()).resolves.toBe(false);
      expect((await onService(c.ticked.id)).lease?.reviewerId).toBe('u-rev1');
    },
    STEP,
  );

  it(
    'shows the page disconnected, not Online, when the browser host dies',
    async () => {
      await expect(page.getByTestId('connection').textContent()).resolves.toBe('Online');
      await workstation.kill('SIGKILL');
      await page.getByTestId('host-gone').waitFor({ timeout: 15_000 });
      await expect(page.getByTestId('connection').textContent()).resolves.toBe('Disconnected from the workstation');
      await expect(page.getByTestId('host-gone').textContent()).resolves.toMatch(/The workstation is not running/);
      await screenshot(page, 'offline-11-host-gone');
    },
    STEP,
  );
});
