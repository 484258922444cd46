// Replays a claim's history into its lifecycle: current status and the moments that deadlines and
// derived states hang on. The status of a claim is never stored independently of this fold.
import type { ClaimStatus, DisputeOutcome, RejectionReason } from './codes';
import type { HistoryEntry } from './history';

export interface Lifecycle {
  status: ClaimStatus;
  submittedAt: string | null;
  reviewStartedAt: string | null;
  approvedAt: string | null;
  consentEnded: boolean;
  rejection: { reason: RejectionReason; at: string } | null;
  dispute: { filedAt: string; justification: string; resolvedAt: string | null; outcome: DisputeOutcome | null } | null;
  disputeWindowClosed: boolean;
  removedProductIds: string[];
  /** When the last decision-relevant event happened (for "latest PoE" comparisons and audits). */
  lastDecisionAt: string | null;
}

export const INITIAL_LIFECYCLE: Lifecycle = {
  status: 'draft',
  submittedAt: null,
  reviewStartedAt: null,
  approvedAt: null,
  consentEnded: false,
  rejection: null,
  dispute: null,
  disputeWindowClosed: false,
  removedProductIds: [],
  lastDecisionAt: null,
};

export function step(s: Lifecycle, e: HistoryEntry): Lifecycle {
  switch (e.kind) {
    case 'submitted':
      return { ...s, status: 'submitted', submittedAt: e.at };
    case 'review-started':
      return { ...s, status: 'in-review', reviewStartedAt: e.at };
    case 'approved':
      return { ...s, status: 'approved', approvedAt: e.at, consentEnded: false, lastDecisionAt: e.at };
    case 'info-requested':
      return { ...s, status: 'partner-action-needed', lastDecisionAt: e.at };
    case 'resubmitted':
      return { ...s, status: 'in-review' };
    // A new rejection (possible again after an overturned dispute) gets its own 30-day window and dispute.
    case 'rejected':
      return { ...s, status: 'rejected', rejection: { reason: e.reason, at: e.at }, dispute: null, disputeWindowClosed: false, lastDecisionAt: e.at };
    case 'customer-declined':
      return { ...s, status: 'rejected', rejection: { reason: 'customer-declined', at: e.at }, dispute: null, disputeWindowClosed: false };
    case 'sent-for-incentive-evaluation':
      return { ...s, consentEnded: true };
    case 'dispute-filed':
      return { ...s, dispute: { filedAt: e.at, justification: e.justification, resolvedAt: null, outcome: null } };
    case 'dispute-resolved': {
      const dispute = s.dispute && { ...s.dispute, resolvedAt: e.at, outcome: e.outcome };
      if (e.outcome === 'overturn') return { ...s, dispute, status: 'approved', approvedAt: e.at, consentEnded: false, lastDecisionAt: e.at };
      return { ...s, dispute, lastDecisionAt: e.at };
    }
    case 'dispute-window-closed':
      return { ...s, disputeWindowClosed: true };
    case 'product-removed':
      return { ...s, removedProductIds: [...s.removedProductIds, e.productId] };
    case 'created':
    case 'edited':
    case 'document-added':
    case 'checklist':
    case 'comment':
      return s;
  }
}

export function replay(history: readonly HistoryEntry[]): Lifecycle {
  return history.reduce(step, INITIAL_LIFECYCLE);
}
