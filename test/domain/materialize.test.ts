// Specification of materialize: the Claim a reader sees, built from stored facts and history —
// version, status, derived state, checklist (latest per code and product), the comments thread,
// removed products and deadlines — and always valid against the Claim contract.
import { describe, expect, it } from 'vitest';
import { Claim, materialize, type ClaimFacts, type MaterializeContext, type MutationKind, type MutationPayload } from '../../shared/contracts';
import { deriveDeadlines, HistoryEntry, mutationEvent, type HistoryEvent, type Role } from '../../shared/domain';
import {
  ACTORS,
  approved,
  continueStory,
  created,
  customerDeclined,
  disputeFiled,
  disputeResolved,
  infoRequested,
  inReview,
  poeAdded,
  rejected,
  resubmitted,
  story,
  TAIPEI,
  UTC,
} from './story';

const facts: ClaimFacts = {
  id: 'claim-42',
  createdAt: '2026-01-05T08:00:00.000Z',
  partner: { mpnId: '1234567', name: 'Contoso Partner' },
  customer: { name: 'Fabrikam', tenantId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', domain: 'fabrikam.example' },
  subscriptionId: null,
  activity: 'pre-sales',
  products: [
    { id: 'p-1', name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales', removed: false },
    { id: 'p-2', name: 'Power BI Pro', family: 'power-platform', workload: 'Power BI', removed: false },
    { id: 'p-3', name: 'Microsoft Teams', family: 'microsoft-365', workload: 'Teams', removed: true },
  ],
  customerContact: { name: 'Fay Fabrikam', email: 'fay@fabrikam.example', phone: null },
  partnerContact: { name: 'Carl Contoso', email: 'carl@contoso.example', phone: '+886 2 1234 5678' },
  documents: [{ sha256: 'a'.repeat(64), fileName: 'poe.pdf', mediaType: 'application/pdf', size: 12_345, uploadedAt: '2026-01-05T08:05:00.000Z' }],
};
const ctx: MaterializeContext = { now: '2026-01-07T12:00:00.000Z', calendar: UTC, lease: null, competing: [] };

describe('materialize', () => {
  it('builds a valid Claim at version 0 from facts alone', () => {
    const c = materialize(facts, [], ctx);
    expect(Claim.parse(c)).toEqual(c);
    expect(c).toMatchObject({
      id: 'claim-42',
      version: 0,
      status: 'draft',
      derivedState: null,
      submittedAt: null,
      checklist: [],
      comments: [],
      history: [],
      deadlines: [],
      rejection: null,
      dispute: null,
    });
  });

  it('takes its version from the seq of the last history entry', () => {
    const h = story(...inReview());
    expect(materialize(facts, h, ctx).version).toBe(4);
    const renumbered = h.map((e) => ({ ...e, seq: e.seq + 10 }));
    expect(materialize(facts, renumbered, ctx).version).toBe(14);
  });

  it('takes status, submission time, rejection and dispute from the replayed history', () => {
    const h = story(...inReview(), rejected('2026-01-07T09:00:00.000Z'), disputeFiled('2026-01-08T09:00:00.000Z'));
    const c = materialize(facts, h, { ...ctx, now: '2026-01-08T10:00:00.000Z' });
    expect(c.status).toBe('rejected');
    expect(c.derivedState).toBe('disputed');
    expect(c.submittedAt).toBe('2026-01-05T09:00:00.000Z');
    expect(c.rejection).toEqual({ reason: 'insufficient-poe', at: '2026-01-07T09:00:00.000Z' });
    expect(c.dispute).toEqual({
      filedAt: '2026-01-08T09:00:00.000Z',
      justification: 'The signed PoE was attached to the wrong claim.',
      resolvedAt: null,
      outcome: null,
    });
  });

  it('derives the state with the context’s clock', () => {
    const h = story(...inReview(), approved('2026-01-07T09:00:00.000Z'));
    expect(materialize(facts, h, { ...ctx, now: '2026-01-10T00:00:00.000Z' }).derivedState).toBe('consent-period');
    expect(materialize(facts, h, { ...ctx, now: '2026-01-15T00:00:00.000Z' }).derivedState).toBe('sent-for-incentive-evaluation');
  });

  it('keeps the latest checklist entry per reason and product, in the order each was first ticked', () => {
    const h = continueStory(
      story(...inReview()),
      { kind: 'checklist', code: 'missing-product', productId: 'p-1', checked: true, note: 'Sales not named', at: '2026-01-06T10:00:00.000Z', by: 'reviewer' },
      { kind: 'checklist', code: 'missing-product', productId: 'p-2', checked: true, note: null, at: '2026-01-06T10:01:00.000Z', by: 'reviewer' },
      { kind: 'checklist', code: 'missing-product', productId: null, checked: true, note: null, at: '2026-01-06T10:02:00.000Z', by: 'reviewer' },
      { kind: 'checklist', code: 'date-missing-or-outdated', productId: null, checked: true, note: null, at: '2026-01-06T10:03:00.000Z', by: 'reviewer' },
      { kind: 'checklist', code: 'missing-product', productId: 'p-1', checked: false, note: 'Found on page 3', at: '2026-01-06T10:04:00.000Z', by: 'qa_lead' },
    );
    const c = materialize(facts, h, ctx);
    expect(c.checklist).toEqual([
      { code: 'missing-product', productId: 'p-1', checked: false, note: 'Found on page 3', by: ACTORS.qa_lead, at: '2026-01-06T10:04:00.000Z' },
      { code: 'missing-product', productId: 'p-2', checked: true, note: null, by: ACTORS.reviewer, at: '2026-01-06T10:01:00.000Z' },
      { code: 'missing-product', productId: null, checked: true, note: null, by: ACTORS.reviewer, at: '2026-01-06T10:02:00.000Z' },
      { code: 'date-missing-or-outdated', productId: null, checked: true, note: null, by: ACTORS.reviewer, at: '2026-01-06T10:03:00.000Z' },
    ]);
  });

  it('threads comments with the messages that came with actions, in history order, each with its kind and author', () => {
    const h = story(
      ...inReview(),
      { kind: 'comment', text: 'Reviewing now.', at: '2026-01-06T10:00:00.000Z', by: 'reviewer' },
      infoRequested('2026-01-07T09:00:00.000Z'),
      { kind: 'comment', text: 'Uploading today.', at: '2026-01-07T10:00:00.000Z', by: 'partner' },
      resubmitted('2026-01-08T09:00:00.000Z'),
      { kind: 'product-removed', productId: 'p-2', message: 'Power BI is not in the PoE.', at: '2026-01-08T10:00:00.000Z', by: 'reviewer' },
      rejected('2026-01-09T09:00:00.000Z'),
      disputeFiled('2026-01-10T09:00:00.000Z'),
      disputeResolved('2026-01-12T09:00:00.000Z', 'overturn'),
      { kind: 'approved', message: null, at: '2026-01-12T09:00:00.000Z', by: 'reviewer' },
    );
    const c = materialize(facts, h, ctx);
    expect(c.comments.map((m) => [m.seq, m.kind, m.author.role, m.text])).toEqual([
      [5, 'comment', 'reviewer', 'Reviewing now.'],
      [6, 'info-requested', 'reviewer', 'The PoE is not signed by the customer.'],
      [7, 'comment', 'partner', 'Uploading today.'],
      [8, 'resubmitted', 'partner', 'Signed PoE attached.'],
      [9, 'product-removed', 'reviewer', 'Power BI is not in the PoE.'],
      [10, 'rejected', 'reviewer', 'The PoE does not show the work done.'],
      [11, 'dispute-filed', 'partner', 'The signed PoE was attached to the wrong claim.'],
      [12, 'dispute-resolved', 'reviewer', 'Dispute overturn.'],
    ]);
    expect(c.comments[0]).toEqual({ seq: 5, kind: 'comment', author: ACTORS.reviewer, text: 'Reviewing now.', at: '2026-01-06T10:00:00.000Z' });
  });

  it('includes an approval’s and a customer decline’s message in the thread when there is one', () => {
    const h = story(
      ...inReview(),
      { kind: 'approved', message: 'All good.', at: '2026-01-07T09:00:00.000Z', by: 'reviewer' },
      { kind: 'customer-declined', message: 'We never worked with them.', at: '2026-01-08T09:00:00.000Z', by: 'customer' },
    );
    expect(materialize(facts, h, ctx).comments.map((m) => [m.kind, m.text])).toEqual([
      ['approved', 'All good.'],
      ['customer-declined', 'We never worked with them.'],
    ]);
  });

  it('leaves events without a message out of the thread', () => {
    const h = story(...inReview(), approved('2026-01-07T09:00:00.000Z'), customerDeclined('2026-01-08T09:00:00.000Z'));
    expect(materialize(facts, h, ctx).comments).toEqual([]);
  });

  it('marks products removed in history as removed and keeps those already removed in the facts', () => {
    const h = story(...inReview(), { kind: 'product-removed', productId: 'p-2', message: 'Not in the PoE.', at: '2026-01-07T09:00:00.000Z', by: 'reviewer' });
    const c = materialize(facts, h, ctx);
    expect(c.products.map((p) => [p.id, p.removed])).toEqual([
      ['p-1', false],
      ['p-2', true],
      ['p-3', true],
    ]);
    expect(facts.products[1]!.removed).toBe(false);
  });

  it('carries the deadlines derived with the context’s calendar', () => {
    const h = story(...inReview());
    expect(materialize(facts, h, { ...ctx, calendar: TAIPEI }).deadlines).toEqual(deriveDeadlines(h, TAIPEI));
    expect(materialize(facts, h, { ...ctx, calendar: TAIPEI }).deadlines).not.toEqual(deriveDeadlines(h, UTC));
  });

  it('passes the lease and competing claims through, and copies the history', () => {
    const lease = { id: 'lease-1', reviewerId: 'reviewer-1', expiresAt: '2026-01-07T20:00:00.000Z' };
    const competing = [
      {
        id: 'claim-7',
        partner: { mpnId: '7654321', name: 'Northwind' },
        status: 'approved' as const,
        derivedState: 'consent-period' as const,
        products: ['p-1'],
        latestPoeAt: '2025-12-01T00:00:00.000Z',
      },
    ];
    const h = story(...inReview());
    const c = materialize(facts, h, { ...ctx, lease, competing });
    expect(c.lease).toEqual(lease);
    expect(c.competing).toEqual(competing);
    expect(c.history).toEqual(h);
    expect(c.history).not.toBe(h);
    expect(Claim.parse(c)).toEqual(c);
  });

  it('builds the workstation’s optimistic view: server history plus unsynced mutations, as events', () => {
    const server = story(...inReview());
    const pending: { kind: MutationKind; payload: MutationPayload<MutationKind>; by: Role }[] = [
      { kind: 'checklist', payload: { code: 'missing-customer-acknowledgement', productId: null, checked: true, note: null }, by: 'reviewer' },
      { kind: 'comment', payload: { text: 'Please add the signed page.' }, by: 'reviewer' },
      {
        kind: 'request-info',
        payload: { reasons: [{ code: 'missing-customer-acknowledgement', productId: null }], message: 'Signature missing.' },
        by: 'reviewer',
      },
    ];
    const local = [...server];
    for (const m of pending) {
      const event: HistoryEvent = mutationEvent(m.kind, m.payload);
      local.push(HistoryEntry.parse({ seq: local.length + 1, at: '2026-01-07T09:00:00.000Z', actor: ACTORS[m.by], ...event }));
    }
    const c = materialize(facts, local, ctx);
    expect(c.version).toBe(7);
    expect(c.status).toBe('partner-action-needed');
    expect(c.checklist.map((e) => [e.code, e.checked])).toEqual([['missing-customer-acknowledgement', true]]);
    expect(c.comments.map((e) => e.text)).toEqual(['Please add the signed page.', 'Signature missing.']);
    expect(c.deadlines.filter((d) => d.metAt === null).map((d) => d.kind)).toEqual(['decision-target', 'partner-response']);
  });

  it('produces a Claim the contract accepts for a long history', () => {
    const h = story(
      created('2026-01-05T08:00:00.000Z'),
      poeAdded('2026-01-05T08:05:00.000Z'),
      ...inReview().slice(2),
      infoRequested('2026-01-07T09:00:00.000Z'),
      resubmitted('2026-01-08T09:00:00.000Z'),
      rejected('2026-01-09T09:00:00.000Z'),
      disputeFiled('2026-01-10T09:00:00.000Z'),
      disputeResolved('2026-01-12T09:00:00.000Z', 'uphold'),
    );
    const c = materialize(facts, h, { ...ctx, now: '2026-01-13T00:00:00.000Z' });
    expect(c.derivedState).toBe('dispute-window-closed');
    expect(() => Claim.parse(c)).not.toThrow();
  });
});
