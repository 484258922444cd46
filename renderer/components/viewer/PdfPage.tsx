// One PDF page: drawn on a canvas by pdf.js at the zoom and rotation chosen, with pdf.js's text
// layer over it (selectable text, search hits highlighted, the active hit scrolled into view).
import { RenderingCancelledException, TextLayer, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { EvidenceHighlight } from '../assist/EvidenceHighlight';
import { fitScale } from '../../viewer/fit';
import { applyHighlights } from '../../viewer/highlights';
import type { SearchHit } from '../../viewer/text-search';

const NO_HITS: { hit: SearchHit; active: boolean }[] = [];

export function PdfPage({ pdf, pageNumber, box }: { pdf: PDFDocumentProxy; pageNumber: number; box: { width: number; height: number } }) {
  const { t } = useTranslation();
  const zoom = useStore((s) => s.viewer.zoom);
  const custom = useStore((s) => s.viewer.scale);
  const rotation = useStore((s) => s.viewer.rotation);
  const reportScale = useStore((s) => s.viewer.reportScale);
  const allHits = useStore((s) => s.viewer.hits);
  const activeHit = useStore((s) => s.viewer.activeHit);
  const [page, setPage] = useState<PDFPageProxy | null>(null);
  const [textVersion, setTextVersion] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<TextLayer | null>(null);

  useEffect(() => {
    let live = true;
    setFailed(null);
    pdf.getPage(pageNumber).then(
      (p) => live && setPage(p),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [pdf, pageNumber]);

  const current = page && page.pageNumber === pageNumber ? page : null;
  const rot = current ? (current.rotate + rotation) % 360 : 0;
  const base = useMemo(() => current?.getViewport({ scale: 1, rotation: rot }) ?? null, [current, rot]);
  const scale = base ? fitScale(base, box, zoom, custom) : custom;
  const viewport = useMemo(() => current?.getViewport({ scale, rotation: rot }) ?? null, [current, scale, rot]);

  useEffect(() => {
    if (base) reportScale(scale);
  }, [base, scale, reportScale]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!current || !viewport || !canvas) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    const task = current.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
    task.promise.then(
      () => canvas.setAttribute('data-rendered', 'true'),
      (e: unknown) => {
        if (!(e instanceof RenderingCancelledException)) setFailed(e instanceof Error ? e.message : String(e));
      },
    );
    canvas.removeAttribute('data-rendered');
    return () => task.cancel();
  }, [current, viewport]);

  useEffect(() => {
    const container = textRef.current;
    if (!current || !viewport || !container) return;
    container.replaceChildren();
    layerRef.current = null;
    const layer = new TextLayer({ textContentSource: current.streamTextContent(), container, viewport });
    layer.render().then(
      () => {
        layerRef.current = layer;
        setTextVersion((v) => v + 1);
      },
      () => undefined, // cancelled by a newer render
    );
    return () => layer.cancel();
  }, [current, viewport]);

  const pageHits = useMemo(() => {
    const mine = allHits.map((hit, i) => ({ hit, active: i === activeHit })).filter((h) => h.hit.page === pageNumber);
    return mine.length ? mine : NO_HITS;
  }, [allHits, activeHit, pageNumber]);

  useEffect(() => {
    const layer = layerRef.current;
    if (!layer) return;
    const selected = applyHighlights(layer.textDivs, layer.textContentItemsStr, pageHits);
    selected?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }, [pageHits, textVersion]);

  if (failed) {
    return (
      <div className="document-problem" role="alert">
        <p>{t('viewer.pageFailed', { page: pageNumber })}</p>
        <code className="small muted">{failed}</code>
      </div>
    );
  }
  if (!viewport || !current) return <p className="empty-state">{t('viewer.loading')}</p>;
  const frameStyle = {
    width: viewport.width,
    height: viewport.height,
    '--scale-factor': viewport.scale,
    '--total-scale-factor': viewport.scale * current.userUnit,
  } as CSSProperties;
  return (
    <div className="page-frame pdf-page" style={frameStyle} data-page-number={pageNumber}>
      <canvas ref={canvasRef} style={{ width: viewport.width, height: viewport.height }} aria-label={t('viewer.pageImage', { page: pageNumber })} role="img" />
      <div ref={textRef} className="textLayer" />
      <EvidenceHighlight page={pageNumber} toCss={(r) => [...viewport.convertToViewportPoint(r[0] + viewport.viewBox[0]!, r[1] + viewport.viewBox[1]!), ...viewport.convertToViewportPoint(r[2] + viewport.viewBox[0]!, r[3] + viewport.viewBox[1]!)] as number[]} />
    </div>
  );
}
