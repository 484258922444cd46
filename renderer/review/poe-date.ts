// The PoE date of the open claim as shared/domain's byPoeDate counts it: the customer acknowledgement's
// date the PoE assist read (when it has a result for the claim), else the latest upload time.
import type { AssistResult, Claim } from '../../shared/contracts';

export function ownPoe(claim: Pick<Claim, 'documents'>, assist: AssistResult | undefined): { latestPoeAt: string | null; acknowledgedOn: string | null } {
  const latestPoeAt = claim.documents.reduce<string | null>((a, d) => (a === null || d.uploadedAt > a ? d.uploadedAt : a), null);
  return { latestPoeAt, acknowledgedOn: assist?.status === 'done' ? (assist.findings?.acknowledgement.date ?? null) : null };
}
