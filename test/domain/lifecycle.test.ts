// Specification of the lifecycle fold: every status transition of the seed, replayed from history,
// and the moments (submission, review start, approval, rejection, dispute) later rules hang on.
import { describe, expect, it } from 'vitest';
import { INITIAL_LIFECYCLE, replay, step, type HistoryEntry } from '../../shared/domain';
import {
  approved,
  autoRejected,
  consentEnded,
  continueStory,
  created,
  customerDeclined,
  disputeFiled,
  disputeResolved,
  disputeWindowClosed,
  infoRequested,
  inReview,
  poeAdded,
  rejected,
  resubmitted,
  story,
  submitted,
  withdrawn,
} from './story';

const T = {
  created: '2026-01-05T08:00:00.000Z',
  submitted: '2026-01-05T09:00:00.000Z',
  reviewStarted: '2026-01-06T09:00:00.000Z',
  decided: '2026-01-07T09:00:00.000Z',
  later: '2026-01-08T09:00:00.000Z',
  muchLater: '2026-01-12T09:00:00.000Z',
};

describe('replay of a claim’s history', () => {
  it('starts as Draft with nothing recorded', () => {
    expect(replay([])).toEqual(INITIAL_LIFECYCLE);
    expect(replay([])).toMatchObject({ status: 'draft', submittedAt: null, rejection: null, dispute: null, removedProductIds: [] });
  });

  it('stays Draft while the partner creates, edits and uploads PoE', () => {
    const h = story(created(T.created), { kind: 'edited', fields: ['mpnId'], at: T.created, by: 'partner' }, poeAdded(T.created));
    expect(replay(h).status).toBe('draft');
  });

  it('moves Draft → Submitted when the partner submits, recording when', () => {
    const l = replay(story(created(T.created), poeAdded(T.created), submitted(T.submitted)));
    expect(l.status).toBe('submitted');
    expect(l.submittedAt).toBe(T.submitted);
  });

  it('moves Submitted → In review when review starts, recording when', () => {
    const l = replay(story(...inReview()));
    expect(l.status).toBe('in-review');
    expect(l.reviewStartedAt).toBe(T.reviewStarted);
    expect(l.submittedAt).toBe(T.submitted);
  });

  it('moves In review → Approved, opening the consent period', () => {
    const l = replay(story(...inReview(), approved(T.decided)));
    expect(l).toMatchObject({ status: 'approved', approvedAt: T.decided, consentEnded: false, lastDecisionAt: T.decided });
  });

  it('moves In review → Partner action needed when the reviewer requests information', () => {
    const l = replay(story(...inReview(), infoRequested(T.decided)));
    expect(l).toMatchObject({ status: 'partner-action-needed', lastDecisionAt: T.decided });
  });

  it('moves Partner action needed → In review when the partner resubmits', () => {
    const l = replay(story(...inReview(), infoRequested(T.decided), resubmitted(T.later)));
    expect(l.status).toBe('in-review');
  });

  it('moves Partner action needed → Rejected (no partner response) when the partner did not answer in time', () => {
    const l = replay(story(...inReview(), infoRequested(T.decided), autoRejected(T.muchLater)));
    expect(l.status).toBe('rejected');
    expect(l.rejection).toEqual({ reason: 'no-partner-response', at: T.muchLater });
  });

  it('moves In review → Rejected with the reviewer’s reason', () => {
    const l = replay(story(...inReview(), rejected(T.decided)));
    expect(l).toMatchObject({ status: 'rejected', rejection: { reason: 'insufficient-poe', at: T.decided }, lastDecisionAt: T.decided });
  });

  it('moves Submitted → Rejected (partner request) when the partner withdraws', () => {
    const l = replay(story(created(T.created), poeAdded(T.created), submitted(T.submitted), withdrawn(T.later)));
    expect(l.rejection).toEqual({ reason: 'partner-request', at: T.later });
    expect(l.status).toBe('rejected');
  });

  it('moves Approved → Rejected (customer declined) when the customer opts out', () => {
    const l = replay(story(...inReview(), approved(T.decided), customerDeclined(T.later)));
    expect(l.status).toBe('rejected');
    expect(l.rejection).toEqual({ reason: 'customer-declined', at: T.later });
  });

  it('stays Approved when the consent period ends, marking it sent for incentive evaluation', () => {
    const l = replay(story(...inReview(), approved(T.decided), consentEnded(T.muchLater)));
    expect(l.status).toBe('approved');
    expect(l.consentEnded).toBe(true);
  });

  it('stays Rejected while a dispute is open, recording the justification', () => {
    const l = replay(story(...inReview(), rejected(T.decided), disputeFiled(T.later)));
    expect(l.status).toBe('rejected');
    expect(l.dispute).toEqual({ filedAt: T.later, justification: 'The signed PoE was attached to the wrong claim.', resolvedAt: null, outcome: null });
  });

  it('stays Rejected when the dispute is upheld', () => {
    const l = replay(story(...inReview(), rejected(T.decided), disputeFiled(T.later), disputeResolved(T.muchLater, 'uphold')));
    expect(l.status).toBe('rejected');
    expect(l.dispute).toMatchObject({ resolvedAt: T.muchLater, outcome: 'uphold' });
    expect(l.lastDecisionAt).toBe(T.muchLater);
  });

  it('moves Rejected → Approved when the dispute is overturned, with a new consent period from that moment', () => {
    const l = replay(story(...inReview(), rejected(T.decided), disputeFiled(T.later), disputeResolved(T.muchLater, 'overturn')));
    expect(l).toMatchObject({ status: 'approved', approvedAt: T.muchLater, consentEnded: false, lastDecisionAt: T.muchLater });
    expect(l.dispute).toMatchObject({ resolvedAt: T.muchLater, outcome: 'overturn' });
  });

  it('records that the dispute window closed', () => {
    const l = replay(story(...inReview(), rejected(T.decided), disputeWindowClosed('2026-02-07T00:00:00.000Z')));
    expect(l.status).toBe('rejected');
    expect(l.disputeWindowClosed).toBe(true);
  });

  it('treats a customer’s decline after an overturned dispute as a new rejection, with no dispute on it yet', () => {
    const h = story(
      ...inReview(),
      rejected(T.decided),
      disputeFiled(T.later),
      disputeResolved(T.muchLater, 'overturn'),
      customerDeclined('2026-01-13T09:00:00.000Z'),
    );
    const l = replay(h);
    expect(l.status).toBe('rejected');
    expect(l.rejection).toEqual({ reason: 'customer-declined', at: '2026-01-13T09:00:00.000Z' });
    expect(l.dispute).toBeNull();
    expect(l.disputeWindowClosed).toBe(false);
  });

  it('lists products removed by the reviewer, in order', () => {
    const h = story(
      ...inReview(),
      { kind: 'product-removed', productId: 'p-2', message: 'The PoE does not cover Power BI.', at: T.decided, by: 'reviewer' },
      { kind: 'product-removed', productId: 'p-3', message: 'Nor Dataverse.', at: T.later, by: 'reviewer' },
    );
    const l = replay(h);
    expect(l.removedProductIds).toEqual(['p-2', 'p-3']);
    expect(l.status).toBe('in-review');
  });

  it('does not change status on comments, checklist ticks, edits or new documents', () => {
    const base = story(...inReview());
    const h = continueStory(
      base,
      { kind: 'comment', text: 'Looking at it.', at: T.decided, by: 'reviewer' },
      { kind: 'checklist', code: 'missing-product', productId: 'p-1', checked: true, note: null, at: T.decided, by: 'reviewer' },
      { kind: 'edited', fields: ['partnerContact'], at: T.later, by: 'partner' },
      poeAdded(T.later),
    );
    expect(replay(h)).toEqual(replay(base));
  });

  it('follows a full round trip: submit, request info, resubmit, approve, consent ends', () => {
    const h = story(...inReview(), infoRequested(T.decided), resubmitted(T.later), approved(T.muchLater), consentEnded('2026-01-20T09:00:00.000Z'));
    const statuses = h.map((_, i) => replay(h.slice(0, i + 1)).status);
    expect(statuses).toEqual(['draft', 'draft', 'submitted', 'in-review', 'partner-action-needed', 'in-review', 'approved', 'approved']);
  });

  it('is a pure fold: replaying never changes the initial lifecycle or an earlier state', () => {
    const snapshot = structuredClone(INITIAL_LIFECYCLE);
    const h: HistoryEntry[] = story(...inReview(), { kind: 'product-removed', productId: 'p-2', message: 'x', at: T.decided, by: 'reviewer' });
    const before = replay(h.slice(0, 4));
    const frozen = structuredClone(before);
    step(before, h[4]!);
    replay(h);
    expect(INITIAL_LIFECYCLE).toEqual(snapshot);
    expect(before).toEqual(frozen);
  });
});
