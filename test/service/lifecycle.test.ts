// Every transition and deadline of the seed, driven for real through the service's routes, with the
// test clock crossing the deadlines (starting on a Monday in Taipei, the demo calendar).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { advanceClock, clockFrom, MONDAY_0900_TAIPEI, signIn, startTestService, type TestService } from '../support/service';
import { demoCast } from '../../server/demo/world';
import { leasedClaim, mutation, submittedClaim } from './fixtures';

let svc: TestService;
const as = (u: string) => signIn(svc.url, u);
beforeEach(async () => {
  svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI) });
});
afterEach(async () => {
  await svc.stop();
});

async function decide(claim: Claim, kind: string, payload: Record<string, unknown>, reviewer = 'rev1'): Promise<Claim> {
  const res = await (await as(reviewer)).call('mutations', { body: { mutations: [mutation(claim, kind, payload)] } });
  expect(res.results[0]).toMatchObject({ outcome: 'applied' });
  return (await as(reviewer)).call('claimGet', { params: { id: claim.id } });
}
const qaView = async (id: string) => (await as('qa1')).call('claimGet', { params: { id } });

describe('the claim lifecycle', () => {
  it('submit → a reviewer’s lease starts the review within the review-start deadline', async () => {
    const partner = await as('partner1');
    const submitted = await submittedClaim(partner);
    expect(submitted.status).toBe('submitted');
    const rs = submitted.deadlines.find((d) => d.kind === 'review-start')!;
    expect(rs.dueAt).toBe('2026-03-09T15:59:59.999Z'); // end of the 5th business day after Monday 2 March, Taipei
    const rev = await as('rev1');
    await rev.call('leaseCreate', { body: { size: 1 } });
    const again = await rev.call('claimGet', { params: { id: submitted.id } });
    expect(again.status).toBe('in-review');
    expect(again.deadlines.find((d) => d.kind === 'review-start')!.metAt).not.toBeNull();
  });

  it('request info → the partner resubmits in time → back in review with the same reviewer', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    const asked = await decide(claim, 'request-info', {
      reasons: [{ code: 'missing-customer-acknowledgement', productId: null }],
      message: 'Please add the signed acknowledgement.',
    });
    expect(asked.status).toBe('partner-action-needed');
    expect(asked.deadlines.find((d) => d.kind === 'partner-response' && d.metAt === null)!.dueAt).toBe('2026-03-09T15:59:59.999Z');
    await advanceClock(svc.url, 'P4D'); // Friday
    const p = await as('partner1');
    await p.call('documentUpload', {
      params: { id: claim.id },
      query: { fileName: 'signed.png' },
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
    });
    const back = await p.call('claimResubmit', { params: { id: claim.id }, body: { message: 'Signed acknowledgement attached.' } });
    expect(back.status).toBe('in-review');
    expect(back.documents).toHaveLength(2);
    expect(back.deadlines.find((d) => d.kind === 'partner-response')!.metAt).not.toBeNull();
    expect(back.deadlines.find((d) => d.kind === 'review' && d.metAt === null)).toBeDefined();
    const rev = await as('rev1');
    const { claims } = await rev.call('leaseCreate', { body: { size: 5 } });
    expect(claims.map((c) => c.id)).toContain(claim.id);
    const approved = await decide(
      claims.find((c) => c.id === claim.id)!,
      'approve',
      { message: null },
    );
    expect(approved.status).toBe('approved');
    expect(approved.derivedState).toBe('consent-period');
  });

  it('request info → no answer in 5 business days → rejected for no partner response by the system', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    await decide(claim, 'request-info', { reasons: [{ code: 'date-missing-or-outdated', productId: null }], message: 'The PoE is dated 2023.' });
    await advanceClock(svc.url, 'P7D'); // Monday 9 March 09:00 Taipei: the 5th business day, still in time
    expect((await qaView(claim.id)).status).toBe('partner-action-needed');
    await advanceClock(svc.url, 'PT15H'); // Tuesday 10 March 00:00 Taipei: past the deadline
    const after = await qaView(claim.id);
    expect(after.status).toBe('rejected');
    expect(after.rejection?.reason).toBe('no-partner-response');
    expect(after.history.at(-1)).toMatchObject({ kind: 'rejected', reason: 'no-partner-response', actor: { role: 'system' } });
    expect(after.derivedState).toBeNull();
    const late = await (await as('partner1')).raw('claimResubmit', { params: { id: claim.id }, body: {} });
    expect(late.status).toBe(409);
    expect((await late.json()).detail).toMatch(/cannot resubmit a claim that is rejected/);
  });

  it('lets no customer but the claim’s own tenant see or decline it', async () => {
    const { claim } = await leasedClaim(svc.url, as); // on a made-up tenant
    await decide(claim, 'approve', { message: 'PoE complete.' });
    const customers = await Promise.all(Array.from({ length: 12 }, (_, i) => as(`customer${i + 1}`)));
    for (const c of customers) {
      expect((await c.raw('claimDecline', { params: { id: claim.id }, body: {} })).status).toBe(404);
      expect((await c.call('claimList', { query: {} })).claims.map((x) => x.id)).not.toContain(claim.id);
    }
  });

  it('approve → the customer declines within the 7-day consent period → rejected, customer declined', async () => {
    const customer = await as('customer1');
    const tenantId = await tenantOf('customer1');
    const { claim } = await leasedClaim(svc.url, as, 'rev1', { customer: { name: 'Wide World Importers', tenantId, domain: 'wideworldimporters.example' } });
    await decide(claim, 'approve', { message: null });
    await advanceClock(svc.url, 'P6D');
    const declined = await (await as('customer1')).call('claimDecline', { params: { id: claim.id }, body: { message: 'We did not work with this partner.' } });
    expect(declined.status).toBe('rejected');
    expect(declined.rejection?.reason).toBe('customer-declined');
    // A customer's refusal is final: no dispute window opens (issue 16).
    expect(declined.derivedState).toBe('dispute-window-closed');
    expect(declined.deadlines.find((d) => d.kind === 'dispute-window')).toBeUndefined();
    expect(customer.user.role).toBe('customer');
  });

  it('approve → 7 days pass → sent for incentive evaluation; the customer can no longer decline', async () => {
    const tenantId = await tenantOf('customer2');
    const { claim } = await leasedClaim(svc.url, as, 'rev1', { customer: { name: 'Taiwan Precision Machinery', tenantId, domain: 'twprecision.example' } });
    await decide(claim, 'approve', { message: null });
    await advanceClock(svc.url, 'P7DT1M');
    const after = await qaView(claim.id);
    expect(after.status).toBe('approved');
    expect(after.derivedState).toBe('sent-for-incentive-evaluation');
    expect(after.history.at(-1)).toMatchObject({ kind: 'sent-for-incentive-evaluation', actor: { role: 'system' } });
    const res = await (await as('customer2')).raw('claimDecline', { params: { id: claim.id }, body: {} });
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/consent period is over/);
  });

  it('reject → dispute within 30 days → the dispute is leased → uphold', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    const rejected = await decide(claim, 'reject', { reason: 'insufficient-poe', message: 'The PoE describes no engagement.' });
    expect(rejected.derivedState).toBeNull();
    await advanceClock(svc.url, 'P20D');
    const disputed = await (
      await as('partner1')
    ).call('claimDispute', { params: { id: claim.id }, body: { justification: 'The workshop agenda is on page 2.' } });
    expect(disputed.derivedState).toBe('disputed');
    expect(disputed.deadlines.find((d) => d.kind === 'dispute-answer' && d.metAt === null)).toBeDefined();
    const rev2 = await as('rev2');
    const { claims } = await rev2.call('leaseCreate', { body: { size: 5 } });
    expect(claims.map((c) => c.id)).toEqual([claim.id]);
    const upheld = await decide(claims[0]!, 'resolve-dispute', { outcome: 'uphold', message: 'Page 2 is an agenda, not delivered work.' }, 'rev2');
    expect(upheld.status).toBe('rejected');
    expect(upheld.dispute).toMatchObject({ outcome: 'uphold' });
    expect(upheld.derivedState).toBe('dispute-window-closed');
    const twice = await (await as('partner1')).raw('claimDispute', { params: { id: claim.id }, body: { justification: 'Again.' } });
    expect(twice.status).toBe(409);
  });

  it('reject → dispute → overturn → approved, with a new consent period', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    await decide(claim, 'reject', { reason: 'missing-product', message: 'No Power BI in the PoE.' });
    await (await as('partner1')).call('claimDispute', { params: { id: claim.id }, body: { justification: 'Power BI is in the appendix.' } });
    const rev1 = await as('rev1');
    const leased = await rev1.call('claimGet', { params: { id: claim.id } }); // still rev1's lease
    const overturned = await decide(leased, 'resolve-dispute', { outcome: 'overturn', message: 'Found it in the appendix.' });
    expect(overturned.status).toBe('approved');
    expect(overturned.derivedState).toBe('consent-period');
    expect(overturned.dispute).toMatchObject({ outcome: 'overturn' });
  });

  it('reject → 30 days pass without a dispute → the dispute window closes and a dispute is refused', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    await decide(claim, 'reject', { reason: 'poe-unavailable', message: 'The file cannot be opened.' });
    await advanceClock(svc.url, 'P30DT1M');
    const after = await qaView(claim.id);
    expect(after.derivedState).toBe('dispute-window-closed');
    expect(after.history.at(-1)).toMatchObject({ kind: 'dispute-window-closed', actor: { role: 'system' } });
    const res = await (await as('partner1')).raw('claimDispute', { params: { id: claim.id }, body: { justification: 'Late.' } });
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/30-day dispute window is over/);
  });

  it('withdraw → rejected at the partner’s request', async () => {
    const partner = await as('partner1');
    const claim = await submittedClaim(partner);
    const withdrawn = await partner.call('claimWithdraw', { params: { id: claim.id }, body: { message: 'Wrong MPN.' } });
    expect(withdrawn.status).toBe('rejected');
    expect(withdrawn.rejection?.reason).toBe('partner-request');
    expect((await (await as('rev1')).call('leaseCreate', { body: { size: 5 } })).claims).toEqual([]);
  });

  it('remove product → the claim keeps its other products, and the last one cannot be removed', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    const [a, b] = claim.products;
    const after = await decide(claim, 'remove-product', { productId: b!.id, message: 'The PoE does not support Power BI.' });
    expect(after.products.find((p) => p.id === b!.id)!.removed).toBe(true);
    const res = await (await as('rev1')).call('mutations', { body: { mutations: [mutation(after, 'remove-product', { productId: a!.id, message: 'x' })] } });
    expect(res.results[0]).toMatchObject({ outcome: 'invalid' });
    expect(res.results[0]!.problem!.detail).toMatch(/last product/);
  });
});

/** The tenant of a demo customer user (demo seed 42, the default). */
async function tenantOf(username: string): Promise<string> {
  return demoCast(42).customers.find((c) => c.username === username)!.tenantId;
}
