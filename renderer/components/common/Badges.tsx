// Small labels a reviewer scans: a claim's status with its derived state, and a deadline's time left
// (business days, red when overdue). Labels come from the translations keyed by shared codes.
import { useTranslation } from 'react-i18next';
import type { ClaimStatus, DeadlineKind, DerivedState } from '../../../shared/domain';
import { useFormat } from '../../i18n/format';
import { reviewerCalendar } from '../../review/calendar';
import { timeLeft } from '../../review/deadline-view';
import { useStore } from '../../store';
import { useNow } from './useNow';

export function StatusBadge({ status, derived }: { status: ClaimStatus; derived?: DerivedState | null }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      <span className={`badge status status-${status}`}>{t(`status.${status}`)}</span>
      {derived ? <span className={`badge derived derived-${derived}`}>{t(`derived.${derived}`)}</span> : null}
    </span>
  );
}

export function TimeLeftBadge({ deadline, showKind = false }: { deadline: { kind: DeadlineKind; dueAt: string }; showKind?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const settings = useStore((s) => s.settings.value);
  const calendar = useStore((s) => s.session.calendar);
  const left = timeLeft(deadline, now, reviewerCalendar(settings, calendar));
  const text = left.overdue
    ? t(left.unit === 'business-days' ? 'deadline.overdueBusiness' : 'deadline.overdueCalendar', { count: -left.days })
    : left.days === 0
      ? t('deadline.dueToday')
      : t(left.unit === 'business-days' ? 'deadline.businessDaysLeft' : 'deadline.calendarDaysLeft', { count: left.days });
  const tone = left.overdue ? 'overdue' : left.days <= 1 ? 'soon' : 'ok';
  return (
    <span className={`time-left ${tone}`} title={t('deadline.dueAt', { when: f.dateTime(deadline.dueAt) })}>
      {showKind ? <span className="time-left-kind">{t(`deadlineKind.${deadline.kind}`)} · </span> : null}
      {text}
    </span>
  );
}
