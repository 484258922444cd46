// Shared steps of the service integration tests: a partner's claim input, and driving a claim to
// "submitted" through the real partner routes.
import { randomUUID } from 'node:crypto';
import type { Claim, RouteBody } from '../../shared/contracts';
import { claimInput } from '../support/claims';
import type { Client } from '../support/service';

export { claimInput };

/** A minimal, valid PDF document whose bytes differ per call. */
export function pdfBytes(label: string = randomUUID()): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

export async function draftClaim(partner: Client, over: Partial<RouteBody<'claimCreate'>> = {}): Promise<Claim> {
  const claim = await partner.call('claimCreate', { body: claimInput(over) });
  return partner.call('documentUpload', { params: { id: claim.id }, query: { fileName: 'poe.pdf' }, body: pdfBytes() });
}

export async function submittedClaim(partner: Client, over: Partial<RouteBody<'claimCreate'>> = {}): Promise<Claim> {
  const draft = await draftClaim(partner, over);
  return partner.call('claimSubmit', { params: { id: draft.id }, body: {} });
}

/** A mutation as the workstation's outbox would push it. */
export function mutation<K extends string>(claim: Pick<Claim, 'id' | 'version'>, kind: K, payload: Record<string, unknown>, id: string = randomUUID()) {
  return { id, claimId: claim.id, baseVersion: claim.version, kind, payload } as never;
}

/** A partner submits a claim and `reviewer` leases it (the only claim in the pool): both clients and the claim. */
export async function leasedClaim(url: string, signInAs: (u: string) => Promise<Client>, reviewer = 'rev1', over: Partial<RouteBody<'claimCreate'>> = {}) {
  const partner = await signInAs('partner1');
  const submitted = await submittedClaim(partner, over);
  const rev = await signInAs(reviewer);
  const { claims, lease } = await rev.call('leaseCreate', { body: { size: 10 } });
  const claim = claims.find((c) => c.id === submitted.id);
  if (!claim) throw new Error(`the claim ${submitted.id} was not leased to ${reviewer} (${url})`);
  return { partner, reviewer: rev, claim, lease };
}
