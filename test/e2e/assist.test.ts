// The PoE assist in a real Chromium against the real review service and browser host: a suggestion beside
// a checklist reason, its evidence opened highlighted in the viewer, and the suggestion accepted with one
// key (an ordinary checklist action through the outbox, with the evidence as its note).
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { POWER_BI, SALES, submitClaim, type Submitted } from './fixtures';
import { ensureRendererBuilt, openClaim, waitForPending } from './helpers';

/** Bounds (page pixels) of the dark pixels — drawn glyphs, not the highlight's colours — in a clip of the page, or null. */
async function inkBounds(
  page: Page,
  clip: { x: number; y: number; width: number; height: number },
): Promise<{ left: number; top: number; right: number; bottom: number } | null> {
  const image = await loadImage(await page.screenshot({ clip, scale: 'css' }));
  const c = createCanvas(image.width, image.height);
  const g = c.getContext('2d');
  g.drawImage(image, 0, 0);
  const { data, width, height } = g.getImageData(0, 0, image.width, image.height);
  let b: { left: number; top: number; right: number; bottom: number } | null = null;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (Math.max(data[i]!, data[i + 1]!, data[i + 2]!) > 110) continue;
      b = b
        ? { left: Math.min(b.left, x), top: Math.min(b.top, y), right: Math.max(b.right, x + 1), bottom: Math.max(b.bottom, y + 1) }
        : { left: x, top: y, right: x + 1, bottom: y + 1 };
    }
  }
  return b && { left: clip.x + b.left, top: clip.y + b.top, right: clip.x + b.right, bottom: clip.y + b.bottom };
}

const STEP = 90_000;

describe('PoE assist in the reviewer UI', () => {
  let service: TestService;
  let workstation: RunningWorkstationProcess;
  let browser: TestBrowser;
  let page: Page;
  let claim: Submitted;

  beforeAll(async () => {
    ensureRendererBuilt();
    service = await startTestService({ demoClaims: 0 });
    // the PoE names Dynamics 365 Sales only: Power BI Pro is missing
    claim = await submitClaim(service.url, {
      partner: 'partner1',
      customer: { name: 'Wide World Importers', domain: 'wideworldimporters.example' },
      products: [SALES, POWER_BI],
    });
    workstation = await startWorkstation({ serviceUrl: service.url });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(30_000);
    await page.goto(workstation.url);
    await page.getByLabel('User name').fill('rev1');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Pull batch/ }).click();
    await page.locator('.notice', { hasText: 'Pulled 1 claim and' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await workstation?.cleanup();
    await service?.stop();
  });

  it(
    'shows a suggestion beside the reason and match badges in the claim facts',
    async () => {
      await openClaim(page, claim.id);
      const powerBi = (
        await page.locator('fieldset.checklist-group.product', { hasText: 'Power BI Pro' }).locator('[data-testid^="suggestion-missing-product-"]')
      ).first();
      await powerBi.waitFor();
      await expect(powerBi.textContent()).resolves.toContain('Power BI Pro is not named in the 3 page(s).');
      await expect(page.getByTestId('match-tenantId').textContent()).resolves.toBe('matches PoE');
      await expect(page.getByTestId('match-name').textContent()).resolves.toBe('matches PoE');
      await expect(page.getByTestId('assist-ack').textContent()).resolves.toMatch(/2026-02-27.*cut-off 2025-/);
      await screenshot(page, 'assist-01-suggestions');
    },
    STEP,
  );

  it(
    'opens the evidence of a suggestion on its page with the text highlighted',
    async () => {
      const sales = page.locator('fieldset.checklist-group.product', { hasText: 'Dynamics 365 Sales' }).locator('[data-testid^="suggestion-missing-product-"]');
      await sales.getByRole('button', { name: /Evidence \(p\. 2\)/ }).click();
      const highlight = page.getByTestId('evidence-highlight');
      await highlight.waitFor();
      await expect(page.locator('.pdf-page').getAttribute('data-page-number')).resolves.toBe('2');
      // the highlight lies on the words "Dynamics 365 Sales" as the page draws them: the dark pixels (the ink of the
      // glyphs) in and just above and below it all fall inside it, and reach to within a few pixels of each of its sides
      const box = (await highlight.boundingBox())!;
      const ink = await inkBounds(page, { x: box.x, y: box.y - 10, width: box.width, height: box.height + 20 });
      // the drawn page fills the page box the text layer and the highlight are placed in
      const [canvas, layer] = [await page.locator('.pdf-page canvas').boundingBox(), await page.locator('.pdf-page .textLayer').boundingBox()];
      expect(Math.abs(canvas!.width - layer!.width)).toBeLessThan(1.5);
      expect(Math.abs(canvas!.height - layer!.height)).toBeLessThan(1.5);
      expect(ink).not.toBeNull();
      expect(ink!.top).toBeGreaterThanOrEqual(box.y);
      expect(ink!.bottom).toBeLessThanOrEqual(box.y + box.height);
      expect(ink!.top - box.y).toBeLessThan(8);
      expect(box.y + box.height - ink!.bottom).toBeLessThan(8);
      expect(ink!.left - box.x).toBeLessThan(8);
      expect(box.x + box.width - ink!.right).toBeLessThan(8);
      await screenshot(page, 'assist-02-evidence');
    },
    STEP,
  );

  it(
    'accepts a suggestion with one key: the reason is ticked with the evidence as its note, through the outbox',
    async () => {
      const powerBi = page.locator('fieldset.checklist-group.product', { hasText: 'Power BI Pro' });
      await powerBi.locator('[data-testid^="suggestion-missing-product-"]').focus();
      await page.keyboard.press('a');
      const box = powerBi.getByRole('checkbox', { name: /Missing product/ });
      await expect.poll(() => box.isChecked()).toBe(true);
      await expect(powerBi.locator('.note-input').inputValue()).resolves.toContain('Power BI Pro is not named');
      await waitForPending(page, 0);
      await screenshot(page, 'assist-03-accepted');
    },
    STEP,
  );
});
