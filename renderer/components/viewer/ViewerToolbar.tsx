// The viewer's toolbar: previous/next page and page number, zoom out/in with the current zoom, fit
// width and fit page, rotate, continuous or single-page layout, and text search with previous/next
// match and the match count (pdf.js's find controller).
import type { KeyboardEvent } from 'react';
import { useDraft } from '../common/useDraft';
import { useTranslation } from 'react-i18next';
import { useShortcut } from '../../shortcuts/useShortcut';
import { useStore } from '../../store';
import { Icon } from '../common/Icon';

function PageNavigation() {
  const { t } = useTranslation();
  const page = useStore((s) => s.viewer.page);
  const count = useStore((s) => s.viewer.loaded?.pageCount ?? 0);
  const setPage = useStore((s) => s.viewer.setPage);
  const next = useStore((s) => s.viewer.nextPage);
  const previous = useStore((s) => s.viewer.previousPage);
  const nextKey = useShortcut('next-page');
  const prevKey = useShortcut('previous-page');
  const [draft, setDraft] = useDraft(String(page));

  return (
    <div className="tool-group" role="group" aria-label={t('viewer.pages')}>
      <button
        type="button"
        className="icon-button"
        onClick={previous}
        disabled={page <= 1}
        aria-label={t('viewer.previousPage')}
        aria-keyshortcuts={prevKey}
        title={`${t('viewer.previousPage')} (${prevKey})`}
      >
        <Icon name="chevronLeft" />
      </button>
      <input
        className="page-input"
        inputMode="numeric"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => setPage(Number(draft) || page)}
        onKeyDown={(e) => e.key === 'Enter' && setPage(Number(draft) || page)}
        aria-label={t('viewer.pageNumber')}
        disabled={count === 0}
      />
      <span className="muted small" data-testid="page-count">
        {count > 0 ? t('viewer.ofPages', { count }) : ''}
      </span>
      <button
        type="button"
        className="icon-button"
        onClick={next}
        disabled={page >= count}
        aria-label={t('viewer.nextPage')}
        aria-keyshortcuts={nextKey}
        title={`${t('viewer.nextPage')} (${nextKey})`}
      >
        <Icon name="chevronRight" />
      </button>
    </div>
  );
}

function ZoomControls() {
  const { t } = useTranslation();
  const zoom = useStore((s) => s.viewer.zoom);
  const scale = useStore((s) => s.viewer.scale);
  const zoomIn = useStore((s) => s.viewer.zoomIn);
  const zoomOut = useStore((s) => s.viewer.zoomOut);
  const setZoom = useStore((s) => s.viewer.setZoom);
  const rotate = useStore((s) => s.viewer.rotate);
  const inKey = useShortcut('zoom-in');
  const outKey = useShortcut('zoom-out');
  const fitKey = useShortcut('fit-width');
  return (
    <div className="tool-group" role="group" aria-label={t('viewer.zoom')}>
      <button
        type="button"
        className="icon-button"
        onClick={zoomOut}
        aria-label={t('viewer.zoomOut')}
        aria-keyshortcuts={outKey}
        title={`${t('viewer.zoomOut')} (${outKey})`}
      >
        −
      </button>
      <span className="zoom-value small" aria-live="polite" data-testid="zoom-value">
        {Math.round(scale * 100)}%
      </span>
      <button
        type="button"
        className="icon-button"
        onClick={zoomIn}
        aria-label={t('viewer.zoomIn')}
        aria-keyshortcuts={inKey}
        title={`${t('viewer.zoomIn')} (${inKey})`}
      >
        +
      </button>
      <button
        type="button"
        className={`text-button${zoom === 'fit-width' ? ' active' : ''}`}
        aria-pressed={zoom === 'fit-width'}
        onClick={() => setZoom('fit-width')}
        aria-keyshortcuts={fitKey}
        title={`${t('viewer.fitWidth')} (${fitKey})`}
      >
        {t('viewer.fitWidth')}
      </button>
      <button
        type="button"
        className={`text-button${zoom === 'fit-page' ? ' active' : ''}`}
        aria-pressed={zoom === 'fit-page'}
        onClick={() => setZoom('fit-page')}
      >
        {t('viewer.fitPage')}
      </button>
      <button type="button" className="icon-button" onClick={rotate} aria-label={t('viewer.rotate')} title={t('viewer.rotate')}>
        <Icon name="rotate" />
      </button>
    </div>
  );
}

/** One page: the layout the toggle switches on (off: continuous pages). */
function SinglePageIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4">
      <rect x="3.5" y="1.5" width="9" height="13" rx="1" />
    </svg>
  );
}

function LayoutControl() {
  const { t } = useTranslation('viewer');
  const layout = useStore((s) => s.viewer.layout);
  const setLayout = useStore((s) => s.viewer.setLayout);
  const isPdf = useStore((s) => s.viewer.loaded?.kind === 'pdf');
  if (!isPdf) return null;
  const single = layout === 'single';
  return (
    <button
      type="button"
      className={`icon-button${single ? ' active' : ''}`}
      aria-pressed={single}
      onClick={() => setLayout(single ? 'continuous' : 'single')}
      aria-label={t('single')}
      title={single ? t('continuous') : t('single')}
    >
      <SinglePageIcon />
    </button>
  );
}

function SearchControls() {
  const { t } = useTranslation();
  const query = useStore((s) => s.viewer.query);
  const hits = useStore((s) => s.viewer.hitCount);
  const active = useStore((s) => s.viewer.activeHit);
  const searched = useStore((s) => s.viewer.searched);
  const searching = useStore((s) => s.viewer.searching);
  const isPdf = useStore((s) => s.viewer.loaded?.kind === 'pdf');
  const setQuery = useStore((s) => s.viewer.setQuery);
  const search = useStore((s) => s.viewer.search);
  const nextHit = useStore((s) => s.viewer.nextHit);
  const previousHit = useStore((s) => s.viewer.previousHit);
  const clear = useStore((s) => s.viewer.clearSearch);
  const searchKey = useShortcut('search');

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (!searched || searching) void search();
      else if (e.shiftKey) previousHit();
      else nextHit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      clear();
      e.currentTarget.blur();
    }
  };

  const status = !query.trim()
    ? ''
    : searching
      ? t('viewer.searching')
      : !searched
        ? ''
        : hits === 0
          ? t('viewer.noHits')
          : t('viewer.hitOf', { current: active + 1, count: hits });
  return (
    <div className="tool-group search-group" role="search">
      <Icon name="search" />
      <input
        id="viewer-search"
        type="search"
        className="search-input"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={isPdf ? t('viewer.searchPlaceholder') : t('viewer.searchUnavailable')}
        disabled={!isPdf}
        aria-label={t('viewer.search')}
        aria-keyshortcuts={searchKey}
      />
      <span className="small muted hit-status" aria-live="polite" data-testid="search-status">
        {status}
      </span>
      <button type="button" className="icon-button" onClick={previousHit} disabled={hits === 0} aria-label={t('viewer.previousHit')}>
        <Icon name="chevronUp" />
      </button>
      <button type="button" className="icon-button" onClick={nextHit} disabled={hits === 0} aria-label={t('viewer.nextHit')}>
        <Icon name="chevronDown" />
      </button>
    </div>
  );
}

export function ViewerToolbar() {
  const { t } = useTranslation();
  return (
    <div className="viewer-toolbar" role="group" aria-label={t('viewer.toolbar')}>
      <PageNavigation />
      <ZoomControls />
      <LayoutControl />
      <SearchControls />
    </div>
  );
}
