// What a dispute carries: a business justification and/or updated PoE (seed). The PoE "new since the
// rejection" is every document added after the claim's latest rejection.
import type { HistoryEntry } from './history';

const isRejection = (e: HistoryEntry): boolean => e.kind === 'rejected' || e.kind === 'customer-declined';

/** SHA-256 of the documents added after the latest rejection (the updated PoE of a dispute). */
export function documentsSinceRejection(history: readonly HistoryEntry[]): string[] {
  let since = -1;
  history.forEach((e, i) => {
    if (isRejection(e)) since = i;
  });
  if (since < 0) return [];
  return history.slice(since + 1).flatMap((e) => (e.kind === 'document-added' ? [e.sha256] : []));
}

/** Why a dispute with this justification cannot be filed, or null: it needs a justification or updated PoE. */
export function disputeEvidenceProblem(history: readonly HistoryEntry[], justification: string): string | null {
  if (justification.trim() !== '' || documentsSinceRejection(history).length > 0) return null;
  return 'give a business justification, or upload updated PoE to the claim first';
}
