// Which reviewer actions the open claim allows, asked of shared/domain's transition table with the
// local claim's history. The renderer never decides a transition itself.
import { checkAction, contextOf, type ActionCheck, type BusinessCalendar, type ClaimAction, type Role } from '../../shared/domain';
import type { Claim } from '../../shared/contracts';

export const REVIEWER_ACTIONS = [
  'checklist',
  'comment',
  'approve',
  'request-info',
  'reject',
  'remove-product',
  'resolve-dispute',
] as const satisfies readonly ClaimAction[];
export type ReviewerAction = (typeof REVIEWER_ACTIONS)[number];
export type Permissions = Record<ReviewerAction, ActionCheck>;

const denied = (reason: string): ActionCheck => ({ ok: false, reason });

/** The reason every action gives on a claim that left the batch (its lease lapsed): it is open to read only. */
export const NOT_LEASED = 'the claim is no longer leased to you';

/** Whether a check failed only because the claim left the batch (the lease notice says so; no status hint). */
export const deniedForLease = (c: ActionCheck): boolean => !c.ok && c.reason === NOT_LEASED;

/**
 * Whether the reviewer may act on the open claim as far as the lease goes: it is leased to them (an expired
 * lease of theirs still counts: offline work goes on and is re-leased on reconnect), or actions of theirs on
 * it still wait to sync. A claim that left the batch is read-only until leased again.
 */
export const leaseHeld = (view: { server: Claim; pending: readonly unknown[] } | null, me: string | null): boolean =>
  !view || view.pending.length > 0 || (me !== null && view.server.lease?.reviewerId === me);

export function permissionsFor(claim: Claim | null, role: Role | null, now: string, calendar: BusinessCalendar, leased = true): Permissions {
  const result = {} as Permissions;
  if (!claim || !role || !leased) {
    for (const a of REVIEWER_ACTIONS) result[a] = denied(claim && role ? NOT_LEASED : 'no claim is open');
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
