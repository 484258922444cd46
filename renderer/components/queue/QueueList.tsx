// The claims of the batch as a list; the open one is marked. Arrow keys move between rows. Only the
// rows in view (plus a margin) are in the page (@tanstack/react-virtual): 10,000 claims cost a screenful,
// and only a page of rows is listed at a time: scrolling near the end lists the next (keyset cursor).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { QueueRow } from './QueueRow';
import '../../styles/queue.css';

/** A queue row's usual height; rows are measured once shown. */
const ROW_ESTIMATE_PX = 92;
/** The next page is asked for when the rows drawn come this close to the last one listed. */
const LOAD_AHEAD_ROWS = 30;

export function QueueList() {
  const { t } = useTranslation();
  const items = useStore((s) => s.queue.items);
  const status = useStore((s) => s.queue.status);
  const error = useStore((s) => s.queue.error);
  const currentId = useStore((s) => s.claim.currentId);
  const hasMore = useStore((s) => s.queue.next !== null);
  const loadMore = useStore((s) => s.queue.loadMore);
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not run the React Compiler, so its note that this component cannot be auto-memoized does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: 12,
    getItemKey: (i) => items[i]!.id,
  });

  const lastDrawn = virtualizer.getVirtualItems().at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastDrawn >= items.length - LOAD_AHEAD_ROWS) void loadMore();
  }, [hasMore, lastDrawn, items.length, loadMore]);

  // The open claim comes into view when it changes (by shortcut or after a decision), once it is listed;
  // rows listed later (the next page, a patched row) leave the reviewer's scrolling alone.
  const shownId = useRef<string | null>(null);
  useEffect(() => {
    if (shownId.current === currentId) return;
    const at = currentId ? items.findIndex((i) => i.id === currentId) : -1;
    if (at === -1) return;
    shownId.current = currentId;
    virtualizer.scrollToIndex(at, { align: 'auto' });
  }, [currentId, items, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const focused = (document.activeElement as HTMLElement | null)?.dataset.claimId;
    const at = items.findIndex((i) => i.id === focused);
    const to = at + (e.key === 'ArrowDown' ? 1 : -1);
    if (at === -1 || to < 0 || (to >= items.length && !hasMore)) return;
    e.preventDefault();
    // past the last row listed: the next page first (the rows drawn already ask for it near the end)
    const listed = to < items.length ? Promise.resolve(items) : loadMore().then(() => useStore.getState().queue.items);
    void listed.then((rows) => {
      const next = rows[to];
      if (!next) return;
      virtualizer.scrollToIndex(to, { align: 'auto' });
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLButtonElement>(`button.queue-row[data-claim-id="${CSS.escape(next.id)}"]`)?.focus());
    });
  };

  if (error) return <p className="form-error">{error}</p>;
  if (items.length === 0) return <p className="empty-state">{status === 'loading' ? t('common.loading') : t('queue.empty')}</p>;
  return (
    <div className="queue-list queue-scroll" ref={scroller}>
      <ul className="queue-rows" aria-label={t('queue.listLabel')} onKeyDown={onKeyDown} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <li key={row.key} data-index={row.index} ref={virtualizer.measureElement} style={{ transform: `translateY(${row.start}px)` }}>
            <QueueRow item={items[row.index]!} />
          </li>
        ))}
      </ul>
    </div>
  );
}
