// Viewer slice: which PoE document of the open claim is shown, its page, zoom, rotation, page layout,
// text search and the problems found on its pages. Loading goes through the document cache; pdf.js's
// viewer (renderer/viewer/pdf-view.ts) draws PDFs and reports back pages, scale and search matches.
import type { DocumentRef } from '../../shared/contracts';
import {
  DocumentLoadError,
  forgetDocument,
  loadDocument,
  pinDocuments,
  warmFirstPage,
  type DocumentFailure,
  type LoadedDocument,
} from '../viewer/document-cache';
import type { PageProblem } from '../viewer/page-problems';
import { activePdfView, type FindResult, type PageLayout } from '../viewer/pdf-view';
import type { SliceContext } from './slice';

export type ZoomMode = 'fit-width' | 'fit-page' | 'custom';

export interface ViewerSlice {
  documents: DocumentRef[];
  index: number;
  loaded: LoadedDocument | null;
  status: 'empty' | 'loading' | 'ready' | 'error';
  failure: DocumentFailure | null;
  page: number;
  zoom: ZoomMode;
  /** The scale in use, reported by the page view in fit modes and set directly in custom mode. */
  scale: number;
  rotation: number;
  layout: PageLayout;
  query: string;
  searching: boolean;
  searched: boolean;
  /** Matches of the query in the document (pdf.js's find controller), the active one 0-based. */
  hitCount: number;
  activeHit: number;
  hitPages: number[];
  /** Pages whose content pdf.js may not show in full, and why. */
  pageProblems: Record<number, PageProblem[]>;
  showDocuments(documents: DocumentRef[]): void;
  selectDocument(index: number): void;
  retry(): void;
  prefetch(document: DocumentRef): void;
  setPage(page: number): void;
  nextPage(): void;
  previousPage(): void;
  zoomIn(): void;
  zoomOut(): void;
  setZoom(mode: Exclude<ZoomMode, 'custom'>): void;
  reportScale(scale: number): void;
  reportPage(page: number): void;
  reportFind(result: FindResult): void;
  reportProblems(page: number, problems: PageProblem[]): void;
  rotate(): void;
  setLayout(layout: PageLayout): void;
  setQuery(query: string): void;
  search(): Promise<void>;
  nextHit(): void;
  previousHit(): void;
  clearSearch(): void;
  // ── PoE assist evidence (kept apart from the viewer's own state) ──
  /** The evidence the reviewer opened: drawn as a highlight on its page while that page is shown. */
  evidence: { sha256: string; page: number; rect: [number, number, number, number] | null } | null;
  /** Shows a document of the claim at a page with a rectangle highlighted. */
  showEvidence(evidence: { sha256: string; page: number; rect: [number, number, number, number] | null }): void;
}

const ZOOM_STEP = 1.2;
const MIN_SCALE = 0.25;
const MAX_SCALE = 5;
const LAYOUT_KEY = 'poe.viewer.layout';
const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.round(s * 100) / 100));

const cleared = { query: '', searching: false, searched: false, hitCount: 0, activeHit: 0, hitPages: [] as number[] };
const noMatches = { searching: false, searched: false, hitCount: 0, activeHit: 0, hitPages: [] as number[] };

function savedLayout(): PageLayout {
  try {
    return globalThis.localStorage?.getItem(LAYOUT_KEY) === 'single' ? 'single' : 'continuous';
  } catch {
    return 'continuous';
  }
}

