// The CPOR process around a claim on the real service with the test clock: consent that no dispute
// overturns, timers stamped when due, disputes with updated PoE, edit diffs, the 10-day target, one
// partner of record, ending an association, and what a customer may see.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { demoCast } from '../../server/demo/world';
import { advanceClock, clockFrom, MONDAY_0900_TAIPEI, signIn, startTestService, type Client, type TestService } from '../support/service';
import { claimInput, draftClaim, leasedClaim, mutation, pdfBytes, submittedClaim } from './fixtures';

let svc: TestService;
const as = (u: string) => signIn(svc.url, u);
beforeEach(async () => {
  svc = await startTestService({ demoClaims: 0, now: clockFrom(MONDAY_0900_TAIPEI) });
});
afterEach(async () => {
  await svc.stop();
});

async function decide(claim: Pick<Claim, 'id' | 'version'>, kind: string, payload: Record<string, unknown>, reviewer = 'rev1'): Promise<Claim> {
  const res = await (await as(reviewer)).call('mutations', { body: { mutations: [mutation(claim, kind, payload)] } });
  expect(res.results[0], JSON.stringify(res.results[0]?.problem)).toMatchObject({ outcome: 'applied' });
  // An applied answer carries no claim (compact push answers): read it as the reviewer now sees it.
  return (await as(reviewer)).call('claimGet', { params: { id: claim.id } });
}
const qaView = async (id: string) => (await as('qa1')).call('claimGet', { params: { id } });
const tenantOf = (username: string) => demoCast(42).customers.find((c) => c.username === username)!.tenantId;
const upload = (p: Client, id: string, label = 'updated') =>
  p.raw('documentUpload', { params: { id }, query: { fileName: `${label}.pdf` }, body: pdfBytes(label) });

describe('a customer’s decline of consent', () => {
  it('is final: a dispute of it is refused with a clear message and no window stays open', async () => {
    const customer = { name: 'Wide World Importers', tenantId: tenantOf('customer1'), domain: 'wideworldimporters.example' };
    const { claim, partner } = await leasedClaim(svc.url, as, 'rev1', { customer });
    await decide(claim, 'approve', { message: null });
    const declined = await (await as('customer1')).call('claimDecline', { params: { id: claim.id }, body: { message: 'We never worked with them.' } });
    expect(declined.rejection?.reason).toBe('customer-declined');
    const res = await partner.raw('claimDispute', { params: { id: claim.id }, body: { justification: 'The customer is mistaken.' } });
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toBe('the customer declined consent, which is final for this claim: the partner may file a new claim');
    expect((await upload(partner, claim.id)).status).toBe(409);
    const seen = await qaView(claim.id);
    expect(seen.derivedState).toBe('dispute-window-closed');
    expect(seen.deadlines.filter((d) => d.kind === 'dispute-window')).toEqual([]);
    await advanceClock(svc.url, 'P31D');
    expect((await qaView(claim.id)).version).toBe(seen.version); // no timer fires on it
  });
});

describe('timers', () => {
  it('stamp an automatic rejection at the end of the partner’s 5 business days, and the dispute window runs from there', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    const asked = await decide(claim, 'request-info', { reasons: [{ code: 'date-missing-or-outdated', productId: null }], message: 'The PoE is dated 2023.' });
    const due = asked.deadlines.find((d) => d.kind === 'partner-response')!.dueAt;
    expect(due).toBe('2026-03-09T15:59:59.999Z');
    await advanceClock(svc.url, 'P10D'); // the sweep runs days after the deadline
    const after = await qaView(claim.id);
    expect(after.history.at(-1)).toMatchObject({ kind: 'rejected', reason: 'no-partner-response', at: due });
    expect(after.rejection?.at).toBe(due);
    expect(after.deadlines.find((d) => d.kind === 'dispute-window')).toMatchObject({ startedAt: due, dueAt: '2026-04-08T15:59:59.999Z' });
  });

  it('fire in order in one sweep when the clock jumps past several, each stamped at its own due time', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    await decide(claim, 'request-info', { reasons: [{ code: 'missing-partner-solution', productId: null }], message: 'Describe the work.' });
    await advanceClock(svc.url, 'P60D');
    const after = await qaView(claim.id);
    expect(after.history.slice(-2).map((e) => [e.kind, e.at])).toEqual([
      ['rejected', '2026-03-09T15:59:59.999Z'],
      ['dispute-window-closed', '2026-04-08T15:59:59.999Z'],
    ]);
    expect(after.derivedState).toBe('dispute-window-closed');
  });
});

