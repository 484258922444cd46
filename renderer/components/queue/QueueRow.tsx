// One claim in the queue: id, status and derived state, partner and customer, products, time left on
// its most urgent deadline, days left on the 10-day decision target, and markers for unsynced actions,
// conflicts and local decisions.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../shared/contracts';
import { useStore } from '../../store';
import { StatusBadge, TimeLeftBadge } from '../common/Badges';
import { Icon } from '../common/Icon';
import { SlaFlag } from './SlaFlag';
import { TargetLeft } from './TargetLeft';

export const QueueRow = memo(function QueueRow({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const selected = useStore((s) => s.claim.currentId === item.id);
  const open = useStore((s) => s.claim.open);
  return (
    <button
      type="button"
      className={`queue-row${selected ? ' selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => void open(item.id)}
      data-claim-id={item.id}
    >
      <span className="row-line">
        <span className="claim-id">{item.id}</span>
        <span className="spacer" />
        {item.mostUrgent ? <TimeLeftBadge deadline={item.mostUrgent} /> : null}
      </span>
      <span className="row-line">
        <span className="strong truncate">{item.partner.name}</span>
        <span className="spacer" />
        <StatusBadge status={item.status} derived={item.derivedState} />
      </span>
      <span className="row-line muted truncate">{t('queue.forCustomer', { customer: item.customer.name })}</span>
      <span className="row-line small muted">
        <span className="truncate">{item.products.join(' · ')}</span>
        <span className="spacer" />
        {item.documentCount > 0 ? (
          <span className="doc-count" title={t('queue.documents', { count: item.documentCount })}>
            <Icon name="document" size={12} />
            {item.documentCount}
          </span>
        ) : null}
        <TargetLeft item={item} />
        <SlaFlag item={item} />
        {item.competingCount > 0 ? <span className="marker competing">{t('queue.competing', { count: item.competingCount })}</span> : null}
      </span>
      {item.localDecision || item.pending > 0 || item.conflict ? (
        <span className="row-line small">
          {item.localDecision ? <span className="marker decision">{t(`queue.localDecision.${item.localDecision}`)}</span> : null}
          {item.pending > 0 ? (
            <span className="marker pending" data-testid="row-pending">
              {t('queue.pending', { count: item.pending })}
            </span>
          ) : null}
          {item.conflict ? <span className="marker conflict">{t('queue.conflict')}</span> : null}
        </span>
      ) : null}
    </button>
  );
});
