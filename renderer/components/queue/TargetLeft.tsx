// The queue row's 10-day decision target: business days left on it (shared/domain's targetStanding),
// warning near its end; once it is past due the SLA flag takes over. Reads only the row's own data.
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../shared/contracts';
import { targetStanding } from '../../../shared/domain';
import { useFormat } from '../../i18n/format';
import { reviewerCalendar } from '../../review/calendar';
import { useStore } from '../../store';
import { useNow } from '../common/useNow';

export function TargetLeft({ item }: { item: QueueItem }) {
  const { t } = useTranslation('cpor');
  const f = useFormat();
  const now = useNow();
  const settings = useStore((s) => s.settings.value);
  const calendar = useStore((s) => s.session.calendar);
  const target = item.decisionTarget;
  if (!target) return null;
  const { daysLeft, tone } = targetStanding(target, now, reviewerCalendar(settings, calendar));
  if (tone === 'overdue') return null;
  const rounds = item.infoRounds ?? 0;
  const title = [t('queue.targetDue', { when: f.date(target.dueAt) }), rounds === 0 ? t('process.roundsNone') : t('process.rounds', { count: rounds })].join(
    ' · ',
  );
  return (
    <span className={`time-left target-left ${tone === 'near' ? 'soon' : 'ok'}`} data-testid="target-left" data-tone={tone} title={title}>
      {daysLeft === 0 ? t('queue.targetToday') : t('queue.targetLeft', { count: daysLeft })}
      {rounds > 0 ? <span className="target-rounds"> · {t('queue.targetRounds', { count: rounds })}</span> : null}
    </span>
  );
}
