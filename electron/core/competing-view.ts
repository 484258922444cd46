// The competing claims as the workstation shows them: each dated by its customer acknowledgement once the
// PoE assist's cache has read it (else its upload time), in shared/domain's byPoeDate order.
import type { Claim } from '../../shared/contracts';
import { byPoeDate } from '../../shared/domain';

/** The claim with its competing claims dated from the assist cache (`acknowledgedOn`) and ordered by their PoE's date. */
export function withPoeDates(claim: Claim, acknowledgedOn: (claimId: string) => string | null, timeZone: string): Claim {
  if (claim.competing.length === 0) return claim;
  const dated = claim.competing.map((c) => ({ ...c, acknowledgedOn: acknowledgedOn(c.id) }));
  return { ...claim, competing: byPoeDate(dated, timeZone) };
}
