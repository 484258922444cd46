// Test helper for the domain suites: writes a claim's history as a short story (who did what, when),
// numbering entries and validating each against the real HistoryEntry schema. It holds no domain rule.
import { HistoryEntry, type Actor, type BusinessCalendar, type HistoryEvent, type Role } from '../../shared/domain';

export const UTC: BusinessCalendar = { timeZone: 'UTC', holidays: [] };
export const TAIPEI: BusinessCalendar = { timeZone: 'Asia/Taipei', holidays: [] };

export const ACTORS: Record<Role, Actor> = {
  partner: { id: 'partner-1', name: 'Contoso Partner', role: 'partner' },
  reviewer: { id: 'reviewer-1', name: 'Rita Reviewer', role: 'reviewer' },
  qa_lead: { id: 'qa-1', name: 'Quinn QA', role: 'qa_lead' },
  customer: { id: 'customer-1', name: 'Fabrikam Admin', role: 'customer' },
  admin: { id: 'admin-1', name: 'Ada Admin', role: 'admin' },
  system: { id: 'system', name: 'CPOR timer', role: 'system' },
};

export type Step = HistoryEvent & { at: string; by: Role };

/** Numbers the steps 1..n and checks each against the HistoryEntry schema. */
export function story(...steps: Step[]): HistoryEntry[] {
  return steps.map(({ at, by, ...event }, i) => HistoryEntry.parse({ seq: i + 1, at, actor: ACTORS[by], ...event }));
}

/** Appends steps to an existing history, continuing its numbering. */
export function continueStory(history: readonly HistoryEntry[], ...steps: Step[]): HistoryEntry[] {
  const more = story(...steps).map((e) => ({ ...e, seq: e.seq + history.length }));
  return [...history, ...more];
}

// The usual opening of a claim: created, a PoE uploaded, submitted; then the review starts.
export const created = (at: string): Step => ({ kind: 'created', at, by: 'partner' });
export const poeAdded = (at: string): Step => ({ kind: 'document-added', sha256: 'a'.repeat(64), fileName: 'poe.pdf', at, by: 'partner' });
export const submitted = (at: string): Step => ({ kind: 'submitted', at, by: 'partner' });
export const reviewStarted = (at: string): Step => ({ kind: 'review-started', at, by: 'reviewer' });
export const approved = (at: string): Step => ({ kind: 'approved', message: null, at, by: 'reviewer' });
export const infoRequested = (at: string): Step => ({
  kind: 'info-requested',
  reasons: [{ code: 'missing-customer-acknowledgement', productId: null }],
  message: 'The PoE is not signed by the customer.',
  at,
  by: 'reviewer',
});
export const resubmitted = (at: string): Step => ({ kind: 'resubmitted', message: 'Signed PoE attached.', at, by: 'partner' });
export const rejected = (at: string): Step => ({
  kind: 'rejected',
  reason: 'insufficient-poe',
  message: 'The PoE does not show the work done.',
  at,
  by: 'reviewer',
});
export const autoRejected = (at: string): Step => ({ kind: 'rejected', reason: 'no-partner-response', message: null, at, by: 'system' });
export const withdrawn = (at: string): Step => ({ kind: 'rejected', reason: 'partner-request', message: 'Wrong MPN.', at, by: 'partner' });
export const customerDeclined = (at: string): Step => ({ kind: 'customer-declined', message: null, at, by: 'customer' });
export const consentEnded = (at: string): Step => ({ kind: 'sent-for-incentive-evaluation', at, by: 'system' });
export const disputeFiled = (at: string): Step => ({
  kind: 'dispute-filed',
  justification: 'The signed PoE was attached to the wrong claim.',
  at,
  by: 'partner',
});
export const disputeResolved = (at: string, outcome: 'uphold' | 'overturn'): Step => ({
  kind: 'dispute-resolved',
  outcome,
  message: `Dispute ${outcome}.`,
  at,
  by: 'reviewer',
});
export const disputeWindowClosed = (at: string): Step => ({ kind: 'dispute-window-closed', at, by: 'system' });

/** Created Monday 2026-01-05 08:00Z, PoE at 08:05, submitted at 09:00, review started Tuesday 09:00. */
export const inReview = (): Step[] => [
  created('2026-01-05T08:00:00.000Z'),
  poeAdded('2026-01-05T08:05:00.000Z'),
  submitted('2026-01-05T09:00:00.000Z'),
  reviewStarted('2026-01-06T09:00:00.000Z'),
];

/** One millisecond after / before an instant. */
export const msAfter = (instant: string, ms = 1): string => new Date(Date.parse(instant) + ms).toISOString();
export const msBefore = (instant: string, ms = 1): string => msAfter(instant, -ms);
