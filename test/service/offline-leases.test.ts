// Offline checkouts and re-leases on the real service: the checkout's stated end and its cap, renewal
// never shortening it, the policy stated by GET /calendar, and leasing named claims again after a lapse.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../shared/contracts';
import { advanceClock, clockFrom, MONDAY_0900_TAIPEI, signIn, startTestService, type TestService } from '../support/service';
import { leasedClaim, mutation, submittedClaim } from './fixtures';

let svc: TestService;
afterEach(async () => {
  await svc.stop();
});

describe('offline checkout', () => {
  beforeEach(async () => {
    svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI), leaseMinutes: 30 });
  });

  it('holds until 18:00 of the next business day, states its policy, and is never shortened by a renewal', async () => {
    const partner = await signIn(svc.url, 'partner1');
    await submittedClaim(partner);
    const rev = await signIn(svc.url, 'rev1');
    const cal = await rev.call('calendar');
    expect(cal).toMatchObject({ leaseMinutes: 30, offlineLeaseMaxMinutes: 36 * 60 });
    const { lease, claims } = await rev.call('leaseCreate', { body: { size: 5, mode: 'offline' } });
    expect(claims).toHaveLength(1);
    // Monday 09:00 Taipei → Tuesday 18:00 Taipei (10:00 UTC): 33 hours, within the 36-hour maximum.
    expect(lease).toMatchObject({ mode: 'offline', expiresAt: '2026-03-03T10:00:00.000Z' });
    expect(claims[0]!.lease?.expiresAt).toBe(lease.expiresAt);
    const renewed = await rev.call('leaseRenew', { params: { id: lease.id } });
    expect(renewed.lease).toMatchObject({ id: lease.id, expiresAt: lease.expiresAt, mode: 'offline' });
    // A working pull on top of the checkout keeps the checkout's end.
    expect((await rev.call('leaseCreate', { body: { size: 1 } })).lease.expiresAt).toBe(lease.expiresAt);
  });

  it('keeps a checkout alive past the working period, so offline work still applies hours later', async () => {
    const { reviewer, claim } = await leasedClaim(svc.url, (u) => signIn(svc.url, u));
    const { lease } = await reviewer.call('leaseCreate', { body: { size: 1, mode: 'offline' } });
    expect(lease.mode).toBe('offline');
    await advanceClock(svc.url, 'PT2H');
    const rev = await signIn(svc.url, 'rev1');
    const { results } = await rev.call('mutations', { body: { mutations: [mutation(claim, 'approve', { message: null })] } });
    expect(results[0]!.outcome).toBe('applied');
  });

  it('rejects an unknown mode with a problem naming the field', async () => {
    const rev = await signIn(svc.url, 'rev1');
    const res = await rev.raw('leaseCreate', { body: { size: 1, mode: 'forever' } as never });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('mode');
  });
});

describe('offline maximum and re-lease', () => {
  beforeEach(async () => {
    svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI), leaseMinutes: 5, offlineLeaseMaxMinutes: 8 * 60 });
  });

  it('caps a checkout at the offline maximum', async () => {
    const rev = await signIn(svc.url, 'rev1');
    const before = Date.parse((await rev.call('calendar')).now);
    const { lease } = await rev.call('leaseCreate', { body: { size: 1, mode: 'offline' } });
    const after = Date.parse((await rev.call('calendar')).now);
    expect(Date.parse(lease.expiresAt)).toBeGreaterThanOrEqual(before + 8 * 3_600_000);
    expect(Date.parse(lease.expiresAt)).toBeLessThanOrEqual(after + 8 * 3_600_000);
  });

  it('leases named claims again after a lapse when they are free, and not when another reviewer holds them', async () => {
    const { claim } = await leasedClaim(svc.url, (u) => signIn(svc.url, u));
    const other = await submittedClaim(await signIn(svc.url, 'partner1'));
    await advanceClock(svc.url, 'PT6M');
    const rev2 = await signIn(svc.url, 'rev2');
    const took = await rev2.call('leaseCreate', { body: { size: 1, claimIds: [other.id] } });
    expect(took.claims.map((c) => c.id)).toEqual([other.id]);
    const rev1 = await signIn(svc.url, 'rev1');
    const lapsed = await rev1.call('mutations', { body: { mutations: [mutation(claim, 'comment', { text: 'late' })] } });
    expect(lapsed.results[0]).toMatchObject({ outcome: 'invalid', problem: { type: PROBLEM_TYPES.notLeased } });
    const again = await rev1.call('leaseCreate', { body: { size: 2, claimIds: [claim.id, other.id] } });
    expect(again.claims.map((c) => c.id)).toEqual([claim.id]);
    const { results } = await rev1.call('mutations', { body: { mutations: [mutation(claim, 'approve', { message: null })] } });
    expect(results[0]!.outcome).toBe('applied');
  });
});
