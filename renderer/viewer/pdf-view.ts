// pdf.js's own viewer components for the PoE on screen: PDFViewer (continuous pages, or one page at
// a time), PDFFindController (NFKC, line breaks, hyphenation, CJK), EventBus, PDFLinkService with
// external links disabled, the text layer and a display-only annotation layer. Our toolbar drives it.
import 'pdfjs-dist/web/pdf_viewer.css';
import '../styles/viewer.css';
import { AnnotationMode, type PDFDocumentProxy } from 'pdfjs-dist';
import { EventBus, FindState, PDFFindController, PDFLinkService, PDFViewer, ScrollMode } from 'pdfjs-dist/web/pdf_viewer.mjs';

export type PageLayout = 'continuous' | 'single';
export type ZoomSetting = 'fit-width' | 'fit-page' | number;

/** At most 8 megapixels (32 MB) per page canvas, whatever the zoom and screen; pdf.js draws a detail
 *  canvas for the visible part beyond that, so 500 % on a 2× display stays sharp and bounded. */
export const MAX_CANVAS_PIXELS = 2 ** 23;

export interface FindResult {
  current: number;
  total: number;
  pending: boolean;
  pagesWithHits: number[];
}

export interface PdfViewListener {
  pageChanged(page: number): void;
  scaleChanged(scale: number): void;
  pageRendered(page: number, failed: boolean): void;
  findChanged(result: FindResult): void;
}

interface PageView {
  id: number;
  div: HTMLDivElement;
  canvas?: HTMLCanvasElement | null;
  viewport: { viewBox: number[]; convertToViewportPoint(x: number, y: number): number[] };
}

/** A rectangle in PDF page space (points from the page's viewBox origin, y up): PoE assist evidence. */
export interface PageHighlight {
  page: number;
  rect: [number, number, number, number];
}

const shown: { view: PdfView | null } = { view: null };
/** The PDF view on screen, if any: the viewer slice's actions reach pdf.js through it. */
export const activePdfView = (): PdfView | null => shown.view;

export class PdfView {
  readonly bus = new EventBus();
  private readonly links: PDFLinkService;
  private readonly finder: PDFFindController;
  private readonly viewer: PDFViewer;
  private ready = false;
  private zoom: ZoomSetting = 'fit-width';
  private rotation = 0;
  private page = 1;
  private notices = new Map<number, string>();
  private highlight: PageHighlight | null = null;
  /** The document on screen (its sha256): each painted canvas carries it, so a paint is never taken for another's. */
  private documentId = '';

  constructor(
    container: HTMLDivElement,
    viewerElement: HTMLDivElement,
    private readonly listener: PdfViewListener,
  ) {
    this.links = new PDFLinkService({ eventBus: this.bus });
    this.links.externalLinkEnabled = false;
    this.finder = new PDFFindController({ linkService: this.links, eventBus: this.bus, updateMatchesCountOnProgress: true });
    this.viewer = new PDFViewer({
      container,
      viewer: viewerElement,
      eventBus: this.bus,
      linkService: this.links,
      findController: this.finder,
      textLayerMode: 1,
      annotationMode: AnnotationMode.ENABLE,
      maxCanvasPixels: MAX_CANVAS_PIXELS,
      enableAutoLinking: false,
      imagesRightClickMinSize: -1,
    });
    this.links.setViewer(this.viewer);
    this.bus.on('pagesinit', () => {
      this.ready = true;
      this.applyZoom();
      this.viewer.pagesRotation = this.rotation;
      if (this.page !== 1) this.viewer.currentPageNumber = this.page;
      this.markCurrent(this.viewer.currentPageNumber);
    });
    this.bus.on('pagechanging', ({ pageNumber }: { pageNumber: number }) => {
      this.page = pageNumber;
      this.markCurrent(pageNumber);
      this.listener.pageChanged(pageNumber);
    });
    this.bus.on('scalechanging', ({ scale }: { scale: number }) => this.listener.scaleChanged(scale));
    this.bus.on('pagerendered', ({ source, pageNumber, error }: { source: PageView; pageNumber: number; error: unknown }) => {
      const canvas = source.div.querySelector('canvas');
      canvas?.setAttribute('data-rendered', 'true');
      canvas?.setAttribute('data-document', this.documentId);
      this.placeNotice(pageNumber);
      this.placeHighlight(pageNumber);
      this.listener.pageRendered(pageNumber, Boolean(error));
    });
    // The text layers stay out of the Tab order (the scrolling container is the one stop for the pages).
    this.bus.on('textlayerrendered', ({ source }: { source: PageView }) => source.div.querySelector('.textLayer')?.setAttribute('tabindex', '-1'));
    const onFind = ({ matchesCount, state }: { matchesCount?: { current: number; total: number }; state?: number }) => {
      const pages = this.finder.pageMatches as unknown[][] | undefined;
      this.listener.findChanged({
        current: matchesCount?.current ?? 0,
        total: matchesCount?.total ?? 0,
        pending: state === FindState.PENDING,
        pagesWithHits: (pages ?? []).flatMap((m, i) => (m && m.length > 0 ? [i + 1] : [])),
      });
    };
    this.bus.on('updatefindmatchescount', onFind);
    this.bus.on('updatefindcontrolstate', onFind);
    shown.view = this;
  }

