// Problems pdf.js skips silently when it draws a page (stopAtErrors off): a font that could not be
// loaded, a predefined CMap that is missing, a broken content stream, an XFA form it does not show.
// Found by reading each page once more from a strict copy of the document, after the first page is shown.
import { OPS, type PDFDocumentProxy } from 'pdfjs-dist';
import { closePdf, openPdf } from './pdf-engine';

export type PageProblem = 'font' | 'cmap' | 'content' | 'xfa';

export interface ProblemReport {
  /** Pages (1-based) with what may be missing on each. */
  pages: Map<number, PageProblem[]>;
  /** The document carries an XFA form (not shown: only its static page content is). */
  xfa: boolean;
}

const fontProblem = (error: string): PageProblem => (/cmap/i.test(error) ? 'cmap' : 'font');

async function pageProblems(pdf: PDFDocumentProxy, pageNumber: number): Promise<PageProblem[]> {
  const found = new Set<PageProblem>();
  try {
    const page = await pdf.getPage(pageNumber);
    // Strict text extraction parses the whole content stream and rejects at the first error (a strict
    // operator list would resolve with the part read before it).
    await page.getTextContent();
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== OPS.setFont) continue;
      const id = (ops.argsArray[i] as unknown[] | undefined)?.[0];
      if (typeof id !== 'string' || !page.commonObjs.has(id)) continue;
      const font: unknown = page.commonObjs.get(id);
      // pdf.js resolves a font it could not translate to the error's text instead of a font object.
      if (typeof font === 'string') found.add(fontProblem(font));
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    found.add(/cmap/i.test(message) ? 'cmap' : /font/i.test(message) ? 'font' : 'content');
  }
  return [...found];
}

/** Reads every page strictly; `onPage` hears about each page with problems as soon as it is known. */
export async function inspectPdf(
  bytes: Uint8Array,
  pageCount: number,
  isCancelled: () => boolean,
  onPage: (page: number, problems: PageProblem[]) => void,
): Promise<ProblemReport> {
  const report: ProblemReport = { pages: new Map(), xfa: false };
  let strict: PDFDocumentProxy;
  try {
    strict = await openPdf(bytes, true);
  } catch {
    return report; // the lenient copy opened; a strict open failing says nothing about one page
  }
  try {
    const meta = await strict.getMetadata().catch(() => null);
    report.xfa = Boolean((meta?.info as { IsXFAPresent?: boolean } | undefined)?.IsXFAPresent);
    for (let p = 1; p <= Math.min(pageCount, strict.numPages) && !isCancelled(); p++) {
      const problems = await pageProblems(strict, p);
      if (problems.length === 0 || isCancelled()) continue;
      report.pages.set(p, problems);
      onPage(p, problems);
    }
  } finally {
    await closePdf(strict).catch(() => undefined);
  }
  return report;
}
