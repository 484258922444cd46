// The queue's SLA flag: a claim whose most urgent reviewer deadline (review start, review or dispute
// answer) is past due now.
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../shared/contracts';
import { slaFlags } from '../../../shared/domain';
import { useNow } from '../common/useNow';

export function SlaFlag({ item }: { item: QueueItem }) {
  const { t } = useTranslation('cpor');
  const now = useNow();
  if (!item.mostUrgent || slaFlags([item.mostUrgent], now).length === 0) return null;
  return <span className="marker sla-flag" data-testid="sla-flag">{t('queue.slaOverdue')}</span>;
}
