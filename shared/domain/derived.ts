// The derived states the workstation shows beside a status: consent period, sent for incentive
// evaluation, disputed, dispute window closed. Pure functions of lifecycle, clock and calendar.
import { addCalendarDays, type BusinessCalendar } from './business-days';
import type { DerivedState } from './codes';
import { PERIODS } from './deadlines';
import type { Lifecycle } from './lifecycle';

export function consentWindowEnd(l: Lifecycle, cal: BusinessCalendar): string | null {
  return l.approvedAt && addCalendarDays(l.approvedAt, PERIODS['consent-window'].calendarDays, cal);
}

/** A customer's refusal of consent is final for the claim: it opens no dispute window. */
export const disputable = (l: Lifecycle): boolean => l.rejection !== null && l.rejection.reason !== 'customer-declined';

export function disputeWindowEnd(l: Lifecycle, cal: BusinessCalendar): string | null {
  return l.rejection && disputable(l) ? addCalendarDays(l.rejection.at, PERIODS['dispute-window'].calendarDays, cal) : null;
}

export const disputeOpen = (l: Lifecycle): boolean => l.status === 'rejected' && l.dispute !== null && l.dispute.resolvedAt === null;

export function deriveState(l: Lifecycle, now: string, cal: BusinessCalendar): DerivedState | null {
  if (l.status === 'approved') {
    const end = consentWindowEnd(l, cal) as string;
    return l.consentEnded || now > end ? 'sent-for-incentive-evaluation' : 'consent-period';
  }
  if (l.status === 'rejected') {
    if (disputeOpen(l)) return 'disputed';
    const end = disputeWindowEnd(l, cal);
    if (l.dispute || l.disputeWindowClosed || end === null || now > end) return 'dispute-window-closed';
  }
  return null;
}
