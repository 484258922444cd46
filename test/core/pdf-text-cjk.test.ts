// The workstation's PDF text reader in Node reads what the viewer shows: CJK text in non-embedded
// fonts through pdf.js's predefined CMaps (horizontal and vertical) and the 14 standard fonts, with the
// shared Node options (electron/core/pdfjs-node.ts) — without them this text comes back empty.
import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../../electron/core/pdf-text';
import { loadPdfjsNode, pdfjsNodeOptions } from '../../electron/core/pdfjs-node';
import { CJK_CASES, STANDARD_LINES, brokenPdf, cjkPdf, standardFontsPdf, zhTwPoe } from '../e2e/pdf-fixtures';

describe('PoE text in Node', () => {
  it('reads CJK text in non-embedded fonts with every predefined CMap', async () => {
    const result = await extractPdfText(cjkPdf());
    expect(result.ok).toBe(true);
    const text = result.ok ? result.pages[0]!.replace(/\s+/g, '') : '';
    for (const c of CJK_CASES) expect(text, c.cmap).toContain(c.text);
  });

  it('reads a zh-TW PoE written the way Office writes it (MSung-Light, UniCNS-UCS2-H)', async () => {
    const result = await extractPdfText(zhTwPoe());
    expect(result.ok && result.pages[0]).toContain('客戶確認：本公司確認上述工作已完成。');
  });

  it('reads the 14 standard fonts, not embedded', async () => {
    const result = await extractPdfText(await standardFontsPdf());
    const text = result.ok ? result.pages[0]! : '';
    for (const line of STANDARD_LINES.filter((l) => l.font.startsWith('Courier') || l.font.startsWith('Helvetica') || l.font.startsWith('Times')))
      expect(text).toContain(line.text);
  });

  it('gives other Node callers the same options: lenient by default, strict on request (a broken content stream rejects)', async () => {
    const pdfjs = await loadPdfjsNode();
    const task = pdfjs.getDocument({ ...pdfjsNodeOptions(), data: brokenPdf() });
    const doc = await task.promise;
    const strict = pdfjs.getDocument({ ...pdfjsNodeOptions(), stopAtErrors: true, data: brokenPdf() });
    try {
      expect((await (await doc.getPage(1)).getTextContent()).items.length).toBeGreaterThan(0);
      await expect((await (await strict.promise).getPage(3)).getTextContent()).rejects.toThrow(/Illegal character/);
    } finally {
      await task.destroy();
      await strict.destroy();
    }
  });
});
