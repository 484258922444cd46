// Which reviewer actions the open claim allows, asked of shared/domain's transition table with the
// local claim's history. The renderer never decides a transition itself.
import { checkAction, contextOf, type ActionCheck, type BusinessCalendar, type ClaimAction, type Role } from '../../shared/domain';
import type { Claim } from '../../shared/contracts';

export const REVIEWER_ACTIONS = ['checklist', 'comment', 'approve', 'request-info', 'reject', 'remove-product', 'resolve-dispute'] as const satisfies readonly ClaimAction[];
export type ReviewerAction = (typeof REVIEWER_ACTIONS)[number];
export type Permissions = Record<ReviewerAction, ActionCheck>;

const denied = (reason: string): ActionCheck => ({ ok: false, reason });

export function permissionsFor(claim: Claim | null, role: Role | null, now: string, calendar: BusinessCalendar): Permissions {
  const result = {} as Permissions;
  if (!claim || !role) {
    for (const a of REVIEWER_ACTIONS) result[a] = denied('no claim is open');
    return result;
  }
  const ctx = contextOf(claim.history, {
    now,
    calendar,
    documentCount: claim.documents.length,
    activeProductCount: claim.products.filter((p) => !p.removed).length,
  });
  for (const a of REVIEWER_ACTIONS) result[a] = checkAction(a, role, ctx);
  return result;
}
