// Leasing claims to reviewers on the real service: exclusivity, urgency order, release, renew, expiry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Claim } from '../../shared/contracts';
import { advanceClock, clockFrom, MONDAY_0900_TAIPEI, signIn, startTestService, type TestService } from '../support/service';
import { mutation, submittedClaim } from './fixtures';

let svc: TestService;
beforeEach(async () => {
  svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI) });
});
afterEach(async () => {
  await svc.stop();
});

describe('leases', () => {
  it('never leases one claim to two reviewers, even when they pull at the same time', async () => {
    const partner = await signIn(svc.url, 'partner1');
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push((await submittedClaim(partner)).id);
    const [rev1, rev2] = await Promise.all([signIn(svc.url, 'rev1'), signIn(svc.url, 'rev2')]);
    const pulls = await Promise.all([rev1, rev2, rev1, rev2, rev1, rev2].map((r) => r.call('leaseCreate', { body: { size: 3 } })));
    const byRev1 = new Set(pulls.filter((_, i) => i % 2 === 0).flatMap((p) => p.claims.map((c) => c.id)));
    const byRev2 = new Set(pulls.filter((_, i) => i % 2 === 1).flatMap((p) => p.claims.map((c) => c.id)));
    expect([...byRev1].filter((id) => byRev2.has(id))).toEqual([]);
    expect(new Set([...byRev1, ...byRev2])).toEqual(new Set(ids));
    for (const p of pulls.filter((_, i) => i % 2 === 0)) for (const c of p.claims) expect(c.lease?.reviewerId).toBe(rev1.user.id);
    // Nothing is left for a third reviewer.
    const rev3 = await signIn(svc.url, 'rev3');
    expect((await rev3.call('leaseCreate', { body: { size: 10 } })).claims).toEqual([]);
  });

  it('answers with full claims and starts the review of a submitted claim, by the reviewer who leased it', async () => {
    const partner = await signIn(svc.url, 'partner1');
    const submitted = await submittedClaim(partner);
    const rev1 = await signIn(svc.url, 'rev1');
    const { lease, claims } = await rev1.call('leaseCreate', { body: { size: 5 } });
    expect(claims).toHaveLength(1);
    const claim = Claim.parse(claims[0]);
    expect(claim.status).toBe('in-review');
    expect(claim.version).toBe(submitted.version + 1);
    expect(claim.history.at(-1)).toMatchObject({ kind: 'review-started', actor: { id: rev1.user.id, role: 'reviewer' } });
    expect(claim.deadlines.find((d) => d.kind === 'review-start')?.metAt).not.toBeNull();
    expect(claim.deadlines.find((d) => d.kind === 'review' && d.metAt === null)).toBeDefined();
    expect(claim.lease).toEqual({ id: lease.id, reviewerId: rev1.user.id, expiresAt: lease.expiresAt });
    expect(Date.parse(lease.expiresAt) - Date.parse(claim.history.at(-1)!.at)).toBe(30 * 60_000);
  });

  it('leases the most urgent claims first', async () => {
    // Sessions last 8 hours of service time: sign in again after moving the clock by days.
    const first = await submittedClaim(await signIn(svc.url, 'partner1'));
    await advanceClock(svc.url, 'P1D');
    const second = await submittedClaim(await signIn(svc.url, 'partner1'));
    await advanceClock(svc.url, 'P1D');
    await submittedClaim(await signIn(svc.url, 'partner1'));
    const rev1 = await signIn(svc.url, 'rev1');
    const { claims } = await rev1.call('leaseCreate', { body: { size: 2 } });
    expect(new Set(claims.map((c) => c.id))).toEqual(new Set([first.id, second.id]));
  });

  it('adds a new pull to the reviewer’s active lease and extends it', async () => {
    const partner = await signIn(svc.url, 'partner1');
    for (let i = 0; i < 3; i++) await submittedClaim(partner);
    const rev1 = await signIn(svc.url, 'rev1');
    const a = await rev1.call('leaseCreate', { body: { size: 1 } });
    await advanceClock(svc.url, 'PT10M');
    const b = await rev1.call('leaseCreate', { body: { size: 1 } });
    expect(b.lease.id).toBe(a.lease.id);
    expect(b.lease.expiresAt > a.lease.expiresAt).toBe(true);
    expect(b.claims.map((c) => c.id)).toContain(a.claims[0]!.id);
    expect(b.claims).toHaveLength(2);
  });

  it('returns released claims to the pool for the next reviewer', async () => {
    const partner = await signIn(svc.url, 'partner1');
    const claim = await submittedClaim(partner);
    const [rev1, rev2] = await Promise.all([signIn(svc.url, 'rev1'), signIn(svc.url, 'rev2')]);
    const { lease } = await rev1.call('leaseCreate', { body: { size: 5 } });
    expect((await rev2.call('leaseCreate', { body: { size: 5 } })).claims).toEqual([]);
    expect((await rev2.raw('leaseRelease', { params: { id: lease.id } })).status).toBe(404);
    await rev1.call('leaseRelease', { params: { id: lease.id } });
    expect((await rev1.call('claimGet', { params: { id: claim.id } })).lease).toBeNull();
    const next = await rev2.call('leaseCreate', { body: { size: 5 } });
    expect(next.claims.map((c) => c.id)).toEqual([claim.id]);
    expect(next.claims[0]!.status).toBe('in-review');
    const qa = await signIn(svc.url, 'qa1');
    const { changes } = await qa.call('changes', { query: { after: 0 } });
    expect(changes.filter((c) => c.claimId === claim.id).map((c) => c.kind)).toEqual([
      'created',
      'document-added',
      'submitted',
      'lease-acquired',
      'review-started',
      'lease-released',
      'lease-acquired',
    ]);
  });

  it('lets a lease expire after its period: the claims go back to the pool and the holder may no longer act', async () => {
    const partner = await signIn(svc.url, 'partner1');
    await submittedClaim(partner);
    const [rev1, rev2] = await Promise.all([signIn(svc.url, 'rev1'), signIn(svc.url, 'rev2')]);
    const { claims, lease } = await rev1.call('leaseCreate', { body: { size: 5 } });
    const renewed = await rev1.call('leaseRenew', { params: { id: lease.id } });
    expect(renewed.lease.expiresAt >= lease.expiresAt).toBe(true);
    await advanceClock(svc.url, 'PT31M');
    expect((await rev1.raw('leaseRenew', { params: { id: lease.id } })).status).toBe(409);
    const late = await rev1.call('mutations', { body: { mutations: [mutation(claims[0]!, 'approve', { message: null })] } });
    expect(late.results[0]).toMatchObject({ outcome: 'invalid', problem: { type: 'urn:poe:problem:not-leased' } });
    const taken = await rev2.call('leaseCreate', { body: { size: 5 } });
    expect(taken.claims.map((c) => c.id)).toEqual([claims[0]!.id]);
    const { changes } = await rev2.call('changes', { query: { after: 0 } });
    expect(changes.map((c) => c.kind)).toContain('lease-expired');
  });

  it('lets only reviewers pull', async () => {
    for (const who of ['partner1', 'qa1', 'customer1', 'admin1']) {
      const c = await signIn(svc.url, who);
      const res = await c.raw('leaseCreate', { body: { size: 1 } });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
