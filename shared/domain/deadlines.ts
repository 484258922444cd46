// Every deadline of a claim, derived from its history and the business calendar, never typed in.
// Open deadlines have metAt null; "most urgent" is the earliest open dueAt among the reviewer's deadlines.
import { addBusinessDays, addCalendarDays, type BusinessCalendar } from './business-days';
import type { HistoryEntry } from './history';

export const DEADLINE_KINDS = ['review-start', 'review', 'partner-response', 'consent-window', 'dispute-window', 'dispute-answer', 'decision-target'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The reviewer side's deadlines: these order the queue. */
export const REVIEWER_DEADLINES: readonly DeadlineKind[] = ['review-start', 'review', 'dispute-answer'];

/** The seed's periods: business days for SLAs, calendar days for consent and dispute windows. */
export const PERIODS = {
  'review-start': { businessDays: 5 },
  review: { businessDays: 5 },
  'partner-response': { businessDays: 5 },
  'dispute-answer': { businessDays: 5 },
  'consent-window': { calendarDays: 7 },
  'dispute-window': { calendarDays: 30 },
  // The seed's overall target: a decision within 10 days, counting the reviewer's SLA (5 business days)
  // plus the partner's time to answer (5 business days). It runs from the start of the review, is not
  // paused while the partner answers, and is met by the first decision (approved or rejected).
  'decision-target': { businessDays: 10 },
} as const satisfies Record<DeadlineKind, { businessDays: number } | { calendarDays: number }>;

export interface Deadline {
  kind: DeadlineKind;
  startedAt: string;
  dueAt: string;
  /** When the deadline stopped running (what it waited for happened, or the claim moved on); null while open. */
  metAt: string | null;
}

export function dueAfter(kind: DeadlineKind, start: string, cal: BusinessCalendar): string {
  const p: { businessDays: number } | { calendarDays: number } = PERIODS[kind];
  return 'businessDays' in p ? addBusinessDays(start, p.businessDays, cal) : addCalendarDays(start, p.calendarDays, cal);
}

/** Which deadlines each event closes, then which it opens. */
const CLOSES: Partial<Record<HistoryEntry['kind'], readonly DeadlineKind[]>> = {
  'review-started': ['review-start'],
  approved: ['review', 'decision-target'],
  'info-requested': ['review'],
  resubmitted: ['partner-response'],
  rejected: ['review-start', 'review', 'partner-response', 'consent-window', 'dispute-answer', 'decision-target'],
  'customer-declined': ['consent-window'],
  'sent-for-incentive-evaluation': ['consent-window'],
  'dispute-filed': ['dispute-window'],
  'dispute-resolved': ['dispute-answer'],
  'dispute-window-closed': ['dispute-window'],
};
// A customer's decline opens no dispute window: the refusal of consent is final for the claim.
const OPENS: Partial<Record<HistoryEntry['kind'], readonly DeadlineKind[]>> = {
  submitted: ['review-start'],
  'review-started': ['review', 'decision-target'],
  resubmitted: ['review'],
  'info-requested': ['partner-response'],
  approved: ['consent-window'],
  rejected: ['dispute-window'],
  'dispute-filed': ['dispute-answer'],
};

export function deriveDeadlines(history: readonly HistoryEntry[], cal: BusinessCalendar): Deadline[] {
  const all: Deadline[] = [];
  for (const e of history) {
    for (const d of all) if (d.metAt === null && CLOSES[e.kind]?.includes(d.kind)) d.metAt = e.at;
    const opens = e.kind === 'dispute-resolved' && e.outcome === 'overturn' ? (['consent-window'] as const) : (OPENS[e.kind] ?? []);
    for (const kind of opens) all.push({ kind, startedAt: e.at, dueAt: dueAfter(kind, e.at, cal), metAt: null });
  }
  return all;
}

export const openDeadlines = (ds: readonly Deadline[]): Deadline[] => ds.filter((d) => d.metAt === null);

/** The earliest open reviewer deadline: what "most urgent first" sorts by. */
export function mostUrgent(ds: readonly Deadline[]): Deadline | null {
  const open = openDeadlines(ds).filter((d) => REVIEWER_DEADLINES.includes(d.kind));
  return open.reduce<Deadline | null>((a, d) => (a === null || d.dueAt < a.dueAt ? d : a), null);
}
