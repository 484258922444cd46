// A QA lead's audit in a real Chromium against the real review service and browser host: pull a sample,
// see a blind audit hide the decision everywhere, audit one decision blind with the keyboard (agreeing,
// then on to the next) and one openly (disagreeing, with a note), see the statistics move,
// export the audits as CSV; then the reviewer signs in and reads the audits of their decisions in zh-TW.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { signIn, startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { readCsv } from '../audit/world';
import { POWER_BI, SALES, TEAMS, submitClaim, type Submitted } from './fixtures';
import { blur, ensureRendererBuilt, seriousA11yViolations, waitForOpenClaim } from './helpers';

const STEP = 90_000;
const NOTE = 'The signature is on page 3; ask for the date instead of rejecting.';

async function signInAs(page: Page, username: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
}

/** Dismisses the notices on screen, so a screenshot shows the screen itself. */
async function dismissNotices(page: Page): Promise<void> {
  const buttons = page.locator('.notice button');
  // A notice may also time out on its own meanwhile: then there is nothing left to click.
  while ((await buttons.count()) > 0)
    await buttons
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
}

/** The group of one finding in the findings form (the decision, or a checklist reason). */
const finding = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

describe('QA audit mode in Chromium', () => {
  let service: TestService;
  let workstation: RunningWorkstationProcess;
  let browser: TestBrowser;
  let page: Page;
  let approved: Submitted;
  let rejected: Submitted;

  beforeAll(async () => {
    ensureRendererBuilt();
    service = await startTestService({ demoClaims: 0 });
    approved = await submitClaim(service.url, {
      partner: 'partner1',
      customer: { name: 'Wide World Importers', domain: 'wideworldimporters.example' },
      products: [SALES, POWER_BI],
    });
    rejected = await submitClaim(service.url, {
      partner: 'partner4',
      customer: { name: 'Formosa Green Energy Corp.', domain: 'formosagreen.example' },
      products: [TEAMS],
    });
    // rev1 decides both: approves one; rejects the other with the acknowledgement reason ticked.
    const rev1 = await signIn(service.url, 'rev1');
    const lease = await rev1.call('leaseCreate', { body: { size: 2 } });
    const at = (id: string) => lease.claims.find((c) => c.id === id)!;
    const m = (id: string, kind: string, payload: object) => ({ id: randomUUID(), claimId: id, baseVersion: at(id).version, kind, payload });
    const { results } = await rev1.call('mutations', {
      body: {
        mutations: [
          // with the reviewer's agreement with the PoE assist, as the workstation core records it with a decision
          m(approved.id, 'approve', {
            message: 'PoE complete: signed and dated.',
            assist: [
              {
                code: 'missing-product',
                productId: at(approved.id).products.find((p) => p.name === POWER_BI.name)!.id,
                verdict: 'applies',
                confidence: 0.8,
                outcome: 'overridden',
              },
              { code: 'date-missing-or-outdated', productId: null, verdict: 'clear', confidence: 0.9, outcome: 'accepted' },
            ],
          }),
          m(rejected.id, 'checklist', { code: 'missing-customer-acknowledgement', productId: null, checked: true, note: null }),
          m(rejected.id, 'reject', {
            reason: 'insufficient-poe',
            message: 'The PoE carries no customer signature.',
            assist: [{ code: 'missing-customer-acknowledgement', productId: null, verdict: 'applies', confidence: 0.9, outcome: 'accepted' }],
          }),
        ],
      } as never,
    });
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    workstation = await startWorkstation({ serviceUrl: service.url });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await page.goto(workstation.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await workstation?.cleanup();
    await service?.stop();
  });

  it(
    'opens audit mode for a QA lead and pulls a sample with its PoE',
    async () => {
      await signInAs(page, 'qa1');
      await expect(page.getByRole('button', { name: 'Audit', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
      await expect(page.getByRole('button', { name: 'Review', exact: true }).count()).resolves.toBe(0);
      // Stratified (the default): the rejection is drawn from the reviewer's rejections, a stratum that names the decision.
      await page.getByRole('button', { name: 'Pull sample' }).click();
      await page.locator('.notice', { hasText: 'Drew 2 of 2 decisions' }).waitFor();
      await expect(page.locator('button.audit-row').count()).resolves.toBe(2);
      // Blind by default: the list does not tell the decisions either.
      await expect(page.locator('button.audit-row .hidden-kind').count()).resolves.toBe(2);
    },
    STEP,
  );

  it(
    'hides the decision everywhere in a blind audit, the stratum that drew it included',
    async () => {
      await page.locator(`button.audit-row[data-claim-id="${rejected.id}"]`).click();
      await waitForOpenClaim(page, rejected.id);
      await page.getByTestId('decision-hidden').waitFor();
      await expect(page.getByTestId('audit-stratum').count()).resolves.toBe(0);
      // The list and the open audit (the sample form's own filter labels name every kind, whatever was drawn).
      const shown = `${await page.locator('.audit-list-section').innerText()} ${await page.locator('.audit-panel').innerText()}`.toLowerCase();
      for (const telltale of ['rejection', 'rejected', 'insufficient', 'no customer signature']) expect(shown).not.toContain(telltale);
      await expect(page.getByTestId('audit-products').textContent()).resolves.toContain(TEAMS.name);
      // No per-product finding while blind: it is on the reviewer's ticks, which are hidden.
      await expect(page.getByRole('group', { name: /ticks on/ }).count()).resolves.toBe(0);
      await dismissNotices(page);
      await screenshot(page, 'audit-00-blind-rejection');
    },
    STEP,
  );

  it(
    'audits a decision blind with the keyboard: the decision shows only after every own answer, all agree, and the next one opens',
    async () => {
      await page.locator(`button.audit-row[data-claim-id="${approved.id}"]`).click();
      await waitForOpenClaim(page, approved.id);
      await page.getByTestId('decision-hidden').waitFor();
      await page.locator('.pdf-page canvas[data-rendered="true"]').waitFor();
      await expect(finding(page, 'Decision').getByRole('radio', { name: 'Agree', exact: true }).count()).resolves.toBe(0);
      await dismissNotices(page);
      await screenshot(page, 'audit-01-blind-audit');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The audit keys are in the help overlay.
      await blur(page);
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.getByText('Audit: agree on the finding').waitFor();
      await screenshot(page, 'audit-01b-shortcuts-help');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });

      // A: my own answer on the decision is Approve; G cannot give a verdict before every own answer is in.
      await page.keyboard.press('a');
      await expect.poll(() => finding(page, 'Decision').getByRole('combobox').inputValue()).toBe('approve');
      await page.keyboard.press('g');
      await page.locator('.notice', { hasText: 'record your own answer on every finding first' }).waitFor();
      // 1–5 toggle "applies" (then "does not apply") on each checklist reason.
      const reasons = [
        'Missing all PoE',
        'Missing customer acknowledgement',
        'Date missing or outdated',
        'Missing partner solution / service',
        'Missing product',
      ];
      for (const [i, reason] of reasons.entries()) {
        await page.keyboard.press(String(i + 1));
        await expect.poll(() => finding(page, reason).getByRole('radio', { name: 'Applies' }).isChecked()).toBe(true);
        await page.keyboard.press(String(i + 1));
        await expect.poll(() => finding(page, reason).getByRole('radio', { name: 'Does not apply' }).isChecked()).toBe(true);
      }
      await page.getByTestId('audited-decision').waitFor();
      await expect(page.getByTestId('audited-decision').textContent()).resolves.toContain('Approved');
      await expect(page.getByTestId('audit-stratum').textContent()).resolves.toMatch(/^Sampled: /);
      await expect(finding(page, 'Decision').getByRole('radio', { name: 'Agree', exact: true }).isChecked()).resolves.toBe(true);
      // Ctrl+Enter submits, and the next decision to audit opens by itself.
      await page.keyboard.press('Control+Enter');
      await page.locator(`button.audit-row[data-claim-id="${approved.id}"] .audit-state`, { hasText: /Audited|Waiting to sync/ }).waitFor();
      await waitForOpenClaim(page, rejected.id);
    },
    STEP,
  );

  it(
    'audits a decision openly and disagrees with it, with a note for the reviewer',
    async () => {
      await page.locator(`button.audit-row[data-claim-id="${rejected.id}"]`).click();
      await waitForOpenClaim(page, rejected.id);
      await page.getByLabel('Blind audit').uncheck();
      await page.getByTestId('audited-decision').waitFor();
      await expect(page.getByTestId('audit-stratum').textContent()).resolves.toBe('Sampled: Rejections');
      await expect(page.getByTestId('audited-decision').textContent()).resolves.toMatch(
        /Rejected[\s\S]*Insufficient PoE[\s\S]*Missing customer acknowledgement/,
      );
      await expect(page.locator('.audit-messages').textContent()).resolves.toContain('The PoE carries no customer signature.');

      await finding(page, 'Decision').getByText('Disagree').click();
      await finding(page, 'Decision').getByRole('combobox').selectOption('request-info');
      await finding(page, 'Decision').getByRole('textbox').fill(NOTE);
      await finding(page, 'Decision').getByRole('textbox').blur();
      await finding(page, 'Missing customer acknowledgement').getByText('Disagree').click();
      for (const reason of ['Missing all PoE', 'Date missing or outdated', 'Missing partner solution / service', 'Missing product']) {
        await finding(page, reason).getByText('Agree', { exact: true }).click();
      }
      // The per-product finding: disagree with the reviewer's (empty) ticks on Teams.
      const teams = page.getByRole('group', { name: `Agree or disagree with the reviewer's ticks on ${TEAMS.name}` });
      await teams.getByRole('button', { name: 'Disagree' }).click();
      await expect.poll(() => teams.getByRole('button', { name: 'Disagree' }).getAttribute('aria-pressed')).toBe('true');
      await expect(teams.getByRole('button', { name: 'Agree', exact: true }).getAttribute('aria-pressed')).resolves.toBe('false');
      await expect(finding(page, 'Missing customer acknowledgement').getByRole('radio', { name: 'Does not apply' }).isChecked()).resolves.toBe(true);
      await expect(finding(page, 'Decision').getByRole('textbox').inputValue()).resolves.toBe(NOTE);
      await page.locator('.audit-panel .claim-scroll').evaluate((el) => el.scrollTo(0, 0));
      await dismissNotices(page);
      await screenshot(page, 'audit-02-disagreeing-audit');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Submit audit' }).click();
      // Both audits reach the service through the outbox.
      await page.locator('button.audit-row .audit-state', { hasText: 'Audited' }).nth(1).waitFor();
      await expect(page.locator(`button.audit-row[data-claim-id="${rejected.id}"]`).textContent()).resolves.toContain('Overturned');
      const qa = await signIn(service.url, 'qa1');
      const { audits } = await qa.call('auditList');
      expect(audits.map((a) => [a.claimId, a.findings.find((f) => f.target === 'decision')!.verdict]).sort()).toEqual(
        [
          [approved.id, 'agree'],
          [rejected.id, 'disagree'],
        ].sort(),
      );
      // The product finding went through the outbox too; the blind audit, with none, is still a valid audit.
      expect(audits.find((a) => a.claimId === rejected.id)!.productFindings).toMatchObject([
        { productName: TEAMS.name, verdict: 'disagree', reviewerReasons: [] },
      ]);
      expect(audits.find((a) => a.claimId === approved.id)!.productFindings).toEqual([]);
    },
    STEP,
  );

  it(
    'shows the new figures on the statistics screen and exports the audits as CSV',
    async () => {
      await page.getByRole('button', { name: 'Statistics', exact: true }).click();
      await page.getByTestId('stat-audited').waitFor();
      await expect(page.getByTestId('stat-audited').textContent()).resolves.toContain('2');
      await expect(page.getByTestId('stat-overturned').textContent()).resolves.toMatch(/^1/);
      await expect(page.getByTestId('stat-decision-agreement').textContent()).resolves.toContain('50%');
      // 12 findings, 10 agreed.
      await expect(page.getByTestId('stat-agreement').textContent()).resolves.toContain('83.3%');
      await expect(page.getByTestId('table-by-reviewer').textContent()).resolves.toContain('Mei-Ling Chen');
      await expect(page.locator('[data-testid="table-by-reason"] tr[data-target="missing-customer-acknowledgement"]').textContent()).resolves.toContain('50%');
      // Agreement per claimed product: the one product finding disagreed.
      await expect(page.getByTestId('table-by-product').textContent()).resolves.toMatch(new RegExp(`${TEAMS.name}10%`));
      // The assist's precision per reason over the reviewers' decisions: suggestions, agreed, precision.
      const assistRow = (code: string) => page.locator(`[data-testid="table-assist-precision"] tr[data-code="${code}"]`);
      await expect(assistRow('missing-customer-acknowledgement').locator('td').allTextContents()).resolves.toEqual(['1', '1', '1', '100%', 'n/a']);
      await expect(assistRow('missing-product').locator('td').allTextContents()).resolves.toEqual(['1', '1', '0', '0%', 'n/a']);
      await expect(assistRow('date-missing-or-outdated').locator('td').allTextContents()).resolves.toEqual(['1', '0', '0', 'n/a', '100%']);
      await expect(assistRow('missing-all-poe').locator('td').allTextContents()).resolves.toEqual(['0', '0', '0', 'n/a', 'n/a']);
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await dismissNotices(page);
      await screenshot(page, 'audit-03-statistics');
      await page.getByTestId('table-assist-precision').scrollIntoViewIfNeeded();
      await screenshot(page, 'audit-03-statistics-assist');
      expect(await seriousA11yViolations(page)).toEqual([]);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export audits (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^qa-audits-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = new Uint8Array(await readFile((await download.path())!));
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const { rows } = readCsv(bytes);
      expect(rows).toHaveLength(12 + 1); // six findings per audit, and the one product finding
      expect(rows.find((r) => r.claim_id === rejected.id && r.finding === 'product')).toMatchObject({
        product: expect.stringContaining(TEAMS.name) as string,
        verdict: 'disagree',
      });
      expect(rows.find((r) => r.claim_id === rejected.id && r.finding === 'decision')).toMatchObject({
        verdict: 'disagree',
        qa_answer: 'request-info',
        note: NOTE,
      });

      // The sampling rates live on the service: an experienced reviewer is sampled at 4 %.
      await page.getByLabel('Experience of Mei-Ling Chen').selectOption('experienced');
      await page.locator('.notice', { hasText: 'Sampling rate of Mei-Ling Chen saved.' }).waitFor();
      const { reviewers } = await (await signIn(service.url, 'qa1')).call('auditReviewers');
      expect(reviewers.find((r) => r.reviewer.id === 'u-rev1')).toMatchObject({ experience: 'experienced', rate: 0.04 });
    },
    STEP,
  );

  it(
    "lets the reviewer read the audits of their own decisions and the QA lead's notes, in Traditional Chinese",
    async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Language').selectOption('zh-TW');
      await page.getByRole('heading', { name: '登入以進行審核' }).waitFor();
      await page.getByLabel('使用者名稱').fill('rev1');
      await page.getByLabel('密碼').fill('demo');
      await page.getByRole('button', { name: '登入', exact: true }).click();
      await page.getByRole('button', { name: '我的稽核結果' }).click();
      await page.getByRole('heading', { name: '我的決定的稽核結果' }).waitFor();
      const card = page.locator(`article.my-audit[data-claim-id="${rejected.id}"]`);
      await card.waitFor();
      await expect(page.locator('article.my-audit').count()).resolves.toBe(2);
      await expect(card.textContent()).resolves.toContain(NOTE);
      await expect(card.locator('tr[data-target="decision"]').textContent()).resolves.toMatch(/拒絕[\s\S]*要求提供更多資訊[\s\S]*不同意/);
      await expect(page.getByTestId('my-audit-summary').textContent()).resolves.toContain('2');
      await dismissNotices(page);
      await screenshot(page, 'audit-04-reviewer-audits-zh-TW');
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    STEP,
  );

  it(
    "shows the QA lead the assist's precision per reason in Traditional Chinese",
    async () => {
      await page.getByRole('button', { name: '登出' }).click();
      await page.getByLabel('使用者名稱').fill('qa1');
      await page.getByLabel('密碼').fill('demo');
      await page.getByRole('button', { name: '登入', exact: true }).click();
      await page.getByRole('button', { name: '統計', exact: true }).click();
      const table = page.getByTestId('table-assist-precision');
      await table.waitFor();
      await expect(page.locator('#assist-precision-title').textContent()).resolves.toBe('PoE 輔助：各原因的審核者同意情形');
      await expect(table.locator('thead th').allTextContents()).resolves.toEqual(['發現', '建議數', '建議勾選', '同意', '精確率', '無問題且未勾選']);
      await expect(table.locator('tr[data-code="missing-customer-acknowledgement"] td').allTextContents()).resolves.toEqual(['1', '1', '1', '100%', '不適用']);
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await dismissNotices(page);
      await page.locator('#assist-precision-title').scrollIntoViewIfNeeded();
      await screenshot(page, 'audit-05-statistics-assist-zh-TW');
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    STEP,
  );
});
