// The PoE viewer renders every document right, in Chromium through the real browser host: the 14
// standard fonts and the predefined CJK CMaps (horizontal and vertical) with no font embedded are in
// the text layer and in the pixels; pdf.js's find controller finds a phrase across a line break, with
// a doubled space and with full-width digits, in English and zh-TW; pages pdf.js cannot show in full
// carry a notice and the document can be taken to the system's PDF reader (a download here).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { SALES, submitClaim } from './fixtures';
import { ensureRendererBuilt, openClaim, signInAndPull, screenshotFailures } from './helpers';
import {
  CJK_CASES,
  PAGE,
  STANDARD_LINES,
  attachmentEncryptedPdf,
  brokenPdf,
  cjkLine,
  cjkPdf,
  findPdf,
  passwordPdf,
  standardFontsPdf,
  zhTwPoe,
  type Line,
} from './pdf-fixtures';

const STEP = 60_000;

/** Ink (clearly non-white pixels) of the page canvas inside the box a line of text occupies. */
async function inkIn(page: Page, pageNumber: number, line: Line): Promise<number> {
  const length = [...line.text].length * line.size;
  const box = line.vertical
    ? { x0: line.x - 2, x1: line.x + line.size + 2, y0: line.y - length - 4, y1: line.y + line.size + 4 }
    : { x0: line.x - 2, x1: line.x + Math.max(length, 40), y0: line.y - line.size * 0.3, y1: line.y + line.size };
  return page
    .locator(`.page[data-page-number="${pageNumber}"] canvas[data-rendered="true"]`)
    .first()
    .evaluate(
      (c: HTMLCanvasElement, a: { box: typeof box; page: typeof PAGE }) => {
        const k = c.width / a.page.width;
        const x = Math.max(0, Math.floor(a.box.x0 * k));
        const y = Math.max(0, Math.floor((a.page.height - a.box.y1) * k));
        const w = Math.min(c.width - x, Math.ceil((a.box.x1 - a.box.x0) * k));
        const h = Math.min(c.height - y, Math.ceil((a.box.y1 - a.box.y0) * k));
        const { data } = c.getContext('2d')!.getImageData(x, y, w, h);
        let ink = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 160 || data[i + 1]! < 160 || data[i + 2]! < 160)) ink++;
        return ink;
      },
      { box, page: PAGE },
    );
}

const layerText = (page: Page, pageNumber: number) =>
  page.locator(`.page[data-page-number="${pageNumber}"] .textLayer`).evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ''));

