// A document's text with positions, page by page: the PDF text layer where it is usable, OCR for pages
// without one (scans) and for PNG/JPEG documents. The expensive part of the assist, so its result is
// stored per document hash (assist-store.ts). One DocumentReader serves a whole batch: its PDF reader thread
// loads pdf.js once, and OCR (tesseract.js and its models) starts only when a page needs it.
import type { PageText } from '../../../shared/domain/assist';
import { Ocr } from './ocr';
import { PdfReader } from './page-reader';

export interface ExtractedDocument {
  pages: PageText[];
  text: 'layer' | 'ocr' | 'mixed' | 'none';
  error: string | null;
}

/** Width and height in pixels of a PNG or JPEG, or null. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length > 24 && v.getUint32(0) === 0x89504e47) return { width: v.getUint32(16), height: v.getUint32(20) };
  if (bytes.length > 4 && v.getUint16(0) === 0xffd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1]!;
      const len = v.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { height: v.getUint16(i + 5), width: v.getUint16(i + 7) };
      i += 2 + len;
    }
  }
  return null;
}

export class DocumentReader {
  readonly pdf = new PdfReader();
  readonly ocr: Ocr;

  /** `langDir`: where the OCR language files are put side by side (only once a page needs OCR). */
  constructor(langDir: string) {
    this.ocr = new Ocr(langDir);
  }

  async read(bytes: Uint8Array, mediaType: string): Promise<ExtractedDocument> {
    if (mediaType === 'image/png' || mediaType === 'image/jpeg') {
      const size = imageSize(bytes);
      if (!size) return { pages: [], text: 'none', error: 'the image could not be read' };
      // an image is one page whose points are its pixels
      const { items } = await this.ocr.words(bytes, 1, size.height);
      return { pages: [{ page: 1, width: size.width, height: size.height, source: 'ocr', items }], text: items.length ? 'ocr' : 'none', error: null };
    }
    const read = await this.pdf.read(bytes);
    if (!read.ok) return { pages: [], text: 'none', error: read.error };
    const pages: PageText[] = [];
    for (const p of read.pages) {
      if (p.png) {
        const { items } = await this.ocr.words(p.png, p.scale, p.height);
        pages.push({ page: p.page, width: p.width, height: p.height, source: 'ocr', items });
      } else pages.push({ page: p.page, width: p.width, height: p.height, source: 'layer', items: p.items });
    }
    const kinds = new Set(pages.filter((p) => p.items.length > 0).map((p) => p.source));
    const text = kinds.size === 2 ? 'mixed' : kinds.has('ocr') ? 'ocr' : kinds.has('layer') ? 'layer' : 'none';
    return { pages, text, error: null };
  }

  async close(): Promise<void> {
    await Promise.all([this.pdf.close(), this.ocr.close()]);
  }
}
