// A rail of page thumbnails for multi-page PDFs; each is drawn when it scrolls into view (and after the
// main view's first page, which comes first), and a
// click (or Enter) opens that page. Pages with search hits are marked. Drawn at the screen's pixel
// ratio so they stay sharp on high-DPI displays.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { RenderingCancelledException } from 'pdfjs-dist';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { afterFirstPaint } from '../../viewer/first-paint';

const THUMB_WIDTH = 84;

const Thumbnail = memo(function Thumbnail({ pdf, pageNumber }: { pdf: PDFDocumentProxy; pageNumber: number }) {
  const { t } = useTranslation();
  const current = useStore((s) => s.viewer.page === pageNumber);
  const hasHits = useStore((s) => s.viewer.hitPages.includes(pageNumber));
  const setPage = useStore((s) => s.viewer.setPage);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let cancel: (() => void) | null = null;
    let live = true;
    const draw = () => {
      void afterFirstPaint(pdf)
        .then(() => (live ? pdf.getPage(pageNumber) : Promise.reject(new Error('gone'))))
        .then(
          (page) => {
            if (!live) return;
            const ratio = Math.min(3, window.devicePixelRatio || 1);
            const viewport = page.getViewport({ scale: (THUMB_WIDTH * ratio) / page.getViewport({ scale: 1 }).width });
            canvas.width = Math.floor(viewport.width);
            canvas.height = Math.floor(viewport.height);
            const task = page.render({ canvas, viewport });
            cancel = () => task.cancel();
            task.promise.catch((e: unknown) => {
              if (!(e instanceof RenderingCancelledException)) canvas.classList.add('failed');
            });
          },
          () => {
            if (live) canvas.classList.add('failed');
          },
        );
    };
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        draw();
      }
    });
    observer.observe(canvas);
    return () => {
      live = false;
      observer.disconnect();
      cancel?.();
    };
  }, [pdf, pageNumber]);

  useEffect(() => {
    if (current) canvasRef.current?.parentElement?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  return (
    <button
      type="button"
      className={`thumbnail${current ? ' current' : ''}${hasHits ? ' has-hits' : ''}`}
      aria-current={current ? 'page' : undefined}
      onClick={() => setPage(pageNumber)}
      aria-label={t('viewer.goToPage', { page: pageNumber })}
    >
      <canvas ref={canvasRef} width={THUMB_WIDTH} height={Math.round(THUMB_WIDTH * 1.3)} />
      <span className="thumb-number">{pageNumber}</span>
    </button>
  );
});

export function PageThumbnails() {
  const { t } = useTranslation();
  const loaded = useStore((s) => s.viewer.loaded);
  if (!loaded || loaded.kind !== 'pdf' || loaded.pageCount < 2) return null;
  return (
    <nav className="thumbnails" aria-label={t('viewer.thumbnails')}>
      {Array.from({ length: loaded.pageCount }, (_, i) => (
        <Thumbnail key={`${loaded.sha256}-${i}`} pdf={loaded.pdf} pageNumber={i + 1} />
      ))}
    </nav>
  );
}
