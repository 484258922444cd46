// The CPOR process's counting rules in shared/domain: the 10-day decision target and rounds of
// information requests, SLA flags and the per-reviewer SLA report, timers stamped at their due time,
// disputes with updated PoE, edit diffs, one partner of record, and what a customer may see.
import { describe, expect, it } from 'vitest';
import {
  approvalChoiceProblem,
  byPoeDate,
  newerPoe,
  poeDate,
  customerHistory,
  decisionApproves,
  decisionChoiceProblem,
  customerMayRead,
  deriveDeadlines,
  diffEdit,
  disputeEvidenceProblem,
  documentsSinceRejection,
  infoRequestRounds,
  slaFlags,
  targetStanding,
  slaReport,
  timerDue,
  timerStamp,
  withRemovedKept,
  type HistoryEntry,
} from '../../shared/domain';
import {
  ACTORS,
  approved,
  autoRejected,
  continueStory,
  customerDeclined,
  disputeFiled,
  disputeResolved,
  infoRequested,
  inReview,
  rejected,
  resubmitted,
  story,
  TAIPEI,
  UTC,
  type Step,
} from './story';

const only = (h: readonly HistoryEntry[], kind: string) => deriveDeadlines(h, UTC).filter((d) => d.kind === kind);
const doc = (sha: string, at: string): Step => ({ kind: 'document-added', sha256: sha.repeat(64), fileName: `${sha}.pdf`, at, by: 'partner' });

describe('the 10-day decision target', () => {
  it('is due 10 business days after the review starts, is not paused by a request, and is met by the decision', () => {
    const h = story(...inReview(), infoRequested('2026-01-07T09:00:00.000Z'), resubmitted('2026-01-12T09:00:00.000Z'), approved('2026-01-19T09:00:00.000Z'));
    // Review started Tuesday 6 January: 10 business days → end of Tuesday 20 January (UTC).
    expect(only(h, 'decision-target')).toEqual([
      { kind: 'decision-target', startedAt: '2026-01-06T09:00:00.000Z', dueAt: '2026-01-20T23:59:59.999Z', metAt: '2026-01-19T09:00:00.000Z' },
    ]);
  });
  it('is met by a rejection too (an automatic one included), and opens once per claim', () => {
    const h = story(...inReview(), infoRequested('2026-01-07T09:00:00.000Z'), autoRejected('2026-01-15T00:00:00.000Z'));
    expect(only(h, 'decision-target').map((d) => d.metAt)).toEqual(['2026-01-15T00:00:00.000Z']);
  });
  it('counts rounds of information requests', () => {
    const h = story(
      ...inReview(),
      infoRequested('2026-01-07T09:00:00.000Z'),
      resubmitted('2026-01-08T09:00:00.000Z'),
      infoRequested('2026-01-09T09:00:00.000Z'),
    );
    expect(infoRequestRounds(h)).toBe(2);
    expect(infoRequestRounds(story(...inReview()))).toBe(0);
  });
  it('stands on track, then near its end from 2 business days left, then overdue once its due time has passed', () => {
    const [target] = only(story(...inReview()), 'decision-target'); // due end of Tuesday 20 January
    expect(targetStanding(target!, '2026-01-07T09:00:00.000Z', UTC)).toEqual({ daysLeft: 9, tone: 'on-track' });
    expect(targetStanding(target!, '2026-01-15T09:00:00.000Z', UTC)).toEqual({ daysLeft: 3, tone: 'on-track' });
    // Friday 16 January: Monday and Tuesday are left (the weekend does not count)
    expect(targetStanding(target!, '2026-01-16T09:00:00.000Z', UTC)).toEqual({ daysLeft: 2, tone: 'near' });
    expect(targetStanding(target!, '2026-01-20T23:59:59.999Z', UTC)).toEqual({ daysLeft: 0, tone: 'near' });
    expect(targetStanding(target!, '2026-01-21T00:00:00.000Z', UTC)).toEqual({ daysLeft: -1, tone: 'overdue' });
  });
});

