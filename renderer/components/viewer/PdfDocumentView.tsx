// A PDF PoE in pdf.js's own viewer (renderer/viewer/pdf-view.ts), wired both ways to the viewer slice:
// the toolbar's page, zoom, rotation, layout and search reach pdf.js; its page, scale and matches come
// back. Once the first page is painted, the pages are checked for content pdf.js could not show.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { markPainted } from '../../viewer/first-paint';
import { inspectPdf, type PageProblem } from '../../viewer/page-problems';
import { PdfView } from '../../viewer/pdf-view';

export function PdfDocumentView({ sha256, pdf, bytes, pageCount }: { sha256: string; pdf: PDFDocumentProxy; bytes: Uint8Array; pageCount: number }) {
  const { t } = useTranslation('viewer');
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<PdfView | null>(null);
  const problems = useStore((s) => s.viewer.pageProblems);
  // PoE assist evidence the reviewer opened, when it is on this document.
  const sha = useStore((s) => s.viewer.documents[s.viewer.index]?.sha256);
  const evidence = useStore((s) => s.viewer.evidence);

  useEffect(() => {
    const container = containerRef.current;
    const viewerElement = viewerRef.current;
    if (!container || !viewerElement) return;
    const store = useStore.getState;
    let live = true;
    let inspected = false;
    const view = new PdfView(container, viewerElement, {
      pageChanged: (page) => store().viewer.reportPage(page),
      scaleChanged: (scale) => store().viewer.reportScale(scale),
      findChanged: (result) => store().viewer.reportFind(result),
      pageRendered: (page, failed) => {
        if (failed) store().viewer.reportProblems(page, ['content']);
        if (inspected) return;
        inspected = true;
        markPainted(pdf);
        const { query } = store().viewer;
        if (query.trim()) view.find(query.trim());
        // After the first paint, so the reviewer never waits for the check.
        setTimeout(() => {
          void inspectPdf(
            bytes,
            pageCount,
            () => !live,
            (p, found) => store().viewer.reportProblems(p, found),
          ).then((report) => {
            if (live && report.xfa) store().viewer.reportProblems(1, ['xfa']);
          });
        }, 0);
      },
    });
    viewRef.current = view;
    const v = store().viewer;
    view.setLayout(v.layout);
    view.setZoom(v.zoom === 'custom' ? v.scale : v.zoom);
    view.setRotation(v.rotation);
    view.open(pdf, sha256);
    return () => {
      live = false;
      viewRef.current = null;
      view.destroy();
    };
  }, [sha256, pdf, bytes, pageCount]);

  useEffect(() => {
    const notices = new Map<number, string>();
    for (const [page, list] of Object.entries(problems) as [string, PageProblem[]][]) {
      if (list.length > 0) notices.set(Number(page), t('pageNotice', { reasons: list.map((p) => t(`reason.${p}`)).join(t('reasonSeparator')) }));
    }
    viewRef.current?.setNotices(notices);
  }, [problems, t]);

  useEffect(() => {
    const onThis = evidence && evidence.rect && evidence.sha256 === sha ? { page: evidence.page, rect: evidence.rect } : null;
    viewRef.current?.setHighlight(onThis);
  }, [evidence, sha, pdf]);

  return (
    <div ref={containerRef} className="pdf-container" tabIndex={0} role="region" aria-label={t('pages')}>
      <div ref={viewerRef} className="pdfViewer" />
    </div>
  );
}