export function createViewerSlice({ patch, get }: SliceContext): ViewerSlice {
  let loadToken = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const view = () => activePdfView();
  const zoomSetting = () => {
    const v = get().viewer;
    return v.zoom === 'custom' ? v.scale : v.zoom;
  };

  const show = (index: number) => {
    const ref = get().viewer.documents[index];
    const mine = ++loadToken;
    if (!ref) {
      patch('viewer', { index: 0, loaded: null, status: 'empty', failure: null, page: 1, rotation: 0, pageProblems: {}, ...cleared });
      return;
    }
    const keepQuery = get().viewer.query;
    patch('viewer', { index, loaded: null, status: 'loading', failure: null, page: 1, rotation: 0, pageProblems: {}, ...noMatches });
    loadDocument(ref).then(
      (loaded) => {
        if (mine !== loadToken) return;
        patch('viewer', { loaded, status: 'ready' });
        // The PDF view runs the kept query once its pages exist (PdfDocumentView).
        if (!keepQuery.trim() || loaded.kind !== 'pdf') patch('viewer', noMatches);
      },
      (error: unknown) => {
        if (mine !== loadToken) return;
        const failure = error instanceof DocumentLoadError ? error.failure : { reason: 'unreadable' as const, detail: String(error) };
        patch('viewer', { status: 'error', failure });
      },
    );
  };

  const findAgain = (previous: boolean) => {
    const { query, searched, hitCount } = get().viewer;
    if (!searched || hitCount === 0) return;
    view()?.find(query.trim(), true, previous);
  };

  return {
    documents: [],
    index: 0,
    loaded: null,
    status: 'empty',
    failure: null,
    page: 1,
    zoom: 'fit-width',
    scale: 1,
    rotation: 0,
    layout: savedLayout(),
    pageProblems: {},
    ...cleared,
    evidence: null,

    showEvidence(evidence) {
      const index = get().viewer.documents.findIndex((d) => d.sha256 === evidence.sha256);
      if (index < 0) return;
      if (index !== get().viewer.index || get().viewer.status === 'error') show(index);
      patch('viewer', { evidence, page: evidence.page });
    },

    showDocuments(documents) {
      pinDocuments(documents.map((d) => d.sha256));
      patch('viewer', { documents, ...cleared });
      show(0);
    },

    selectDocument(index) {
      if (index === get().viewer.index && get().viewer.status !== 'error') return;
      show(index);
    },

    retry() {
      const ref = get().viewer.documents[get().viewer.index];
      if (ref) forgetDocument(ref.sha256);
      show(get().viewer.index);
    },

    prefetch(document) {
      // opened, and its page 1 prepared offscreen; a failure is shown (with its reason) when the claim opens
      void warmFirstPage(document);
    },

    setPage(page) {
      const count = get().viewer.loaded?.pageCount ?? 1;
      const next = Math.min(count, Math.max(1, Math.round(page)));
      patch('viewer', { page: next });
      view()?.goToPage(next);
    },
    nextPage() {
      get().viewer.setPage(get().viewer.page + 1);
    },
    previousPage() {
      get().viewer.setPage(get().viewer.page - 1);
    },

    zoomIn() {
      patch('viewer', (v) => ({ zoom: 'custom' as const, scale: clampScale(v.scale * ZOOM_STEP) }));
      view()?.setZoom(zoomSetting());
    },
    zoomOut() {
      patch('viewer', (v) => ({ zoom: 'custom' as const, scale: clampScale(v.scale / ZOOM_STEP) }));
      view()?.setZoom(zoomSetting());
    },
    setZoom(zoom) {
      patch('viewer', { zoom });
      view()?.setZoom(zoom);
    },
    reportScale(scale) {
      if (get().viewer.zoom !== 'custom' && Math.abs(scale - get().viewer.scale) > 0.001) patch('viewer', { scale });
    },
    reportPage(page) {
      if (page !== get().viewer.page) patch('viewer', { page });
    },
    reportFind({ current, total, pending, pagesWithHits }) {
      if (!get().viewer.query.trim()) return;
      patch('viewer', { searching: pending, searched: !pending || total > 0, hitCount: total, activeHit: Math.max(0, current - 1), hitPages: pagesWithHits });
    },
    reportProblems(page, problems) {
      patch('viewer', (v) => ({ pageProblems: { ...v.pageProblems, [page]: [...new Set([...(v.pageProblems[page] ?? []), ...problems])] } }));
    },
    rotate() {
      patch('viewer', (v) => ({ rotation: (v.rotation + 90) % 360 }));
      view()?.setRotation(get().viewer.rotation);
    },
    setLayout(layout) {
      patch('viewer', { layout });
      view()?.setLayout(layout);
      try {
        globalThis.localStorage?.setItem(LAYOUT_KEY, layout);
      } catch {
        // a profile without storage keeps the choice for this session only
      }
    },

    setQuery(query) {
      patch('viewer', { query });
      clearTimeout(searchTimer);
      if (!query.trim()) {
        patch('viewer', noMatches);
        view()?.clearFind();
        return;
      }
      searchTimer = setTimeout(() => void get().viewer.search(), 250);
    },

    async search() {
      clearTimeout(searchTimer);
      const { loaded, query } = get().viewer;
      const v = view();
      if (!loaded || loaded.kind !== 'pdf' || !query.trim() || !v) {
        patch('viewer', { ...noMatches, searched: Boolean(query.trim()) });
        return;
      }
      patch('viewer', { searching: true, searched: false });
      v.find(query.trim());
    },

    nextHit() {
      findAgain(false);
    },
    previousHit() {
      findAgain(true);
    },
    clearSearch() {
      clearTimeout(searchTimer);
      patch('viewer', cleared);
      view()?.clearFind();
    },
  };
}