describe('SLA flags', () => {
  const h = story(...inReview()); // review started Tuesday 6 January; review due end of Tuesday 13 January
  it('flag nothing while every reviewer deadline is in time', () => {
    expect(slaFlags(deriveDeadlines(h, UTC), '2026-01-13T23:59:59.999Z')).toEqual([]);
  });
  it('flag an overdue review one millisecond after its due time, and the 10-day target after its own', () => {
    expect(slaFlags(deriveDeadlines(h, UTC), '2026-01-14T00:00:00.000Z').map((d) => d.kind)).toEqual(['review']);
    expect(slaFlags(deriveDeadlines(h, UTC), '2026-01-21T00:00:00.000Z').map((d) => d.kind)).toEqual(['review', 'decision-target']);
  });
  it('flag an unanswered dispute after its 5 business days, until the reviewer answers it', () => {
    // Rejected Wednesday 7 January, disputed Thursday 8 January: the answer is due at the end of Thursday 15 January.
    const disputed = continueStory(h, rejected('2026-01-07T09:00:00.000Z'), disputeFiled('2026-01-08T09:00:00.000Z'));
    expect(slaFlags(deriveDeadlines(disputed, UTC), '2026-01-15T23:59:59.999Z')).toEqual([]);
    expect(slaFlags(deriveDeadlines(disputed, UTC), '2026-01-19T09:00:00.000Z')).toEqual([
      { kind: 'dispute-answer', startedAt: '2026-01-08T09:00:00.000Z', dueAt: '2026-01-15T23:59:59.999Z', metAt: null },
    ]);
    const answered = continueStory(disputed, disputeResolved('2026-01-19T10:00:00.000Z', 'uphold'));
    expect(slaFlags(deriveDeadlines(answered, UTC), '2026-01-20T09:00:00.000Z')).toEqual([]);
  });
  it('never flag the partner’s or the customer’s periods', () => {
    const waiting = continueStory(h, infoRequested('2026-01-07T09:00:00.000Z'));
    expect(slaFlags(deriveDeadlines(waiting, UTC), '2026-01-16T00:00:00.000Z').map((d) => d.kind)).toEqual([]);
  });
});

describe('the SLA report', () => {
  const other = { id: 'reviewer-2', name: 'Sam Second', role: 'reviewer' as const };
  const late = story(...inReview(), approved('2026-01-16T09:00:00.000Z')); // review due 13th: late
  const onTime = story(...inReview(), rejected('2026-01-08T09:00:00.000Z'));
  const auto = story(...inReview(), infoRequested('2026-01-07T09:00:00.000Z'), autoRejected('2026-01-15T00:00:00.000Z'));
  const overdue = story(...inReview()).map((e) => (e.actor.role === 'reviewer' ? { ...e, actor: other } : e));
  const waiting = story(...inReview().slice(0, 3)); // submitted 5 January, nobody started it
  const rows = slaReport([late, onTime, auto, overdue, waiting], '2026-01-20T00:00:00.000Z', UTC);

  it('gives each reviewer the deadlines they met, on time or not, and their rate', () => {
    const rita = rows.find((r) => r.reviewerId === ACTORS.reviewer.id)!;
    // Review starts (3, on time), reviews: late approval, on-time rejection, on-time request.
    expect(rita).toMatchObject({ met: 6, onTime: 5, overdueNow: 0, autoRejections: 1 });
    expect(rita.onTimeRate).toBeCloseTo(5 / 6);
  });
  it('counts overdue deadlines now for the last reviewer who acted, and unstarted ones for nobody', () => {
    expect(rows.find((r) => r.reviewerId === other.id)).toMatchObject({ met: 1, onTime: 1, overdueNow: 1 });
    expect(rows.find((r) => r.reviewerId === null)).toMatchObject({ met: 0, onTimeRate: null, overdueNow: 1 });
    expect(rows.map((r) => r.reviewerName)).toEqual(['Rita Reviewer', 'Sam Second', null]);
  });
});

describe('timers', () => {
  const asked = story(...inReview(), infoRequested('2026-01-07T09:00:00.000Z'));
  it('are due when the partner’s 5 business days end', () => {
    expect(timerDue(asked, TAIPEI)).toBe('2026-01-14T15:59:59.999Z');
  });
  it('stamp their event at the due time, not the sweep’s time, and never after now', () => {
    expect(timerStamp(asked, TAIPEI, '2026-01-30T00:00:00.000Z')).toBe('2026-01-14T15:59:59.999Z');
    expect(timerStamp(asked, TAIPEI, '2026-01-10T00:00:00.000Z')).toBe('2026-01-10T00:00:00.000Z');
  });
  it('never stamp before the claim’s last entry (history stays in time order)', () => {
    const commented = continueStory(asked, { kind: 'comment', text: 'Working on it.', at: '2026-01-20T00:00:00.000Z', by: 'partner' });
    expect(timerStamp(commented, TAIPEI, '2026-01-30T00:00:00.000Z')).toBe('2026-01-20T00:00:00.000Z');
  });
  it('wait for nothing after a customer’s decline', () => {
    expect(timerDue(story(...inReview(), approved('2026-01-07T09:00:00.000Z'), customerDeclined('2026-01-08T09:00:00.000Z')), UTC)).toBeNull();
  });
});

