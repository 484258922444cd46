// What a customer may see of a claim: nothing before a reviewer approved it, then only the consent
// decision and the outcomes — never reviewers' ticks, comments or the partner's dispute text.
import type { HistoryEntry, HistoryKind } from './history';

const CUSTOMER_KINDS: readonly HistoryKind[] = ['approved', 'customer-declined', 'sent-for-incentive-evaluation', 'rejected', 'dispute-resolved'];

/** A customer sees a claim from its first approval on. */
export const customerMayRead = (history: readonly HistoryEntry[]): boolean =>
  history.some((e) => e.kind === 'approved' || (e.kind === 'dispute-resolved' && e.outcome === 'overturn'));

/** The entries a customer sees: outcomes from the first approval on, messages only their own. */
export function customerHistory(history: readonly HistoryEntry[]): HistoryEntry[] {
  const from = history.findIndex((e) => e.kind === 'approved' || (e.kind === 'dispute-resolved' && e.outcome === 'overturn'));
  if (from < 0) return [];
  return history
    .slice(from)
    .filter((e) => CUSTOMER_KINDS.includes(e.kind))
    .map((e) => {
      if (e.actor.role === 'customer' || !('message' in e)) return e;
      return { ...e, message: e.kind === 'dispute-resolved' ? '' : null } as HistoryEntry;
    });
}
