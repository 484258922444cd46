// Search, filter (status, derived state, deadline, pending only) and sort of the queue.
import { useTranslation } from 'react-i18next';
import { QUEUE_SORTS } from '../../../shared/contracts';
import { CLAIM_STATUSES, DERIVED_STATES, type ClaimStatus, type DerivedState } from '../../../shared/domain';
import { useStore } from '../../store';
import type { DueFilter, QueueSort } from '../../store/queue';

const DUE: DueFilter[] = ['overdue', 'today', 'this-week'];

export function QueueFilters() {
  const { t } = useTranslation();
  const search = useStore((s) => s.queue.search);
  const filter = useStore((s) => s.queue.filter);
  const sort = useStore((s) => s.queue.sort);
  const setSearch = useStore((s) => s.queue.setSearch);
  const setFilter = useStore((s) => s.queue.setFilter);
  const setSort = useStore((s) => s.queue.setSort);

  return (
    <div className="queue-filters">
      <input
        id="queue-search"
        type="search"
        className="search-input"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={t('queue.searchPlaceholder')}
        aria-label={t('queue.search')}
      />
      <div className="filter-grid">
        <div className="mini-field">
          <label htmlFor="queue-filter-status">{t('queue.filterStatus')}</label>
          <select
            id="queue-filter-status"
            value={filter.status?.[0] ?? ''}
            onChange={(e) => setFilter({ status: e.target.value ? [e.target.value as ClaimStatus] : undefined })}
          >
            <option value="">{t('queue.any')}</option>
            {CLAIM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="mini-field">
          <label htmlFor="queue-filter-derived">{t('queue.filterDerived')}</label>
          <select
            id="queue-filter-derived"
            value={filter.derivedState?.[0] ?? ''}
            onChange={(e) => setFilter({ derivedState: e.target.value ? [e.target.value as DerivedState] : undefined })}
          >
            <option value="">{t('queue.any')}</option>
            {DERIVED_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`derived.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="mini-field">
          <label htmlFor="queue-filter-due">{t('queue.filterDue')}</label>
          <select id="queue-filter-due" value={filter.due ?? ''} onChange={(e) => setFilter({ due: (e.target.value || undefined) as DueFilter | undefined })}>
            <option value="">{t('queue.any')}</option>
            {DUE.map((d) => (
              <option key={d} value={d}>
                {t(`queue.due.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="mini-field">
          <label htmlFor="queue-sort">{t('queue.sort')}</label>
          <select id="queue-sort" value={sort} onChange={(e) => setSort(e.target.value as QueueSort)}>
            {QUEUE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`queue.sortBy.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="check small">
        <input type="checkbox" checked={Boolean(filter.pendingOnly)} onChange={(e) => setFilter({ pendingOnly: e.target.checked })} />
        {t('queue.pendingOnly')}
      </label>
    </div>
  );
}
