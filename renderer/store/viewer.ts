// Viewer slice: which PoE document of the open claim is shown, its page, zoom, rotation and text
// search. Loading goes through the document cache; drawing is the viewer components' job.
import type { DocumentRef } from '../../shared/contracts';
import { DocumentLoadError, forgetDocument, loadDocument, pinDocuments, type DocumentFailure, type LoadedDocument } from '../viewer/document-cache';
import { findInPage, type SearchHit } from '../viewer/text-search';
import { pageText } from '../viewer/text-content';
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
  query: string;
  searching: boolean;
  searched: boolean;
  hits: SearchHit[];
  activeHit: number;
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
  rotate(): void;
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
const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.round(s * 100) / 100));

const cleared = { query: '', searching: false, searched: false, hits: [] as SearchHit[], activeHit: 0 };

export function createViewerSlice({ patch, get }: SliceContext): ViewerSlice {
  let loadToken = 0;
  let searchToken = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  const show = (index: number) => {
    const ref = get().viewer.documents[index];
    const mine = ++loadToken;
    ++searchToken;
    if (!ref) {
      patch('viewer', { index: 0, loaded: null, status: 'empty', failure: null, page: 1, rotation: 0, ...cleared });
      return;
    }
    const keepQuery = get().viewer.query;
    patch('viewer', { index, loaded: null, status: 'loading', failure: null, page: 1, rotation: 0, hits: [], activeHit: 0, searched: false });
    loadDocument(ref).then(
      (loaded) => {
        if (mine !== loadToken) return;
        patch('viewer', { loaded, status: 'ready' });
        if (keepQuery.trim() && loaded.kind === 'pdf') void get().viewer.search();
      },
      (error: unknown) => {
        if (mine !== loadToken) return;
        const failure = error instanceof DocumentLoadError ? error.failure : { reason: 'unreadable' as const, detail: String(error) };
        patch('viewer', { status: 'error', failure });
      },
    );
  };

  const goToHit = (i: number) => {
    const hits = get().viewer.hits;
    if (hits.length === 0) return;
    const activeHit = ((i % hits.length) + hits.length) % hits.length;
    patch('viewer', { activeHit, page: hits[activeHit]!.page });
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
      loadDocument(document).catch(() => undefined); // shown (with its reason) when the claim opens
    },

    setPage(page) {
      const count = get().viewer.loaded?.pageCount ?? 1;
      patch('viewer', { page: Math.min(count, Math.max(1, Math.round(page))) });
    },
    nextPage() {
      get().viewer.setPage(get().viewer.page + 1);
    },
    previousPage() {
      get().viewer.setPage(get().viewer.page - 1);
    },

    zoomIn() {
      patch('viewer', (v) => ({ zoom: 'custom' as const, scale: clampScale(v.scale * ZOOM_STEP) }));
    },
    zoomOut() {
      patch('viewer', (v) => ({ zoom: 'custom' as const, scale: clampScale(v.scale / ZOOM_STEP) }));
    },
    setZoom(zoom) {
      patch('viewer', { zoom });
    },
    reportScale(scale) {
      if (get().viewer.zoom !== 'custom' && Math.abs(scale - get().viewer.scale) > 0.001) patch('viewer', { scale });
    },
    rotate() {
      patch('viewer', (v) => ({ rotation: (v.rotation + 90) % 360 }));
    },

    setQuery(query) {
      patch('viewer', { query });
      clearTimeout(searchTimer);
      if (!query.trim()) {
        ++searchToken;
        patch('viewer', { hits: [], activeHit: 0, searched: false, searching: false });
        return;
      }
      searchTimer = setTimeout(() => void get().viewer.search(), 250);
    },

    async search() {
      clearTimeout(searchTimer);
      const { loaded, query } = get().viewer;
      const mine = ++searchToken;
      if (!loaded || loaded.kind !== 'pdf' || !query.trim()) {
        patch('viewer', { hits: [], activeHit: 0, searched: Boolean(query.trim()), searching: false });
        return;
      }
      patch('viewer', { searching: true });
      const hits: SearchHit[] = [];
      for (let p = 1; p <= loaded.pageCount; p++) {
        const runs = await pageText(loaded.pdf, p);
        if (mine !== searchToken) return;
        hits.push(...findInPage(p, runs, query));
      }
      patch('viewer', { hits, searching: false, searched: true, activeHit: 0 });
      const current = get().viewer.page;
      const onOrAfter = hits.findIndex((h) => h.page >= current);
      if (hits.length > 0) goToHit(onOrAfter === -1 ? 0 : onOrAfter);
    },

    nextHit() {
      goToHit(get().viewer.activeHit + 1);
    },
    previousHit() {
      goToHit(get().viewer.activeHit - 1);
    },
    clearSearch() {
      clearTimeout(searchTimer);
      ++searchToken;
      patch('viewer', cleared);
    },
  };
}
