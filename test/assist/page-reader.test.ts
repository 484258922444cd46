// The assist's PDF reader thread: every page without a usable text layer is rendered for OCR, however many
// there are (pdf.js 6 on Node 20 needs the shared polyfills; without them the second page rendered with a
// font ended the thread silently, and the whole document went unread).
import { describe, expect, it } from 'vitest';
import { readPdfPages } from '../../electron/core/assist/page-reader';
import { textPdf } from './fixtures';

describe('the assist PDF reader', () => {
  it('renders each of several pages with too little text for OCR and reads the text pages around them', async () => {
    const { bytes } = await textPdf([
      ['Proof of Execution', 'Customer company name: Wingtip Toys Ltd.'],
      ['Annex A'],
      ['Annex B'],
      ['Annex C'],
      ['Customer acknowledgement', 'Wingtip Toys confirms the engagement described above.', 'Name: Ana Lopez'],
    ]);
    const r = await readPdfPages(bytes);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.pages.map((p) => [p.page, p.items.length > 0, p.png !== null])).toEqual([
      [1, true, false],
      [2, true, true],
      [3, true, true],
      [4, true, true],
      [5, true, false],
    ]);
  });
});