describe('a dispute’s evidence', () => {
  const base = story(...inReview(), doc('b', '2026-01-06T10:00:00.000Z'), rejected('2026-01-08T09:00:00.000Z'));
  it('is the PoE added since the latest rejection', () => {
    expect(documentsSinceRejection(base)).toEqual([]);
    expect(documentsSinceRejection(continueStory(base, doc('c', '2026-01-09T09:00:00.000Z')))).toEqual(['c'.repeat(64)]);
    expect(documentsSinceRejection(story(...inReview()))).toEqual([]);
  });
  it('needs a justification or updated PoE', () => {
    expect(disputeEvidenceProblem(base, '  ')).toMatch(/business justification, or upload updated PoE/);
    expect(disputeEvidenceProblem(base, 'Page 2 shows it.')).toBeNull();
    expect(disputeEvidenceProblem(continueStory(base, doc('c', '2026-01-09T09:00:00.000Z')), '')).toBeNull();
  });
});

describe('partner edits', () => {
  const contact = { name: 'Ana', email: 'ana@x.example', phone: null };
  const p = (id: string, name: string, removed = false) => ({ id, name, workload: name, removed });
  it('list each changed value with before and after, products by id', () => {
    const before = { mpnId: '1234567', products: [p('c-p1', 'Sales'), p('c-p2', 'Power BI')], customerContact: contact, partnerContact: contact };
    const after = {
      mpnId: '1234567',
      products: [p('c-p1', 'Sales Pro'), p('c-p3', 'Teams')],
      customerContact: { ...contact, phone: '+886 2' },
      partnerContact: contact,
    };
    expect(diffEdit(before, after)).toEqual([
      { field: 'products', productId: 'c-p1', before: 'Sales (Sales)', after: 'Sales Pro (Sales Pro)' },
      { field: 'products', productId: 'c-p2', before: 'Power BI (Power BI)', after: null },
      { field: 'products', productId: 'c-p3', before: null, after: 'Teams (Teams)' },
      { field: 'customerContact', productId: null, before: 'Ana <ana@x.example>', after: 'Ana <ana@x.example> +886 2' },
    ]);
    expect(diffEdit(before, before)).toEqual([]);
  });
  it('keep a product the partner removed, marked removed', () => {
    expect(withRemovedKept([p('a', 'A'), p('b', 'B')], [p('a', 'A')])).toEqual([p('a', 'A'), p('b', 'B', true)]);
  });
});

