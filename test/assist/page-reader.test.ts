// The assist's PDF reader thread: every page without a usable text layer is rendered for OCR, however many
// there are (pdf.js 6 on Node 20 needs the shared polyfills; without them the second page rendered with a
// font ended the thread silently, and the whole document went unread). One thread reads a whole batch,
// survives a broken file, and is replaced when a document takes too long.
import { afterEach, describe, expect, it } from 'vitest';
import { PdfReader } from '../../electron/core/assist/page-reader';
import { textPdf } from './fixtures';

let reader: PdfReader;
afterEach(async () => {
  await reader.close();
});

describe('the assist PDF reader', () => {
  it('renders each of several pages with too little text for OCR and reads the text pages around them', async () => {
    reader = new PdfReader();
    const { bytes } = await textPdf([
      ['Proof of Execution', 'Customer company name: Wingtip Toys Ltd.'],
      ['Annex A'],
      ['Annex B'],
      ['Annex C'],
      ['Customer acknowledgement', 'Wingtip Toys confirms the engagement described above.', 'Name: Ana Lopez'],
    ]);
    const r = await reader.read(bytes);
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

  it('reads a batch of documents in one thread, a broken file among them, in the order asked', async () => {
    reader = new PdfReader();
    const docs = await Promise.all(
      ['Contoso Ltd.', 'Fabrikam Inc.', 'Northwind Traders'].map((name) =>
        textPdf([[`Customer company name: ${name}`, 'Proof of Execution of the engagement']]),
      ),
    );
    const broken = new TextEncoder().encode('%PDF-1.7 this is not a PDF at all');
    const results = await Promise.all([reader.read(docs[0]!.bytes), reader.read(broken), reader.read(docs[1]!.bytes), reader.read(docs[2]!.bytes)]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    expect(results.map((r) => (r.ok ? r.pages[0]!.items[0]!.str : 'broken'))).toEqual([
      'Customer company name: Contoso Ltd.',
      'broken',
      'Customer company name: Fabrikam Inc.',
      'Customer company name: Northwind Traders',
    ]);
    expect(reader.threadsStarted).toBe(1);
  });

  it('gives up on a document that takes too long and reads the next one in a fresh thread', async () => {
    reader = new PdfReader();
    const { bytes } = await textPdf([['Customer company name: Wingtip Toys Ltd.', 'Proof of Execution of the engagement']]);
    // no document is read in 1 ms (pdf.js is not even loaded yet): the thread is ended
    const late = await reader.read(bytes, { timeoutMs: 1 });
    expect(late).toEqual({ ok: false, error: 'the document was not read in time' });
    const next = await reader.read(bytes);
    expect(next.ok).toBe(true);
    expect(reader.threadsStarted).toBe(2);
  });

  it('ends an idle thread, and the next document starts another', async () => {
    reader = new PdfReader({ idleMs: 50 });
    const { bytes } = await textPdf([['Customer company name: Wingtip Toys Ltd.', 'Proof of Execution of the engagement']]);
    expect((await reader.read(bytes)).ok).toBe(true);
    await expect.poll(() => reader.running, { timeout: 5_000 }).toBe(false);
    expect((await reader.read(bytes)).ok).toBe(true);
    expect(reader.threadsStarted).toBe(2);
  });
});
