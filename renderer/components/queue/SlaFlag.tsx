// The queue's SLA flag: a claim whose most urgent reviewer deadline (review start, review or dispute
// answer) or whose 10-day decision target is past due now; the title names which.
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../shared/contracts';
import { slaFlags } from '../../../shared/domain';
import { useNow } from '../common/useNow';

export function SlaFlag({ item }: { item: QueueItem }) {
  const { t } = useTranslation('cpor');
  const { t: tt } = useTranslation();
  const now = useNow();
  const flags = slaFlags(
    [item.mostUrgent, item.decisionTarget].filter((d) => d != null),
    now,
  );
  if (flags.length === 0) return null;
  const what = flags.map((d) => tt(`deadlineKind.${d.kind}`)).join(', ');
  return (
    <span className="marker sla-flag" data-testid="sla-flag" title={t('process.slaOverdue', { what })}>
      {t('queue.slaOverdue')}
    </span>
  );
}