describe('one partner of record', () => {
  const r = (id: string, status: 'approved' | 'submitted' | 'rejected', latestPoeAt: string | null) => ({ id, status, latestPoeAt });
  it('orders competing claims by their PoE’s date, most recent first', () => {
    expect(
      byPoeDate([r('A', 'submitted', '2026-01-01T00:00:00.000Z'), r('B', 'approved', null), r('C', 'rejected', '2026-02-01T00:00:00.000Z')]).map((c) => c.id),
    ).toEqual(['C', 'A', 'B']);
  });
  it('orders by the acknowledgement date once assist found it, by the upload time until then', () => {
    const late = { ...r('A', 'submitted', '2026-03-20T08:00:00.000Z'), acknowledgedOn: '2026-01-10' };
    const early = { ...r('B', 'submitted', '2026-03-01T08:00:00.000Z'), acknowledgedOn: null };
    // uploaded later, but acknowledged before the other's upload: the acknowledgement counts
    expect(byPoeDate([late, early]).map((c) => c.id)).toEqual(['B', 'A']);
    expect(byPoeDate([{ ...late, acknowledgedOn: undefined }, early]).map((c) => c.id)).toEqual(['A', 'B']);
    expect(byPoeDate([{ ...late, acknowledgedOn: '2026-03-02' }, early]).map((c) => c.id)).toEqual(['A', 'B']);
  });
  it('compares an acknowledgement day with an upload’s local day; on one day the later upload first, then the id', () => {
    const ack = { ...r('A', 'submitted', '2026-03-01T00:00:00.000Z'), acknowledgedOn: '2026-03-05' };
    // 20:00 UTC on 4 March is already 5 March in Taipei
    const up = r('B', 'submitted', '2026-03-04T20:00:00.000Z');
    expect(byPoeDate([ack, up]).map((c) => c.id)).toEqual(['A', 'B']);
    expect(byPoeDate([ack, up], 'Asia/Taipei').map((c) => c.id)).toEqual(['B', 'A']);
    expect(byPoeDate([r('D', 'submitted', '2026-03-04T09:00:00.000Z'), r('C', 'submitted', '2026-03-04T09:00:00.000Z')]).map((c) => c.id)).toEqual(['C', 'D']);
  });
  it('tells whether a rival’s PoE is newer by the same rule', () => {
    const own = { latestPoeAt: '2026-03-10T08:00:00.000Z', acknowledgedOn: '2026-02-01' };
    expect(newerPoe({ latestPoeAt: '2026-03-01T08:00:00.000Z' }, own)).toBe(true);
    expect(newerPoe({ latestPoeAt: '2026-03-01T08:00:00.000Z', acknowledgedOn: '2026-01-15' }, own)).toBe(false);
    expect(newerPoe({ latestPoeAt: null }, own)).toBe(false);
  });
  it('says which date counts', () => {
    expect(poeDate({ latestPoeAt: '2026-03-09T10:00:00.000Z', acknowledgedOn: '2026-03-04' })).toEqual({
      source: 'acknowledged',
      at: '2026-03-04',
      day: '2026-03-04',
    });
    expect(poeDate({ latestPoeAt: '2026-03-09T10:00:00.000Z' })).toEqual({ source: 'uploaded', at: '2026-03-09T10:00:00.000Z', day: '2026-03-09' });
    expect(poeDate({ latestPoeAt: null, acknowledgedOn: null })).toBeNull();
    expect(() => poeDate({ latestPoeAt: 'yesterday' })).toThrow(/Not a valid upload time/);
  });
  it('needs the explicit choice to supersede every approved claim on the workload, and nothing else', () => {
    const rivals = [r('A', 'approved', null), r('B', 'submitted', null)];
    expect(approvalChoiceProblem(rivals, [])).toMatch(/claim A on the same customer workload is approved/);
    expect(approvalChoiceProblem(rivals, ['A'])).toBeNull();
    expect(approvalChoiceProblem(rivals, ['A', 'B'])).toMatch(/claim B is not an approved claim/);
    expect(approvalChoiceProblem([r('B', 'rejected', null)], [])).toBeNull();
  });
  it('asks the same choice of a dispute overturned (the claim is approved again), and lets no other decision supersede', () => {
    const rivals = [r('A', 'approved', null)];
    expect([decisionApproves({ kind: 'approve' }), decisionApproves({ kind: 'resolve-dispute', outcome: 'overturn' })]).toEqual([true, true]);
    expect([decisionApproves({ kind: 'resolve-dispute', outcome: 'uphold' }), decisionApproves({ kind: 'reject' })]).toEqual([false, false]);
    expect(decisionChoiceProblem({ kind: 'resolve-dispute', outcome: 'overturn' }, rivals)).toMatch(/claim A on the same customer workload is approved/);
    expect(decisionChoiceProblem({ kind: 'resolve-dispute', outcome: 'overturn', supersedes: ['A'] }, rivals)).toBeNull();
    expect(decisionChoiceProblem({ kind: 'resolve-dispute', outcome: 'uphold' }, rivals)).toBeNull();
    expect(decisionChoiceProblem({ kind: 'resolve-dispute', outcome: 'uphold', supersedes: ['A'] }, rivals)).toBe(
      'only an approval or an overturned dispute supersedes another claim',
    );
    expect(decisionChoiceProblem({ kind: 'approve', supersedes: ['A'] }, rivals)).toBeNull();
  });
});

describe('what a customer sees', () => {
  const h = story(
    ...inReview(),
    { kind: 'checklist', code: 'missing-product', productId: null, checked: true, note: 'internal', at: '2026-01-06T10:00:00.000Z', by: 'reviewer' },
    approved('2026-01-07T09:00:00.000Z'),
    customerDeclined('2026-01-08T09:00:00.000Z'),
  );
  it('is nothing before the approval', () => {
    expect(customerMayRead(story(...inReview()))).toBe(false);
    expect(customerMayRead(h)).toBe(true);
  });
  it('is the outcomes from the approval on, with only their own messages', () => {
    const seen = customerHistory(continueStory(h, { kind: 'comment', text: 'to the partner', at: '2026-01-09T09:00:00.000Z', by: 'reviewer' }));
    expect(seen.map((e) => [e.kind, 'message' in e ? e.message : undefined])).toEqual([
      ['approved', null],
      ['customer-declined', null],
    ]);
  });
});
