// What changed on a claim, as the reviewer sees it in a real Chromium: an SLA flag in the queue, the
// partner's edits before → after in the history (a product removed after a request named it), the
// updated PoE a dispute brought, the 10-day target, and the explicit supersede choice on an approval and
// on a dispute overturned.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { clockFrom, signIn, startTestService, type Client, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { POWER_BI, SALES, TEAMS, poeDocument, submitClaim, type Submitted } from './fixtures';
import { ensureRendererBuilt, openClaim, seriousA11yViolations, signInAndPull, screenshotFailures } from './helpers';

const STEP = 90_000;
/** The service lives 20 days in the past, so the claims' SLAs are overdue in the browser's today. */
const PAST = new Date(Date.now() - 20 * 86_400_000).toISOString();

async function decide(rev: Client, claim: Pick<Claim, 'id' | 'version'>, kind: string, payload: Record<string, unknown>): Promise<Claim> {
  const res = await rev.call('mutations', {
    body: { mutations: [{ id: randomUUID(), claimId: claim.id, baseVersion: claim.version, kind, payload } as never] },
  });
  if (res.results[0]!.outcome !== 'applied') throw new Error(JSON.stringify(res.results[0]));
  // An applied answer carries no claim (compact push answers): read it as the reviewer now sees it.
  return rev.call('claimGet', { params: { id: claim.id } });
}