describe('a dispute', () => {
  it('may carry updated PoE uploaded after the rejection, with or without a justification', async () => {
    const { claim, partner } = await leasedClaim(svc.url, as);
    await decide(claim, 'reject', { reason: 'missing-product', message: 'No Power BI in the PoE.' });
    const bare = await partner.raw('claimDispute', { params: { id: claim.id }, body: {} });
    expect(bare.status).toBe(400);
    expect(await bare.json()).toMatchObject({
      field: 'body.justification',
      detail: 'body.justification: give a business justification, or upload updated PoE to the claim first',
    });
    const up = await upload(partner, claim.id);
    expect(up.status).toBe(201);
    const added = ((await up.json()) as Claim).documents.at(-1)!;
    const disputed = await partner.call('claimDispute', { params: { id: claim.id }, body: {} });
    expect(disputed.derivedState).toBe('disputed');
    expect(disputed.history.at(-1)).toMatchObject({ kind: 'dispute-filed', justification: '', documents: [added.sha256] });
    // Once filed, the dispute is with the reviewer: no more uploads.
    expect((await upload(partner, claim.id, 'late')).status).toBe(409);
  });

  it('cannot bring PoE after its 30-day window', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    await decide(claim, 'reject', { reason: 'insufficient-poe', message: 'Too thin.' });
    await advanceClock(svc.url, 'P31D');
    const res = await upload(await as('partner1'), claim.id);
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/30-day dispute window is over/);
  });
});

