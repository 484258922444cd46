// Which action may happen to a claim, from which status, by which role, and under which condition.
// The service enforces this table; the workstation enables its buttons from it. Nothing else decides.
import type { BusinessCalendar } from './business-days';
import type { ClaimStatus, Role } from './codes';
import { deriveDeadlines, openDeadlines } from './deadlines';
import { consentWindowEnd, disputeOpen, disputeWindowEnd } from './derived';
import type { HistoryEntry } from './history';
import { replay, type Lifecycle } from './lifecycle';

export const CLAIM_ACTIONS = [
  'edit',
  'add-document',
  'submit',
  'withdraw',
  'start-review',
  'checklist',
  'comment',
  'approve',
  'request-info',
  'reject',
  'remove-product',
  'resubmit',
  'auto-reject',
  'customer-decline',
  'end-consent-period',
  'dispute',
  'resolve-dispute',
  'close-dispute-window',
  'delete',
  'supersede',
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** What a guard may look at: the replayed lifecycle plus a few counts and the clock. */
export interface ActionContext {
  history: readonly HistoryEntry[];
  lifecycle: Lifecycle;
  now: string;
  calendar: BusinessCalendar;
  documentCount: number;
  activeProductCount: number;
}

interface Rule {
  roles: readonly Role[];
  from: readonly ClaimStatus[];
  /** Returns why the action is not allowed now, or null. */
  guard?: (c: ActionContext) => string | null;
}

const PARTNER_EDITABLE: readonly ClaimStatus[] = ['draft', 'submitted', 'partner-action-needed'];
const UNDER_REVIEW: readonly ClaimStatus[] = ['in-review'];

const partnerResponseDue = (c: ActionContext): string | null =>
  openDeadlines(deriveDeadlines(c.history, c.calendar)).find((d) => d.kind === 'partner-response')?.dueAt ?? null;

/** Why a dispute cannot be filed now, or null (shared by 'dispute' and the updated PoE that may come with it). */
function disputeProblem(c: ActionContext): string | null {
  if (c.lifecycle.rejection?.reason === 'customer-declined')
    return 'the customer declined consent, which is final for this claim: the partner may file a new claim';
  if (c.lifecycle.dispute) return 'a rejection can be disputed once';
  if (c.lifecycle.disputeWindowClosed || c.now > (disputeWindowEnd(c.lifecycle, c.calendar) as string))
    return 'the 30-day dispute window is over: submit a new claim with updated PoE';
  return null;
}

const RULES: Record<ClaimAction, Rule> = {
  edit: { roles: ['partner'], from: PARTNER_EDITABLE },
  // Updated PoE may also come with a dispute: on a rejected claim while it can still be disputed.
  'add-document': { roles: ['partner'], from: [...PARTNER_EDITABLE, 'rejected'], guard: (c) => (c.lifecycle.status === 'rejected' ? disputeProblem(c) : null) },
  delete: { roles: ['partner'], from: ['draft'] },
  // An approval that replaces another partner of record on the same customer workload (the reviewer's choice).
  supersede: { roles: ['reviewer'], from: ['approved'] },
  submit: {
    roles: ['partner'],
    from: ['draft'],
    guard: (c) =>
      c.documentCount === 0
        ? 'a claim needs at least one PoE document before it is submitted'
        : c.activeProductCount === 0
          ? 'a claim needs at least one product'
          : null,
  },
  // Approved too: a partner that no longer works with the customer ends the association (seed: partner request).
  withdraw: { roles: ['partner'], from: ['submitted', 'in-review', 'partner-action-needed', 'approved'] },
  'start-review': { roles: ['reviewer', 'system'], from: ['submitted'] },
  checklist: {
    roles: ['reviewer'],
    from: ['in-review', 'rejected'],
    guard: (c) => (c.lifecycle.status === 'rejected' && !disputeOpen(c.lifecycle) ? 'a rejected claim is reviewed again only while a dispute is open' : null),
  },
  comment: {
    roles: ['reviewer', 'partner'],
    from: ['submitted', 'in-review', 'partner-action-needed', 'approved', 'rejected'],
  },
  approve: { roles: ['reviewer'], from: UNDER_REVIEW },
  'request-info': { roles: ['reviewer'], from: UNDER_REVIEW },
  reject: { roles: ['reviewer'], from: UNDER_REVIEW },
  'remove-product': {
    roles: ['reviewer'],
    from: UNDER_REVIEW,
    guard: (c) => (c.activeProductCount <= 1 ? 'the last product of a claim cannot be removed; reject the claim instead' : null),
  },
  resubmit: {
    roles: ['partner'],
    from: ['partner-action-needed'],
    guard: (c) => {
      const due = partnerResponseDue(c);
      return due !== null && c.now > due ? 'the 5 business days to answer the request have passed' : null;
    },
  },
  'auto-reject': {
    roles: ['system'],
    from: ['partner-action-needed'],
    guard: (c) => {
      const due = partnerResponseDue(c);
      return due === null || c.now <= due ? 'the partner still has time to answer' : null;
    },
  },
  'customer-decline': {
    roles: ['customer'],
    from: ['approved'],
    guard: (c) => (c.lifecycle.consentEnded || c.now > (consentWindowEnd(c.lifecycle, c.calendar) as string) ? 'the 7-day consent period is over' : null),
  },
  'end-consent-period': {
    roles: ['system'],
    from: ['approved'],
    guard: (c) =>
      c.lifecycle.consentEnded
        ? 'already sent for incentive evaluation'
        : c.now <= (consentWindowEnd(c.lifecycle, c.calendar) as string)
          ? 'the consent period is still running'
          : null,
  },
  dispute: { roles: ['partner'], from: ['rejected'], guard: disputeProblem },
  'resolve-dispute': {
    roles: ['reviewer'],
    from: ['rejected'],
    guard: (c) => (disputeOpen(c.lifecycle) ? null : 'there is no open dispute on this claim'),
  },
  'close-dispute-window': {
    roles: ['system'],
    from: ['rejected'],
    guard: (c) => {
      const l = c.lifecycle;
      const end = disputeWindowEnd(l, c.calendar);
      if (l.dispute || l.disputeWindowClosed || end === null) return 'nothing to close';
      return c.now > end ? null : 'the dispute window is still open';
    },
  },
};

export type ActionCheck = { ok: true } | { ok: false; reason: string };

/** Whether `role` may take `action` on the claim now; the reason names what is wrong when not. */
export function checkAction(action: ClaimAction, role: Role, c: ActionContext): ActionCheck {
  const rule = RULES[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: `a ${role} may not ${action.replace(/-/g, ' ')} a claim` };
  if (!rule.from.includes(c.lifecycle.status)) return { ok: false, reason: `cannot ${action.replace(/-/g, ' ')} a claim that is ${c.lifecycle.status}` };
  const why = rule.guard?.(c) ?? null;
  return why === null ? { ok: true } : { ok: false, reason: why };
}

/** Convenience for callers holding only a history: replays it first. */
export function contextOf(history: readonly HistoryEntry[], extra: Omit<ActionContext, 'history' | 'lifecycle'>): ActionContext {
  return { history, lifecycle: replay(history), ...extra };
}

/** The fields a partner may change, and when (seed: only while Submitted or Partner action needed). */
export const PARTNER_EDITABLE_FIELDS = ['mpnId', 'products', 'customerContact', 'partnerContact'] as const;
export type PartnerEditableField = (typeof PARTNER_EDITABLE_FIELDS)[number];
export const partnerMayEdit = (status: ClaimStatus): boolean => PARTNER_EDITABLE.includes(status);