describe('the PoE viewer renders every document right (Chromium)', () => {
  let svc: TestService;
  let ws: RunningWorkstationProcess;
  let browser: TestBrowser;
  let page: Page;
  let claimId: string;
  let zhClaimId: string;
  const fetched: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    svc = await startTestService({ demoClaims: 0 });
    claimId = (
      await submitClaim(svc.url, {
        partner: 'partner1',
        customer: { name: 'Font Coverage Ltd', domain: 'fonts.example' },
        products: [SALES],
        documents: [
          { fileName: 'standard-fonts.pdf', bytes: await standardFontsPdf() },
          { fileName: 'cjk-cmaps.pdf', bytes: cjkPdf() },
          { fileName: 'find-cases.pdf', bytes: findPdf() },
          { fileName: 'broken-pages.pdf', bytes: brokenPdf() },
          { fileName: 'attachment-encrypted.pdf', bytes: attachmentEncryptedPdf() },
          { fileName: 'needs-password.pdf', bytes: passwordPdf() },
        ],
      })
    ).id;
    zhClaimId = (
      await submitClaim(svc.url, {
        partner: 'partner2',
        customer: { name: '福爾摩沙貿易', domain: 'formosa-trading.example' },
        products: [SALES],
        documents: [{ fileName: '執行證明.pdf', bytes: zhTwPoe() }],
      })
    ).id;
    ws = await startWorkstation({ serviceUrl: svc.url });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(30_000);
    page.on('requestfinished', (r) => void r.response().then((res) => res && fetched.push(`${res.status()} ${new URL(r.url()).pathname}`)));
    await signInAndPull(page, ws.url, { pulled: /Pulled \d+ claims/ });
    await openClaim(page, claimId);
  }, 120_000);

  // A failed step leaves a picture of what the reviewer saw at that moment.
  screenshotFailures('viewer', () => page);

  afterAll(async () => {
    await browser?.close();
    await ws?.cleanup();
    await svc?.stop();
  });

  it(
    'draws the 14 standard fonts, not embedded, from the fonts it ships (text layer and pixels)',
    async () => {
      await page.getByRole('tab', { name: /standard-fonts\.pdf/ }).click();
      await page.locator('.page[data-page-number="1"] canvas[data-rendered="true"]').waitFor();
      await page.locator('.page[data-page-number="1"] .textLayer', { hasText: 'Times-BoldItalic' }).waitFor();
      const text = await layerText(page, 1);
      for (const line of STANDARD_LINES) {
        if (line.font !== 'ZapfDingbats') expect(text, line.font).toContain(line.text.replace(/\s+/g, ''));
        expect(await inkIn(page, 1, line), line.font).toBeGreaterThan(60);
      }
      // ZapfDingbats and Symbol come from the standard fonts shipped with the renderer, served by the host.
      expect(fetched).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^200 .*\/pdfjs-standard-fonts\/FoxitDingbats\.pfb$/),
          expect.stringMatching(/^200 .*\/pdfjs-standard-fonts\/FoxitSymbol\.pfb$/),
        ]),
      );
    },
    STEP,
  );

  it(
    'caps every page canvas at 8 megapixels at 500 % zoom, and goes back to fit width',
    async () => {
      const zoomIn = page.getByRole('button', { name: 'Zoom in' });
      for (let i = 0; i < 14; i++) await zoomIn.click();
      await expect.poll(() => page.getByTestId('zoom-value').textContent()).toBe('500%');
      // Re-drawn for the zoom (a fit-width page is under 1 MP), and within the cap (the whole page: 22 MP).
      const largest = () => page.locator('.page canvas').evaluateAll((cs: HTMLCanvasElement[]) => Math.max(0, ...cs.map((c) => c.width * c.height)));
      await expect.poll(largest, { timeout: 20_000 }).toBeGreaterThan(1_000_000);
      expect(await largest()).toBeLessThanOrEqual(2 ** 23);
      await page.getByRole('button', { name: 'Fit width' }).click();
      await expect.poll(() => page.getByTestId('zoom-value').textContent()).not.toBe('500%');
    },
    STEP,
  );

  it(
    'draws CJK text in non-embedded fonts with each predefined CMap, horizontal and vertical',
    async () => {
      await page.getByRole('tab', { name: /cjk-cmaps\.pdf/ }).click();
      await page.locator('.page[data-page-number="1"] canvas[data-rendered="true"]').waitFor();
      await page.locator('.page[data-page-number="1"] .textLayer', { hasText: 'Predefined CMaps' }).waitFor();
      const text = await layerText(page, 1);
      for (const [i, c] of CJK_CASES.entries()) {
        expect(text, c.cmap).toContain(c.text);
        expect(await inkIn(page, 1, cjkLine(i)), c.cmap).toBeGreaterThan(200);
        expect(fetched, c.cmap).toContainEqual(expect.stringMatching(new RegExp(`^200 .*/pdfjs-cmaps/${c.cmap}\\.bcmap$`)));
      }
      await expect(page.locator('.content-warning').count()).resolves.toBe(0);
      await screenshot(page, 'viewer-01-cjk-cmaps');
    },
    STEP,
  );

  describe('search with pdf.js find controller', () => {
    const search = async (query: string) => {
      await page.locator('#viewer-search').fill('');
      await expect.poll(() => page.getByTestId('search-status').textContent()).toBe('');
      await page.locator('#viewer-search').fill(query);
      await expect.poll(() => page.getByTestId('search-status').textContent(), { timeout: 15_000 }).toMatch(/of|No matches/);
      return page.getByTestId('search-status').textContent();
    };

    it.each([
      ['a phrase across a line break', 'customer acknowledgement', 1],
      ['a doubled space', 'Dynamics  365 Sales', 1],
      ['full-width digits ３６５ for 365', 'Dynamics ３６５ Sales', 1],
      ['half-width 365 for full-width digits', 'Dynamics 365', 2],
      ['zh-TW across a line break', '取得客戶確認', 1],
      ['zh-TW with full-width digits', 'Dynamics ３６５ 商務版', 1],
    ])(
      'finds %s',
      async (_name, query, count) => {
        await page.getByRole('tab', { name: /find-cases\.pdf/ }).click();
        await page.locator('.page[data-page-number="1"] .textLayer', { hasText: '商務版' }).waitFor();
        await expect(search(query)).resolves.toBe(`1 of ${count}`);
        await expect.poll(() => page.locator('.textLayer .highlight.selected').count()).toBeGreaterThan(0);
      },
      STEP,
    );

    it(
      'says when nothing matches and clears the highlights on Escape',
      async () => {
        await expect(search('nowhere in this PoE')).resolves.toBe('No matches');
        await search('客戶');
        await expect.poll(() => page.locator('.textLayer .highlight').count()).toBeGreaterThan(0);
        await screenshot(page, 'viewer-02-find-zh-TW');
        await page.locator('#viewer-search').press('Escape');
        await expect.poll(() => page.locator('.textLayer .highlight').count()).toBe(0);
      },
      STEP,
    );
  });

  it(
    'marks pages it cannot show in full, in words, and offers the system PDF reader',
    async () => {
      await page.getByRole('tab', { name: /broken-pages\.pdf/ }).click();
      const warning = page.locator('.content-warning');
      await warning.waitFor();
      await expect.poll(() => warning.textContent(), { timeout: 20_000 }).toContain('Pages affected: 2, 3.');
      await expect(page.locator('.page[data-page-number="1"] .page-notice').count()).resolves.toBe(0);
      await expect(page.locator('.page[data-page-number="2"] .page-notice').textContent()).resolves.toMatch(/^Some text on this page may not be shown: .*font/);
      await expect(page.locator('.page[data-page-number="3"] .page-notice').textContent()).resolves.toContain("part of the page's content is damaged");
      // The parser's own words never reach the reviewer.
      await expect(page.locator('#page-stage').textContent()).resolves.not.toMatch(/Illegal character|CMap data|FormatError/);
      await page.getByRole('button', { name: 'Page 2' }).click();
      await expect.poll(() => page.getByLabel('Page number').inputValue()).toBe('2');
      await screenshot(page, 'viewer-03-page-notices');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Open with system PDF reader' }).click();
      expect((await download).suggestedFilename()).toBe('broken-pages.pdf');
      await warning.getByText('The PDF was downloaded').waitFor();
    },
    STEP,
  );

  it(
    'shows one page at a time on request, and continuous pages again',
    async () => {
      await page.getByRole('tab', { name: /broken-pages\.pdf/ }).click();
      await expect.poll(() => page.locator('.pdfViewer .page').count()).toBe(3);
      await page.getByRole('button', { name: 'Single page' }).click();
      await expect.poll(() => page.locator('.pdfViewer .page:visible').count()).toBe(1);
      await page.getByRole('button', { name: 'Page 3' }).click();
      await expect.poll(() => page.locator('.pdfViewer .page:visible').getAttribute('data-page-number')).toBe('3');
      await page.getByRole('button', { name: 'Single page' }).click();
      await expect.poll(() => page.locator('.pdfViewer .page:visible').count()).toBe(3);
    },
    STEP,
  );

  it(
    'draws pages and thumbnails sharp on a 2× screen',
    async () => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1440, height: 900, deviceScaleFactor: 2, mobile: false });
      try {
        await page.getByRole('tab', { name: /standard-fonts\.pdf/ }).click();
        await page.getByRole('tab', { name: /broken-pages\.pdf/ }).click();
        const thumb = page.locator('.thumbnail canvas').first();
        await expect.poll(() => thumb.evaluate((c: HTMLCanvasElement) => c.width)).toBe(168);
        const canvas = page.locator('.page[data-page-number="1"] canvas[data-rendered="true"]').first();
        await canvas.waitFor();
        const ratio = await canvas.evaluate((c: HTMLCanvasElement) => c.width / c.getBoundingClientRect().width);
        expect(ratio).toBeGreaterThan(1.9);
      } finally {
        await cdp.send('Emulation.clearDeviceMetricsOverride');
        await cdp.detach();
      }
    },
    STEP,
  );

  it(
    'opens a PDF whose only encrypted part is an attachment, and says so of one that needs a password',
    async () => {
      await page.getByRole('tab', { name: /attachment-encrypted\.pdf/ }).click();
      await page.locator('.page[data-page-number="1"] .textLayer', { hasText: 'The PoE page is readable' }).waitFor();
      await page.locator('.page[data-page-number="1"] canvas[data-rendered="true"]').waitFor();
      await page.getByRole('tab', { name: /needs-password\.pdf/ }).click();
      const problem = page.getByRole('alert').filter({ hasText: 'needs-password.pdf cannot be shown' });
      await problem.waitFor();
      await expect(problem.textContent()).resolves.toContain('The PDF is protected by a password.');
    },
    STEP,
  );

  it(
    'shows a zh-TW PoE in a non-embedded font, in the zh-TW interface',
    async () => {
      page.setDefaultTimeout(15_000);
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByLabel('Language').selectOption('zh-TW');
      await page.getByRole('navigation', { name: '畫面' }).waitFor();
      await page.getByRole('button', { name: '審核', exact: true }).click();
      await openClaim(page, zhClaimId);
      await page.locator('.page[data-page-number="1"] .textLayer', { hasText: '客戶確認：本公司確認上述工作已完成' }).waitFor();
      const line = { text: '客戶確認：本公司確認上述工作已完成。', x: 60, y: 770 - 5 * 44, size: 20 };
      expect(await inkIn(page, 1, line)).toBeGreaterThan(500);
      await screenshot(page, 'viewer-04-zh-TW-poe');
      // The notice of a damaged page speaks the reviewer's language too.
      await openClaim(page, claimId);
      await page.getByRole('tab', { name: /broken-pages\.pdf/ }).click();
      await expect
        .poll(() => page.locator('.page[data-page-number="3"] .page-notice').textContent(), { timeout: 20_000 })
        .toBe('此頁部分文字可能未顯示：頁面的部分內容已損毀。');
      await page.locator('.content-warning').getByRole('button', { name: '以系統 PDF 閱讀器開啟' }).waitFor();
    },
    STEP,
  );
});