describe('partner edits in the history', () => {
  it('record before and after for MPN, products and contacts; a removed product stays visible as removed', async () => {
    const partner = await as('partner1');
    const draft = await submittedClaim(partner);
    const [sales, bi] = draft.products;
    const edited = await partner.call('claimEdit', {
      params: { id: draft.id },
      body: {
        mpnId: '7654321',
        products: [
          { name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales' },
          { name: 'Microsoft Teams', family: 'microsoft-365', workload: 'Teams' },
        ],
        partnerContact: { name: 'Grace Huang', email: 'grace.huang@contosocloud.example', phone: null },
      },
    });
    const entry = edited.history.at(-1)!;
    expect(entry).toMatchObject({ kind: 'edited', fields: ['mpnId', 'products', 'partnerContact'] });
    expect(entry.kind === 'edited' && entry.changes).toEqual([
      { field: 'mpnId', productId: null, before: draft.partner.mpnId, after: '7654321' },
      { field: 'products', productId: bi!.id, before: 'Power BI Pro (Power BI)', after: null },
      { field: 'products', productId: `${draft.id}-p3`, before: null, after: 'Microsoft Teams (Teams)' },
      {
        field: 'partnerContact',
        productId: null,
        before: 'Grace Huang <grace@contosocloud.example> +886 2 1234 5678',
        after: 'Grace Huang <grace.huang@contosocloud.example>',
      },
    ]);
    expect(edited.products.map((p) => [p.id, p.name, p.removed])).toEqual([
      [sales!.id, 'Dynamics 365 Sales', false],
      [`${draft.id}-p3`, 'Microsoft Teams', false],
      [bi!.id, 'Power BI Pro', true],
    ]);
    expect((await qaView(draft.id)).history.at(-1)).toEqual(entry); // the reviewer side reads the same entry
  });

  it('name the partner user’s role (billing, global or incentives admin) on what they did', async () => {
    const partner = await as('partner2');
    expect(await partner.call('me')).toMatchObject({ role: 'partner', partnerRole: 'global-admin' });
    const claim = await submittedClaim(partner);
    expect(claim.history.map((e) => e.actor.partnerRole)).toEqual(['global-admin', 'global-admin', 'global-admin']);
    expect((await as('rev1')).user).not.toHaveProperty('partnerRole');
  });
});

describe('the 10-day decision target', () => {
  it('runs from the start of the review through the partner’s answer time, and a decision meets it', async () => {
    const { claim } = await leasedClaim(svc.url, as);
    const target = claim.deadlines.find((d) => d.kind === 'decision-target')!;
    expect(target).toMatchObject({ startedAt: claim.history.find((e) => e.kind === 'review-started')!.at, dueAt: '2026-03-16T15:59:59.999Z', metAt: null });
    const asked = await decide(claim, 'request-info', { reasons: [{ code: 'missing-product', productId: null }], message: 'Name the products.' });
    expect(asked.deadlines.find((d) => d.kind === 'decision-target')!.metAt).toBeNull(); // not paused, not met by a request
    await advanceClock(svc.url, 'P3D');
    await (await as('partner1')).call('claimResubmit', { params: { id: claim.id }, body: { message: 'Products named on page 3.' } });
    const { claims } = await (await as('rev1')).call('leaseCreate', { body: { size: 5 } }); // the first lease ran out meanwhile
    const approved = await decide(
      claims.find((c) => c.id === claim.id)!,
      'approve',
      { message: null },
    );
    expect(approved.deadlines.find((d) => d.kind === 'decision-target')!.metAt).toBe(approved.history.at(-1)!.at);
  });
});

describe('one partner of record', () => {
  it('lists the same partner’s duplicates, most recent PoE first, and an approval over an approved claim needs the choice to supersede it', async () => {
    const customer = { name: 'Contested Co', tenantId: crypto.randomUUID(), domain: 'contested.example' };
    const p4 = await as('partner4');
    const first = await submittedClaim(p4, { customer });
    await advanceClock(svc.url, 'PT1H');
    const duplicate = await submittedClaim(p4, { customer });
    await advanceClock(svc.url, 'PT1H');
    const rival = await submittedClaim(await as('partner5'), { customer });
    const rev = await as('rev1');
    const { claims } = await rev.call('leaseCreate', { body: { size: 10 } });
    const leased = (id: string) => claims.find((c) => c.id === id)!;
    expect(leased(first.id).competing.map((c) => c.id)).toEqual([rival.id, duplicate.id]);
    await decide(leased(first.id), 'approve', { message: null });
    const plain = await rev.call('mutations', { body: { mutations: [mutation(leased(rival.id), 'approve', { message: null })] } });
    expect(plain.results[0]).toMatchObject({ outcome: 'invalid', problem: { status: 409, field: 'mutations.0.payload.supersedes' } });
    expect(plain.results[0]!.problem!.detail).toContain(`claim ${first.id} on the same customer workload is approved`);
    const stray = await rev.call('mutations', {
      body: { mutations: [mutation(leased(rival.id), 'approve', { message: null, supersedes: [first.id, duplicate.id] })] },
    });
    expect(stray.results[0]!.problem!.detail).toContain(`claim ${duplicate.id} is not an approved claim`);
    const chosen = await decide(leased(rival.id), 'approve', { message: 'More recent PoE.', supersedes: [first.id] });
    expect(chosen.history.at(-1)).toMatchObject({ kind: 'approved', supersedes: [first.id] });
    const loser = await qaView(first.id);
    expect(loser.status).toBe('rejected');
    expect(loser.history.at(-1)).toMatchObject({ kind: 'rejected', reason: 'superseded', supersededBy: rival.id, actor: { id: rev.user.id } });
  });

  it('holds when approvals of two claims on one workload race, each in its own push', async () => {
    const [p4, p5] = [await as('partner4'), await as('partner5')];
    const pairs: Claim[][] = [];
    for (let i = 0; i < 3; i++) {
      const customer = { name: `Raced Co ${i}`, tenantId: crypto.randomUUID(), domain: `raced${i}.example` };
      pairs.push([await submittedClaim(p4, { customer }), await submittedClaim(p5, { customer })]);
    }
    const rev = await as('rev1');
    const { claims } = await rev.call('leaseCreate', { body: { size: 10 } });
    const approve = (c: Claim) =>
      rev.call('mutations', {
        body: {
          mutations: [
            mutation(
              claims.find((l) => l.id === c.id)!,
              'approve',
              { message: null },
            ),
          ],
        },
      });
    const answers = await Promise.all(pairs.flat().map(approve));
    const outcomes = answers.map((a) => a.results[0]!.outcome);
    for (const a of answers)
      if (a.results[0]!.outcome === 'invalid') expect(a.results[0]!.problem).toMatchObject({ status: 409, field: 'mutations.0.payload.supersedes' });
    const qa = await as('qa1');
    for (const [i, pair] of pairs.entries()) {
      expect(outcomes.slice(2 * i, 2 * i + 2).sort()).toEqual(['applied', 'invalid']);
      const statuses = await Promise.all(pair.map(async (c) => (await qa.call('claimGet', { params: { id: c.id } })).status));
      expect(statuses.filter((s) => s === 'approved')).toHaveLength(1);
    }
  });

  it('holds when a dispute is overturned: the overturn needs the same choice, an upheld one supersedes nothing', async () => {
    const customer = { name: 'Appealed Co', tenantId: crypto.randomUUID(), domain: 'appealed.example' };
    const p4 = await as('partner4');
    const appealing = await submittedClaim(p4, { customer });
    const holder = await submittedClaim(await as('partner5'), { customer });
    const rev = await as('rev1');
    const leased = (await rev.call('leaseCreate', { body: { size: 10 } })).claims;
    await decide(
      leased.find((c) => c.id === appealing.id)!,
      'reject',
      { reason: 'insufficient-poe', message: 'Too thin.' },
    );
    await decide(
      leased.find((c) => c.id === holder.id)!,
      'approve',
      { message: null },
    );
    await p4.call('claimDispute', { params: { id: appealing.id }, body: { justification: 'We ran the rollout; see the statement of work.' } });
    const disputed = await rev.call('claimGet', { params: { id: appealing.id } });
    expect(disputed.competing.map((c) => [c.id, c.status])).toEqual([[holder.id, 'approved']]);
    const push = async (payload: Record<string, unknown>) =>
      (await rev.call('mutations', { body: { mutations: [mutation(disputed, 'resolve-dispute', payload)] } })).results[0]!;
    const plain = await push({ outcome: 'overturn', message: 'The statement of work shows it.' });
    expect(plain).toMatchObject({ outcome: 'invalid', problem: { status: 409, field: 'mutations.0.payload.supersedes' } });
    expect(plain.problem!.detail).toBe(
      `mutations.0.payload.supersedes: claim ${holder.id} on the same customer workload is approved: approve only by superseding it, or do not approve`,
    );
    const upheld = await push({ outcome: 'uphold', message: 'Still too thin.', supersedes: [holder.id] });
    expect(upheld.problem!.detail).toBe('mutations.0.payload.supersedes: only an approval or an overturned dispute supersedes another claim');
    expect((await qaView(holder.id)).status).toBe('approved'); // nothing refused changed anything
    const overturned = await decide(disputed, 'resolve-dispute', { outcome: 'overturn', message: 'The statement of work shows it.', supersedes: [holder.id] });
    expect(overturned.status).toBe('approved');
    expect(overturned.history.at(-1)).toMatchObject({ kind: 'dispute-resolved', outcome: 'overturn', supersedes: [holder.id] });
    const loser = await qaView(holder.id);
    expect(loser.rejection?.reason).toBe('superseded');
    expect(loser.history.at(-1)).toMatchObject({ kind: 'rejected', reason: 'superseded', supersededBy: appealing.id, actor: { id: rev.user.id } });
    expect(overturned.competing.map((c) => [c.id, c.status])).toEqual([[holder.id, 'rejected']]); // one partner of record
  });
});

describe('ending an association', () => {
  it('lets a partner withdraw an approved claim (partner request) and delete a draft, nothing else', async () => {
    const { claim, partner } = await leasedClaim(svc.url, as);
    await decide(claim, 'approve', { message: null });
    const withdrawn = await partner.call('claimWithdraw', { params: { id: claim.id }, body: { message: 'We no longer work with this customer.' } });
    expect(withdrawn.rejection?.reason).toBe('partner-request');
    expect(withdrawn.history.at(-1)).toMatchObject({ kind: 'rejected', reason: 'partner-request', actor: { role: 'partner' } });
    const draft = await draftClaim(partner);
    expect((await (await as('partner2')).raw('claimDelete', { params: { id: draft.id } })).status).toBe(404);
    expect((await partner.raw('claimDelete', { params: { id: draft.id } })).status).toBe(200);
    expect((await partner.raw('claimGet', { params: { id: draft.id } })).status).toBe(404);
    const submitted = await partner.raw('claimDelete', { params: { id: claim.id } });
    expect(submitted.status).toBe(409);
    expect((await submitted.json()).detail).toBe('cannot delete a claim that is rejected');
  });
});

describe('what a customer sees', () => {
  it('nothing before approval; then the consent decision and outcomes, never ticks, threads or the dispute text', async () => {
    const customer = { name: 'Wide World Importers', tenantId: tenantOf('customer1'), domain: 'wideworldimporters.example' };
    const partner = await as('partner1');
    const submitted = await submittedClaim(partner, { ...claimInput(), customer });
    const c1 = await as('customer1');
    expect((await c1.raw('claimGet', { params: { id: submitted.id } })).status).toBe(404);
    expect((await c1.call('claimList', { query: {} })).claims.map((c) => c.id)).not.toContain(submitted.id);
    const rev = await as('rev1');
    const [leased] = (await rev.call('leaseCreate', { body: { size: 1 } })).claims;
    const ticked = await decide(leased!, 'checklist', { code: 'missing-product', productId: null, checked: true, note: 'internal note' });
    const commented = await decide(ticked, 'comment', { text: 'Reviewer to partner.' });
    await decide(commented, 'approve', { message: 'PoE complete.' });
    const seen = await c1.call('claimGet', { params: { id: submitted.id } });
    expect(seen.status).toBe('approved');
    expect(seen.history.map((e) => e.kind)).toEqual(['approved']);
    expect(seen.history[0]).toMatchObject({ message: null });
    expect([seen.comments, seen.checklist, seen.deadlines.map((d) => d.kind)]).toEqual([[], [], ['consent-window']]);
    expect((await c1.call('claimList', { query: {} })).claims.map((c) => c.id)).toContain(submitted.id);
  });
});