describe('what changed on a claim, in the workstation', () => {
  let service: TestService;
  let workstation: RunningWorkstationProcess;
  let browser: TestBrowser;
  let page: Page;
  let disputed: Submitted;
  let holder: Submitted;
  let contender: Submitted;
  let late: Submitted;
  let appeal: Submitted;
  let recordHolder: Submitted;

  beforeAll(async () => {
    ensureRendererBuilt();
    // Leases long enough to still run in the browser's today.
    service = await startTestService({ demoClaims: 0, now: clockFrom(PAST), leaseMinutes: 30 * 24 * 60 });
    const url = service.url;
    const rev3 = await signIn(url, 'rev3');
    // A claim the partner edited after a request, that was then rejected and disputed with updated PoE.
    disputed = await submitClaim(url, {
      partner: 'partner1',
      customer: { name: 'Coho Winery Trading', domain: 'cohowinery-trading.example' },
      products: [SALES, POWER_BI],
    });
    let lease = await rev3.call('leaseCreate', { body: { size: 1 } });
    let c = lease.claims[0]!;
    const bi = c.products.find((p) => p.name === POWER_BI.name)!;
    c = await decide(rev3, c, 'request-info', { reasons: [{ code: 'missing-product', productId: bi.id }], message: 'The PoE does not mention Power BI.' });
    const p1 = await signIn(url, 'partner1');
    await p1.call('claimEdit', { params: { id: c.id }, body: { mpnId: '7654321', products: [SALES, TEAMS] } });
    await p1.call('claimResubmit', { params: { id: c.id }, body: { message: 'Power BI removed; Teams added.' } });
    c = await rev3.call('claimGet', { params: { id: c.id } });
    await decide(rev3, c, 'reject', { reason: 'insufficient-poe', message: 'Teams is not in the PoE either.' });
    await rev3.call('leaseRelease', { params: { id: lease.lease.id } });
    const updated = await poeDocument({
      partner: 'Contoso Cloud',
      customer: 'Coho Winery Trading',
      domain: 'cohowinery-trading.example',
      tenantId: disputed.tenantId,
      products: ['Microsoft Teams'],
    });
    await p1.call('documentUpload', { params: { id: c.id }, query: { fileName: 'updated-poe-teams.pdf' }, body: updated });
    await p1.call('claimDispute', { params: { id: c.id }, body: {} });
    // An approved claim holding a customer workload, and another partner's claim on it.
    holder = await submitClaim(url, {
      partner: 'partner4',
      customer: { name: 'Wide World Importers', domain: 'wideworldimporters.example' },
      products: [SALES],
    });
    lease = await rev3.call('leaseCreate', { body: { size: 10 } });
    await decide(
      rev3,
      lease.claims.find((x) => x.id === holder.id)!,
      'approve',
      { message: null },
    );
    await rev3.call('leaseRelease', { params: { id: lease.lease.id } });
    // A rejected claim, disputed while another partner's claim on its workload was approved.
    appeal = await submitClaim(url, { partner: 'partner3', customer: { name: 'Tailspin Toys', domain: 'tailspintoys.example' }, products: [SALES] });
    recordHolder = await submitClaim(url, {
      partner: 'partner2',
      customer: { name: 'Tailspin Toys', domain: 'tailspintoys.example', tenantId: appeal.tenantId },
      products: [SALES],
    });
    lease = await rev3.call('leaseCreate', { body: { size: 10 } });
    await decide(
      rev3,
      lease.claims.find((x) => x.id === appeal.id)!,
      'reject',
      { reason: 'insufficient-poe', message: 'The PoE names no Sales rollout.' },
    );
    await decide(
      rev3,
      lease.claims.find((x) => x.id === recordHolder.id)!,
      'approve',
      { message: null },
    );
    await rev3.call('leaseRelease', { params: { id: lease.lease.id } });
    await (
      await signIn(url, 'partner3')
    ).call('claimDispute', { params: { id: appeal.id }, body: { justification: 'The Sales rollout is in the statement of work.' } });
    contender = await submitClaim(url, {
      partner: 'partner5',
      customer: { name: 'Wide World Importers', domain: 'wideworldimporters.example', tenantId: holder.tenantId },
      products: [SALES],
    });
    late = await submitClaim(url, { partner: 'partner2', customer: { name: 'Fourth Coffee Retail', domain: 'fourthcoffee.example' }, products: [TEAMS] });
    workstation = await startWorkstation({ serviceUrl: url });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  }, 180_000);

  screenshotFailures('cpor', () => page);
  afterAll(async () => {
    await browser?.close();
    await workstation?.cleanup();
    await service?.stop();
  });

  it(
    'flags overdue SLAs in the queue',
    async () => {
      await signInAndPull(page, workstation.url, { pulled: 'Pulled 4 claims' });
      for (const c of [disputed, contender, late, appeal]) await page.locator(`button.queue-row[data-claim-id="${c.id}"]`).waitFor();
      const flag = page.locator(`button.queue-row[data-claim-id="${late.id}"] [data-testid="sla-flag"]`);
      await expect(flag.textContent()).resolves.toBe('SLA overdue');
      await expect(flag.getAttribute('title')).resolves.toBe('SLA overdue: Review, 10-day decision target');
      // past its due time the target's days-left chip gives way to the SLA flag
      await expect(page.locator(`button.queue-row[data-claim-id="${late.id}"] [data-testid="target-left"]`).count()).resolves.toBe(0);
      await openClaim(page, late.id);
      await expect(page.getByTestId('decision-target').textContent()).resolves.toMatch(/10-day target.*No information requests.*SLA overdue: Review/);
      await screenshot(page, 'cpor-01-queue-sla-flags');
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    STEP,
  );

  it(
    'shows the partner’s edits before → after, the updated PoE of the dispute and the 10-day target',
    async () => {
      await openClaim(page, disputed.id);
      await expect(page.getByTestId('dispute-evidence').textContent()).resolves.toContain('updated-poe-teams.pdf');
      await expect(page.getByTestId('decision-target').textContent()).resolves.toMatch(/1 round of information requests/);
      await page.getByRole('tab', { name: /History/ }).click();
      const diff = page.locator('.history-diff');
      await expect(diff.locator('tr[data-field="mpnId"]').textContent()).resolves.toMatch(/MPN ID.*→7654321/);
      await expect(diff.locator('tr[data-field="products"]').allTextContents()).resolves.toEqual([
        'ProductPower BI Pro (Power BI)→removed',
        'Productadded→Microsoft Teams (Teams)',
      ]);
      const notes = await page.locator('.history-note').allTextContents();
      expect(notes).toContain('Power BI Pro (since removed)');
      expect(notes).toContain('Updated PoE with the dispute: updated-poe-teams.pdf');
      await expect(page.locator('.history .partner-role').first().textContent()).resolves.toBe(' (billing admin)');
      await page.getByTestId('dispute-evidence').scrollIntoViewIfNeeded();
      await screenshot(page, 'cpor-02-dispute-evidence-target');
      await diff.first().scrollIntoViewIfNeeded();
      await screenshot(page, 'cpor-03-history-diff');
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    STEP,
  );

  it(
    'asks for the explicit choice to supersede the approved claim before approving',
    async () => {
      await openClaim(page, contender.id);
      await page.getByRole('button', { name: /^Approve/ }).click();
      const choice = page.getByTestId('supersede-choice');
      await expect(choice.textContent()).resolves.toContain(holder.id);
      const confirm = page.locator('.decision-composer button[type="submit"]');
      await expect(confirm.isDisabled()).resolves.toBe(true);
      await screenshot(page, 'cpor-04-supersede-choice');
      await choice.getByRole('checkbox').check();
      await expect(confirm.isDisabled()).resolves.toBe(false);
      await confirm.click();
      await page.locator('.decision-composer').waitFor({ state: 'detached' });
      const qa = await signIn(service.url, 'qa1');
      await expect.poll(async () => (await qa.call('claimGet', { params: { id: holder.id } })).rejection?.reason, { timeout: 30_000 }).toBe('superseded');
    },
    STEP,
  );

  it(
    'asks for the same choice before overturning a dispute on a workload another claim holds',
    async () => {
      await openClaim(page, appeal.id);
      await page.getByRole('button', { name: 'Overturn', exact: true }).click();
      const choice = page.getByTestId('supersede-choice');
      await expect(choice.textContent()).resolves.toContain(recordHolder.id);
      await expect(choice.textContent()).resolves.toContain('Overturning the rejection approves this claim again');
      const confirm = page.locator('.decision-composer button[type="submit"]');
      await expect(confirm.isDisabled()).resolves.toBe(true);
      await screenshot(page, 'cpor-05-overturn-supersede-choice');
      // Upholding the rejection approves nothing: no choice to make.
      await page.getByRole('radio', { name: 'Uphold the rejection' }).check();
      await expect(choice.count()).resolves.toBe(0);
      await expect(confirm.isDisabled()).resolves.toBe(false);
      await page.getByRole('radio', { name: 'Overturn: approve the claim' }).check();
      await expect(confirm.isDisabled()).resolves.toBe(true);
      await choice.getByRole('checkbox', { name: `Supersede ${recordHolder.id} and overturn` }).check();
      await expect(confirm.isDisabled()).resolves.toBe(false);
      await confirm.click();
      await page.locator('.decision-composer').waitFor({ state: 'detached' });
      const qa = await signIn(service.url, 'qa1');
      await expect.poll(async () => (await qa.call('claimGet', { params: { id: recordHolder.id } })).rejection?.reason, { timeout: 30_000 }).toBe('superseded');
      expect((await qa.call('claimGet', { params: { id: appeal.id } })).history.at(-1)).toMatchObject({
        kind: 'dispute-resolved',
        outcome: 'overturn',
        supersedes: [recordHolder.id],
      });
      await openClaim(page, appeal.id);
      await page.getByRole('tab', { name: /History/ }).click();
      const note = page.locator('.history-note', { hasText: `Supersedes claim ${recordHolder.id}` });
      await note.scrollIntoViewIfNeeded();
      await screenshot(page, 'cpor-06-overturn-supersedes-history');
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    STEP,
  );
});
