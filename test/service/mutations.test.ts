// Pushing reviewer mutations to the real service: at most once per id, conflicts on stale versions
// changed by someone else, invalid when not leased or not allowed; comments commute.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PushResponse } from '../../shared/contracts';
import { clockFrom, MONDAY_0900_TAIPEI, signIn, startTestService, type TestService } from '../support/service';
import { leasedClaim, mutation } from './fixtures';

let svc: TestService;
const as = (u: string) => signIn(svc.url, u);
beforeEach(async () => {
  svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI) });
});
afterEach(async () => {
  await svc.stop();
});

describe('mutations', () => {
  it('applies a replayed mutation id once and answers duplicate, with the id and outcome only, the second time', async () => {
    const { reviewer, claim } = await leasedClaim(svc.url, as);
    const m = mutation(claim, 'comment', { text: 'Looking at the PoE now.' });
    const first = PushResponse.parse(await reviewer.call('mutations', { body: { mutations: [m] } }));
    expect(first.results[0]).toEqual({ id: (m as { id: string }).id, outcome: 'applied', version: claim.version + 1, at: expect.any(String) });
    const again = await reviewer.call('mutations', { body: { mutations: [m, m] } });
    expect(again.results).toEqual([
      { id: (m as { id: string }).id, outcome: 'duplicate' },
      { id: (m as { id: string }).id, outcome: 'duplicate' },
    ]);
    const now = await reviewer.call('claimGet', { params: { id: claim.id } });
    expect(now.history.filter((e) => e.kind === 'comment')).toHaveLength(1);
  });

  it('applies an id sent twice in one push once: applied, then duplicate (the push reads its ids ahead)', async () => {
    const { reviewer, claim } = await leasedClaim(svc.url, as);
    const m = mutation(claim, 'comment', { text: 'Twice in one push.' });
    const other = mutation(claim, 'comment', { text: 'Once.' });
    const answer = PushResponse.parse(await reviewer.call('mutations', { body: { mutations: [m, other, m] } }));
    const id = (m as { id: string }).id;
    expect(answer.results.map((r) => [r.id, r.outcome, r.version])).toEqual([
      [id, 'applied', claim.version + 1],
      [(other as { id: string }).id, 'applied', claim.version + 2],
      [id, 'duplicate', undefined],
    ]);
    const now = await reviewer.call('claimGet', { params: { id: claim.id } });
    expect(now.version).toBe(claim.version + 2);
    expect(now.history.filter((e) => e.kind === 'comment').map((e) => (e as { text: string }).text)).toEqual(['Twice in one push.', 'Once.']);
  });

  it('applies a decision at most once even when the same push is sent twice at the same time', async () => {
    const { reviewer, claim } = await leasedClaim(svc.url, as);
    const m = mutation(claim, 'approve', { message: 'PoE complete.' });
    const answers = await Promise.all([1, 2].map(() => reviewer.call('mutations', { body: { mutations: [m] } })));
    expect(answers.map((a) => a.results[0]!.outcome).sort()).toEqual(['applied', 'duplicate']);
    const now = await reviewer.call('claimGet', { params: { id: claim.id } });
    expect(now.history.filter((e) => e.kind === 'approved')).toHaveLength(1);
  });

  it('answers conflict, with the current claim, for a decision based on a version someone else changed since', async () => {
    const { partner, reviewer, claim } = await leasedClaim(svc.url, as);
    await partner.call('claimComment', { params: { id: claim.id }, body: { text: 'We added the signed acknowledgement.' } });
    const res = await reviewer.call('mutations', {
      body: { mutations: [mutation(claim, 'approve', { message: null }), mutation(claim, 'checklist', { code: 'missing-product', checked: true })] },
    });
    expect(res.results.map((r) => r.outcome)).toEqual(['conflict', 'conflict']);
    expect(res.results.map((r) => r.version)).toEqual([claim.version + 1, claim.version + 1]);
    // The claim comes once per claim per push: the second conflict on it answers without it.
    expect(res.results[1]!.claim).toBeUndefined();
    expect(res.results[0]!.claim!.version).toBe(claim.version + 1);
    expect(res.results[0]!.claim!.status).toBe('in-review');
    expect(res.results[0]!.claim!.comments.at(-1)!.text).toBe('We added the signed acknowledgement.');
  });

  it('applies a comment whatever its base version while the lease is held (comments commute)', async () => {
    const { partner, reviewer, claim } = await leasedClaim(svc.url, as);
    await partner.call('claimComment', { params: { id: claim.id }, body: { text: 'Any news?' } });
    const res = await reviewer.call('mutations', { body: { mutations: [mutation(claim, 'comment', { text: 'Reviewing today.' })] } });
    expect(res.results[0]).toMatchObject({ outcome: 'applied', version: claim.version + 2 });
    expect(res.results[0]!.claim).toBeUndefined();
    const now = await reviewer.call('claimGet', { params: { id: claim.id } });
    expect(now.comments.map((c) => c.text)).toEqual(['Any news?', 'Reviewing today.']);
  });

  it('never makes a reviewer’s later mutations stale because of their own earlier ones', async () => {
    const { reviewer, claim } = await leasedClaim(svc.url, as);
    const productId = claim.products[1]!.id;
    const res = await reviewer.call('mutations', {
      body: {
        mutations: [
          mutation(claim, 'checklist', { code: 'missing-product', productId, checked: true, note: 'Power BI is not named in the PoE' }),
          mutation(claim, 'comment', { text: 'Please add Power BI to the PoE.' }),
          mutation(claim, 'request-info', { reasons: [{ code: 'missing-product', productId }], message: 'The PoE does not name Power BI Pro.' }),
        ],
      },
    });
    expect(res.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect(res.results.map((r) => r.version)).toEqual([claim.version + 1, claim.version + 2, claim.version + 3]);
    const last = await reviewer.call('claimGet', { params: { id: claim.id } });
    expect(last.status).toBe('partner-action-needed');
    expect(last.checklist).toEqual([expect.objectContaining({ code: 'missing-product', productId, checked: true })]);
  });

  it('answers invalid for a claim that is not leased to the pushing reviewer', async () => {
    const { claim } = await leasedClaim(svc.url, as, 'rev1');
    const rev2 = await as('rev2');
    const res = await rev2.call('mutations', {
      body: { mutations: [mutation(claim, 'approve', { message: null }), mutation(claim, 'comment', { text: 'hi' })] },
    });
    expect(res.results.map((r) => r.outcome)).toEqual(['invalid', 'invalid']);
    expect(res.results[0]!.problem).toMatchObject({ type: 'urn:poe:problem:not-leased', field: 'mutations.0.claimId' });
    expect(res.results[0]!.claim).toBeUndefined();
    const unknown = await rev2.call('mutations', { body: { mutations: [mutation({ id: 'CLM-NOPE', version: 1 }, 'comment', { text: 'hi' })] } });
    expect(unknown.results[0]).toMatchObject({ outcome: 'invalid', problem: { status: 404 } });
  });

  it('answers invalid, naming the rule, for an action the claim’s status does not allow', async () => {
    const { reviewer, claim } = await leasedClaim(svc.url, as);
    const res = await reviewer.call('mutations', {
      body: {
        mutations: [
          mutation(claim, 'request-info', {
            reasons: [{ code: 'missing-customer-acknowledgement', productId: null }],
            message: 'Please have the customer sign.',
          }),
          mutation(claim, 'approve', { message: null }),
          mutation(claim, 'resolve-dispute', { outcome: 'uphold', message: 'No.' }),
        ],
      },
    });
    expect(res.results.map((r) => r.outcome)).toEqual(['applied', 'invalid', 'invalid']);
    expect(res.results[1]!.problem!.detail).toMatch(/cannot approve a claim that is partner-action-needed/);
    expect(res.results[1]!.claim!.status).toBe('partner-action-needed');
    expect(res.results[2]!.problem!.detail).toMatch(/resolve dispute/);
  });

  it('answers invalid for a bad payload without blocking the mutations after it', async () => {
    const { reviewer, claim } = await leasedClaim(svc.url, as);
    const res = await reviewer.call('mutations', {
      body: {
        mutations: [
          mutation(claim, 'reject', { reason: 'no-partner-response', message: 'x' }),
          mutation(claim, 'checklist', { code: 'missing-customer-acknowledgement', productId: claim.products[0]!.id, checked: true }),
          mutation(claim, 'remove-product', { productId: 'not-a-product', message: 'x' }),
          { id: 'not-a-uuid', claimId: claim.id, baseVersion: claim.version, kind: 'comment', payload: { text: 'x' } } as never,
          mutation(claim, 'comment', { text: 'Still fine.' }),
        ],
      },
    });
    expect(res.results.map((r) => r.outcome)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'applied']);
    expect(res.results[0]!.problem!.field).toBe('mutations.0.payload.reason');
    expect(res.results[1]!.problem!.detail).toMatch(/applies to the whole claim/);
    expect(res.results[2]!.problem!.field).toBe('mutations.2.payload.productId');
    expect(res.results[3]!.problem!.field).toBe('mutations.3.id');
  });

  it('refuses a push that is not a list of mutations with a 400 problem', async () => {
    const { reviewer } = await leasedClaim(svc.url, as);
    for (const body of [{}, { mutations: [] }, { mutations: 'x' }]) {
      const res = await reviewer.raw('mutations', { body: body as never });
      expect(res.status).toBe(400);
      expect((await res.json()).field).toMatch(/^body/);
    }
  });
});
