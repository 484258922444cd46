// The decision composer of the review slice: its state, the message template for a decision in the
// reviewer's chosen language, and the decision sent to the workstation API from what was composed.
import type { Language } from '../../shared/contracts';
import { decisionApproves, type DisputeOutcome, type RejectionReason } from '../../shared/domain';
import { i18n } from '../i18n';
import { approveMessage, disputeMessage, rejectMessage, removeProductMessage, requestInfoMessage, tickedReasons } from '../review/message-templates';
import type { ReviewerAction } from '../review/permissions';
import type { AppState } from './slice';

export type ComposerKind = 'approve' | 'request-info' | 'reject' | 'resolve-dispute' | 'remove-product';

export interface Composer {
  kind: ComposerKind;
  productId: string | null;
  rejectionReason: RejectionReason;
  outcome: DisputeOutcome;
  message: string;
  /** The reviewer changed the message by hand: templates no longer overwrite it. */
  edited: boolean;
  language: Language;
  error: string | null;
  /** Approve or overturn: the approved claims on the same workload this decision supersedes (the reviewer's choice). */
  supersedes?: string[];
}

export const COMPOSER_ACTION: Record<ComposerKind, ReviewerAction> = {
  approve: 'approve',
  'request-info': 'request-info',
  reject: 'reject',
  'resolve-dispute': 'resolve-dispute',
  'remove-product': 'remove-product',
};

export function templateFor(s: AppState, c: Pick<Composer, 'kind' | 'productId' | 'rejectionReason' | 'outcome' | 'language'>): string {
  const claim = s.claim.view?.claim;
  if (!claim) return '';
  const t = i18n.getFixedT(c.language);
  switch (c.kind) {
    case 'approve':
      return approveMessage(t);
    case 'request-info': {
      const reasons = tickedReasons(claim.checklist);
      return reasons.length > 0 ? requestInfoMessage(t, reasons, claim.products) : '';
    }
    case 'reject':
      return rejectMessage(t, c.rejectionReason);
    case 'resolve-dispute':
      return disputeMessage(t, c.outcome);
    case 'remove-product':
      return removeProductMessage(t, claim.products.find((p) => p.id === c.productId)?.name ?? c.productId ?? '');
  }
}

/** The supersede choice, sent only with a decision that approves (shared/domain's decisionApproves). */
const chosenSupersedes = (c: Composer) => (decisionApproves(c) && c.supersedes?.length ? { supersedes: c.supersedes } : {});

export function decisionOf(c: Composer, s: AppState): unknown {
  const claim = s.claim.view?.claim;
  switch (c.kind) {
    case 'approve':
      return { kind: 'approve', message: c.message.trim() || null, ...chosenSupersedes(c) };
    case 'request-info':
      return { kind: 'request-info', reasons: tickedReasons(claim?.checklist ?? []).map(({ code, productId }) => ({ code, productId })), message: c.message };
    case 'reject':
      return { kind: 'reject', reason: c.rejectionReason, message: c.message };
    case 'resolve-dispute':
      return { kind: 'resolve-dispute', outcome: c.outcome, message: c.message, ...chosenSupersedes(c) };
    case 'remove-product':
      return { kind: 'remove-product', productId: c.productId, message: c.message };
  }
}
