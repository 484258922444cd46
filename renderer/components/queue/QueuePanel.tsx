// The leased batch down the left side: pull a batch (with progress), the lease's expiry, filters,
// sort and search, and the claims themselves.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { LeaseExpiry } from './LeaseExpiry';
import { PullBatch } from './PullBatch';
import { QueueFilters } from './QueueFilters';
import { QueueList } from './QueueList';

export function QueuePanel() {
  const { t, i18n } = useTranslation();
  const { t: tq } = useTranslation('queue');
  // Every row is reachable by scrolling (the list loads the next page near its end), not only those listed yet.
  const shown = useStore((s) => (s.queue.next === null ? s.queue.items.length : s.queue.total));
  const total = useStore((s) => s.queue.total);
  const capped = useStore((s) => s.queue.capped);
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <section className="queue-panel panel" aria-labelledby="queue-title">
      <header className="panel-header">
        <h2 id="queue-title">{t('queue.title')}</h2>
        <span className="muted small" aria-live="polite">
          {capped ? tq('countCapped', { shown: number.format(shown), total: number.format(total) }) : t('queue.count', { shown, total })}
        </span>
      </header>
      <PullBatch />
      <LeaseExpiry />
      <QueueFilters />
      <QueueList />
    </section>
  );
}
