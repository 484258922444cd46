// The text runs of each PDF page, read once with page.getTextContent() and kept per open document,
// for search. Indices match the text layer's textDivs (text items only, no marked content).
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { TextRun } from './text-search';

const byDocument = new WeakMap<PDFDocumentProxy, Map<number, Promise<TextRun[]>>>();

export function pageText(pdf: PDFDocumentProxy, pageNumber: number): Promise<TextRun[]> {
  let pages = byDocument.get(pdf);
  if (!pages) byDocument.set(pdf, (pages = new Map()));
  let runs = pages.get(pageNumber);
  if (!runs) {
    runs = pdf
      .getPage(pageNumber)
      .then((page) => page.getTextContent())
      .then((content) => content.items.flatMap((item) => ('str' in item ? [{ str: item.str, hasEOL: item.hasEOL }] : [])));
    pages.set(pageNumber, runs);
  }
  return runs;
}
