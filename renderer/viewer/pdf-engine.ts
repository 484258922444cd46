// pdf.js for PoE documents: the worker is bundled with the app (never fetched from a network), one
// shared worker, XFA off and no scripting (pdf.js 6 has no eval code path at all; no scripting manager
// is ever created, so PDF JavaScript has nowhere to run). Its CMaps, standard fonts, WebAssembly image
// decoders and ICC profiles come from the app's own pdfjs-*/ folders (vite.config.ts), so CJK text in
// non-embedded fonts and the 14 standard fonts render; the CSP allows compiling WebAssembly, never eval().
import { GlobalWorkerOptions, InvalidPDFException, PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { pdfOpenOptions, type DocumentInitParameters } from './pdf-open-options';

GlobalWorkerOptions.workerSrc = workerUrl;

let worker: PDFWorker | null = null;

export type PdfFailure = 'invalid' | 'password' | 'unreadable';

export class PdfOpenError extends Error {
  constructor(
    readonly failure: PdfFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PdfOpenError';
  }
}

/** Starts pdf.js's worker (loading and compiling its 1.3 MB script) ahead of the first PoE: at sign-in. */
export function preparePdf(): void {
  worker ??= new PDFWorker();
}

/** The options every document is opened with; `strict` makes parse errors reject instead of being skipped. */
export function pdfOptions(strict = false): DocumentInitParameters {
  worker ??= new PDFWorker();
  return { ...pdfOpenOptions(document.baseURI, strict), worker };
}

/** Opens PDF bytes; the bytes are copied, since pdf.js transfers its input to the worker. */
export async function openPdf(bytes: Uint8Array, strict = false): Promise<PDFDocumentProxy> {
  const task = getDocument({ ...pdfOptions(strict), data: bytes.slice(), enableXfa: false });
  try {
    return await task.promise;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'PasswordException') throw new PdfOpenError('password', message);
    if (error instanceof InvalidPDFException) throw new PdfOpenError('invalid', message);
    throw new PdfOpenError('unreadable', message);
  }
}

/** Closes a document opened with openPdf (pdf.js 6 closes through its loading task). */
export function closePdf(pdf: PDFDocumentProxy): Promise<void> {
  return pdf.loadingTask.destroy();
}
