// How much time a deadline has left, for display: business days through shared/domain's
// businessDaysLeft for SLA periods, whole calendar days for the consent and dispute windows.
import { PERIODS, businessDaysLeft, type BusinessCalendar, type DeadlineKind } from '../../shared/domain';

export interface TimeLeft {
  unit: 'business-days' | 'calendar-days';
  /** Days left; negative when overdue by that many days. */
  days: number;
  overdue: boolean;
}

const DAY_MS = 86_400_000;

export function timeLeft(deadline: { kind: DeadlineKind; dueAt: string }, now: string, calendar: BusinessCalendar): TimeLeft {
  const period: { businessDays: number } | { calendarDays: number } = PERIODS[deadline.kind];
  const overdue = now > deadline.dueAt;
  if ('businessDays' in period) {
    return { unit: 'business-days', days: businessDaysLeft(now, deadline.dueAt, calendar), overdue };
  }
  const ms = new Date(deadline.dueAt).getTime() - new Date(now).getTime();
  return { unit: 'calendar-days', days: overdue ? -Math.max(1, Math.floor(-ms / DAY_MS)) : Math.floor(ms / DAY_MS), overdue };
}
