// The main view's first page painted, per PDF: work that can wait (page thumbnails) starts after it, so
// the page the reviewer reads is drawn first instead of sharing pdf.js's one worker with the rail.
import type { PDFDocumentProxy } from 'pdfjs-dist';

/** Longest wait for the main view (a document shown without it, or one that never paints). */
const GIVE_UP_MS = 3_000;

const painted = new WeakMap<PDFDocumentProxy, { promise: Promise<void>; resolve: () => void }>();

function entry(pdf: PDFDocumentProxy) {
  let e = painted.get(pdf);
  if (!e) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    e = { promise, resolve };
    painted.set(pdf, e);
  }
  return e;
}

/** The main view painted a page of `pdf` (or failed to: either way it is done with it). */
export function markPainted(pdf: PDFDocumentProxy): void {
  entry(pdf).resolve();
}

/** Settles once the main view has painted a page of `pdf`, or after GIVE_UP_MS. */
export function afterFirstPaint(pdf: PDFDocumentProxy): Promise<void> {
  return Promise.race([entry(pdf).promise, new Promise<void>((r) => setTimeout(r, GIVE_UP_MS))]);
}