  open(pdf: PDFDocumentProxy, documentId: string): void {
    this.ready = false;
    this.documentId = documentId;
    this.viewer.setDocument(pdf);
    this.links.setDocument(pdf, null);
  }

  destroy(): void {
    if (shown.view === this) shown.view = null;
    this.viewer.setDocument(null as unknown as PDFDocumentProxy);
    this.links.setDocument(null, null);
  }

  setLayout(layout: PageLayout): void {
    this.viewer.scrollMode = layout === 'single' ? ScrollMode.PAGE : ScrollMode.VERTICAL;
  }

  setZoom(zoom: ZoomSetting): void {
    this.zoom = zoom;
    if (this.ready) this.applyZoom();
  }

  setRotation(rotation: number): void {
    this.rotation = rotation;
    if (this.ready) this.viewer.pagesRotation = rotation;
  }

  goToPage(page: number): void {
    this.page = page;
    if (this.ready && this.viewer.currentPageNumber !== page) this.viewer.currentPageNumber = page;
  }

  /** Finds `query` (a new search, or the next/previous match of the current one), all matches highlighted. */
  find(query: string, again = false, previous = false): void {
    this.bus.dispatch('find', {
      source: this,
      type: again ? 'again' : '',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: previous,
      matchDiacritics: false,
    });
  }

  clearFind(): void {
    this.bus.dispatch('findbarclose', { source: this });
  }

  /** A visible notice drawn over the top of each listed page (kept across re-renders). */
  setNotices(notices: Map<number, string>): void {
    this.notices = notices;
    for (let i = 0; i < this.viewer.pagesCount; i++) this.placeNotice(i + 1);
  }

  private placeNotice(pageNumber: number): void {
    const view = this.viewer.getPageView(pageNumber - 1) as PageView | undefined;
    if (!view) return;
    const text = this.notices.get(pageNumber);
    let el = view.div.querySelector<HTMLElement>(':scope > .page-notice');
    view.div.classList.toggle('has-notice', Boolean(text));
    if (!text) return el?.remove();
    if (!el) {
      el = document.createElement('div');
      el.className = 'page-notice';
      el.setAttribute('role', 'note');
      view.div.append(el);
    }
    el.textContent = text;
  }

  /** Outlines `highlight` on its page (kept across re-renders at other zooms); null removes it. */
  setHighlight(highlight: PageHighlight | null): void {
    const before = this.highlight?.page;
    this.highlight = highlight;
    if (before !== undefined) this.placeHighlight(before);
    if (highlight) {
      this.placeHighlight(highlight.page);
      this.goToPage(highlight.page);
    }
  }

  private placeHighlight(pageNumber: number): void {
    const view = this.viewer.getPageView(pageNumber - 1) as PageView | undefined;
    if (!view) return;
    let el = view.div.querySelector<HTMLElement>(':scope > .evidence-highlight');
    const h = this.highlight?.page === pageNumber ? this.highlight : null;
    if (!h) return el?.remove();
    if (!el) {
      el = document.createElement('div');
      el.className = 'evidence-highlight';
      el.dataset.testid = 'evidence-highlight';
      view.div.append(el);
    }
    const [ox = 0, oy = 0] = view.viewport.viewBox;
    const [a, b] = view.viewport.convertToViewportPoint(h.rect[0] + ox, h.rect[1] + oy) as [number, number];
    const [c, d] = view.viewport.convertToViewportPoint(h.rect[2] + ox, h.rect[3] + oy) as [number, number];
    const pad = 3;
    Object.assign(el.style, {
      left: `${Math.min(a, c) - pad}px`,
      top: `${Math.min(b, d) - pad}px`,
      width: `${Math.abs(c - a) + 2 * pad}px`,
      height: `${Math.abs(d - b) + 2 * pad}px`,
    });
  }

  private applyZoom(): void {
    this.viewer.currentScaleValue = this.zoom === 'fit-width' ? 'page-width' : this.zoom === 'fit-page' ? 'page-fit' : String(this.zoom);
  }

  /** The page on screen carries .pdf-page (what the reviewer is looking at). */
  private markCurrent(pageNumber: number): void {
    for (let i = 0; i < this.viewer.pagesCount; i++) {
      (this.viewer.getPageView(i) as PageView | undefined)?.div.classList.toggle('pdf-page', i === pageNumber - 1);
    }
  }
}
