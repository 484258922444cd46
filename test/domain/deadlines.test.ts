// Specification of a claim's deadlines: each of the seed's periods, which event opens it, which event
// meets (closes) it, and which open reviewer deadline is the most urgent. Times are in Asia/Taipei.
import { describe, expect, it } from 'vitest';
import {
  DEADLINE_KINDS,
  deriveDeadlines,
  dueAfter,
  mostUrgent,
  openDeadlines,
  PERIODS,
  REVIEWER_DEADLINES,
  type BusinessCalendar,
  type Deadline,
  type DeadlineKind,
} from '../../shared/domain';
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
  poeAdded,
  rejected,
  resubmitted,
  reviewStarted,
  story,
  submitted,
  TAIPEI,
  withdrawn,
  type Step,
} from './story';

// Local Taipei times (UTC+8, no DST) of one working week in January 2026, as UTC instants.
const T = {
  created: '2026-01-05T01:00:00.000Z', // Mon 09:00
  submitted: '2026-01-05T02:00:00.000Z', // Mon 10:00
  reviewStarted: '2026-01-06T02:00:00.000Z', // Tue 10:00
  infoRequested: '2026-01-07T02:00:00.000Z', // Wed 10:00
  resubmitted: '2026-01-08T02:00:00.000Z', // Thu 10:00
  decided: '2026-01-09T02:00:00.000Z', // Fri 10:00
  disputeFiled: '2026-01-12T02:00:00.000Z', // Mon 10:00
  disputeResolved: '2026-01-14T02:00:00.000Z', // Wed 10:00
};
const endOfTaipeiDay = (date: string): string => {
  const d = new Date(`${date}T23:59:59.999+08:00`);
  return d.toISOString();
};

const opening: Step[] = [created(T.created), poeAdded(T.created), submitted(T.submitted)];
const reviewing: Step[] = [...opening, reviewStarted(T.reviewStarted)];

const byKind = (ds: readonly Deadline[], kind: DeadlineKind): Deadline[] => ds.filter((d) => d.kind === kind);
const only = (ds: readonly Deadline[], kind: DeadlineKind): Deadline => {
  const found = byKind(ds, kind);
  expect(found, `exactly one ${kind} deadline`).toHaveLength(1);
  return found[0]!;
};

describe('the seed’s periods', () => {
  it('gives 5 business days to start the review, to review, for the partner to respond and to answer a dispute', () => {
    for (const k of ['review-start', 'review', 'partner-response', 'dispute-answer'] as const) expect(PERIODS[k]).toEqual({ businessDays: 5 });
  });
  it('gives the customer 7 calendar days to decline and the partner 30 calendar days to dispute', () => {
    expect(PERIODS['consent-window']).toEqual({ calendarDays: 7 });
    expect(PERIODS['dispute-window']).toEqual({ calendarDays: 30 });
  });
  it('counts business-day periods to the end of the 5th business day, skipping weekends and holidays', () => {
    const cal: BusinessCalendar = { timeZone: 'Asia/Taipei', holidays: ['2026-01-12'] };
    // Tue 01-06 → Wed, Thu, Fri, (Mon holiday), Tue, Wed 01-14.
    for (const k of ['review-start', 'review', 'partner-response', 'dispute-answer'] as const)
      expect(dueAfter(k, T.reviewStarted, cal)).toBe(endOfTaipeiDay('2026-01-14'));
  });
  it('counts calendar-day periods to the same local time', () => {
    expect(dueAfter('consent-window', T.decided, TAIPEI)).toBe('2026-01-16T02:00:00.000Z');
    expect(dueAfter('dispute-window', T.decided, TAIPEI)).toBe('2026-02-08T02:00:00.000Z');
  });
  it('names every kind of deadline, with the reviewer’s among them', () => {
    expect([...DEADLINE_KINDS].sort()).toEqual([
      'consent-window',
      'decision-target',
      'dispute-answer',
      'dispute-window',
      'partner-response',
      'review',
      'review-start',
    ]);
    expect([...REVIEWER_DEADLINES].sort()).toEqual(['dispute-answer', 'review', 'review-start']);
  });
});

describe('deriveDeadlines', () => {
  it('has no deadline while the claim is a draft', () => {
    expect(deriveDeadlines(story(created(T.created), poeAdded(T.created)), TAIPEI)).toEqual([]);
  });

  it('opens "review start" on submission: at most 5 business days before review starts', () => {
    const ds = deriveDeadlines(story(...opening), TAIPEI);
    expect(ds).toEqual([{ kind: 'review-start', startedAt: T.submitted, dueAt: endOfTaipeiDay('2026-01-12'), metAt: null }]);
  });

  it('meets "review start" when review starts, and opens "review": 5 business days to decide', () => {
    const ds = deriveDeadlines(story(...reviewing), TAIPEI);
    expect(only(ds, 'review-start').metAt).toBe(T.reviewStarted);
    expect(only(ds, 'review')).toEqual({ kind: 'review', startedAt: T.reviewStarted, dueAt: endOfTaipeiDay('2026-01-13'), metAt: null });
  });

  it('meets "review" on approval and opens the 7-day consent window', () => {
    const ds = deriveDeadlines(story(...reviewing, approved(T.decided)), TAIPEI);
    expect(only(ds, 'review').metAt).toBe(T.decided);
    expect(only(ds, 'consent-window')).toEqual({ kind: 'consent-window', startedAt: T.decided, dueAt: '2026-01-16T02:00:00.000Z', metAt: null });
  });

  it('meets "review" when information is requested and gives the partner 5 business days to respond', () => {
    const ds = deriveDeadlines(story(...reviewing, infoRequested(T.infoRequested)), TAIPEI);
    expect(only(ds, 'review').metAt).toBe(T.infoRequested);
    expect(only(ds, 'partner-response')).toEqual({ kind: 'partner-response', startedAt: T.infoRequested, dueAt: endOfTaipeiDay('2026-01-14'), metAt: null });
  });

  it('meets "partner response" on resubmission and opens a new 5-business-day review', () => {
    const ds = deriveDeadlines(story(...reviewing, infoRequested(T.infoRequested), resubmitted(T.resubmitted)), TAIPEI);
    expect(only(ds, 'partner-response').metAt).toBe(T.resubmitted);
    const reviews = byKind(ds, 'review');
    expect(reviews).toHaveLength(2);
    expect(reviews[0]!.metAt).toBe(T.infoRequested);
    expect(reviews[1]).toEqual({ kind: 'review', startedAt: T.resubmitted, dueAt: endOfTaipeiDay('2026-01-15'), metAt: null });
  });

  it('meets "partner response" when the claim is rejected for no response, and opens the 30-day dispute window', () => {
    const at = '2026-01-15T00:00:00.000Z';
    const ds = deriveDeadlines(story(...reviewing, infoRequested(T.infoRequested), autoRejected(at)), TAIPEI);
    expect(only(ds, 'partner-response').metAt).toBe(at);
    expect(only(ds, 'dispute-window')).toEqual({ kind: 'dispute-window', startedAt: at, dueAt: '2026-02-14T00:00:00.000Z', metAt: null });
  });

  it('meets "review" on rejection and opens the 30-calendar-day dispute window', () => {
    const ds = deriveDeadlines(story(...reviewing, rejected(T.decided)), TAIPEI);
    expect(only(ds, 'review').metAt).toBe(T.decided);
    expect(only(ds, 'dispute-window')).toEqual({ kind: 'dispute-window', startedAt: T.decided, dueAt: '2026-02-08T02:00:00.000Z', metAt: null });
  });

  it('meets "review start" when the partner withdraws a submitted claim', () => {
    const ds = deriveDeadlines(story(...opening, withdrawn(T.reviewStarted)), TAIPEI);
    expect(only(ds, 'review-start').metAt).toBe(T.reviewStarted);
    expect(openDeadlines(ds).map((d) => d.kind)).toEqual(['dispute-window']);
  });

  it('meets the consent window when the customer declines, and opens no dispute window: the decline is final', () => {
    const at = '2026-01-12T05:00:00.000Z';
    const ds = deriveDeadlines(story(...reviewing, approved(T.decided), customerDeclined(at)), TAIPEI);
    expect(only(ds, 'consent-window').metAt).toBe(at);
    expect(ds.filter((d) => d.kind === 'dispute-window')).toEqual([]);
  });

  it('meets the consent window when the claim is sent for incentive evaluation', () => {
    const at = '2026-01-16T02:00:00.001Z';
    const ds = deriveDeadlines(story(...reviewing, approved(T.decided), consentEnded(at)), TAIPEI);
    expect(only(ds, 'consent-window').metAt).toBe(at);
    expect(openDeadlines(ds)).toEqual([]);
  });

  it('meets the dispute window when a dispute is filed, and gives the reviewer 5 business days to answer', () => {
    const ds = deriveDeadlines(story(...reviewing, rejected(T.decided), disputeFiled(T.disputeFiled)), TAIPEI);
    expect(only(ds, 'dispute-window').metAt).toBe(T.disputeFiled);
    expect(only(ds, 'dispute-answer')).toEqual({ kind: 'dispute-answer', startedAt: T.disputeFiled, dueAt: endOfTaipeiDay('2026-01-19'), metAt: null });
  });

  it('meets "dispute answer" when the dispute is upheld, opening nothing new', () => {
    const ds = deriveDeadlines(story(...reviewing, rejected(T.decided), disputeFiled(T.disputeFiled), disputeResolved(T.disputeResolved, 'uphold')), TAIPEI);
    expect(only(ds, 'dispute-answer').metAt).toBe(T.disputeResolved);
    expect(openDeadlines(ds)).toEqual([]);
  });

  it('opens a new 7-day consent window when a dispute is overturned', () => {
    const ds = deriveDeadlines(story(...reviewing, rejected(T.decided), disputeFiled(T.disputeFiled), disputeResolved(T.disputeResolved, 'overturn')), TAIPEI);
    expect(only(ds, 'dispute-answer').metAt).toBe(T.disputeResolved);
    expect(openDeadlines(ds)).toEqual([{ kind: 'consent-window', startedAt: T.disputeResolved, dueAt: '2026-01-21T02:00:00.000Z', metAt: null }]);
  });

  it('meets the dispute window when the timer closes it', () => {
    const at = '2026-02-08T02:00:00.001Z';
    const ds = deriveDeadlines(story(...reviewing, rejected(T.decided), disputeWindowClosed(at)), TAIPEI);
    expect(only(ds, 'dispute-window').metAt).toBe(at);
  });

  it('opens and meets nothing on comments, checklist ticks, edits, documents or product removals', () => {
    const base = story(...reviewing);
    const h = continueStory(
      base,
      { kind: 'comment', text: 'Hello', at: T.infoRequested, by: 'partner' },
      { kind: 'checklist', code: 'missing-all-poe', productId: null, checked: true, note: null, at: T.infoRequested, by: 'reviewer' },
      { kind: 'edited', fields: ['mpnId'], at: T.infoRequested, by: 'partner' },
      poeAdded(T.infoRequested),
      { kind: 'product-removed', productId: 'p-2', message: 'Not in the PoE.', at: T.infoRequested, by: 'reviewer' },
    );
    expect(deriveDeadlines(h, TAIPEI)).toEqual(deriveDeadlines(base, TAIPEI));
  });

  it('keeps every deadline of a long history, open ones last', () => {
    const ds = deriveDeadlines(
      story(
        ...reviewing,
        infoRequested(T.infoRequested),
        resubmitted(T.resubmitted),
        rejected(T.decided),
        disputeFiled(T.disputeFiled),
        disputeResolved(T.disputeResolved, 'overturn'),
      ),
      TAIPEI,
    );
    expect(ds.map((d) => [d.kind, d.metAt !== null])).toEqual([
      ['review-start', true],
      ['review', true],
      ['decision-target', true],
      ['partner-response', true],
      ['review', true],
      ['dispute-window', true],
      ['dispute-answer', true],
      ['consent-window', false],
    ]);
  });
});

describe('mostUrgent', () => {
  const d = (kind: DeadlineKind, dueAt: string, metAt: string | null = null): Deadline => ({ kind, startedAt: '2026-01-01T00:00:00.000Z', dueAt, metAt });

  it('picks the open reviewer deadline that is due first', () => {
    const ds = [d('review', '2026-01-20T15:59:59.999Z'), d('dispute-answer', '2026-01-14T15:59:59.999Z'), d('review-start', '2026-01-16T15:59:59.999Z')];
    expect(mostUrgent(ds)).toBe(ds[1]);
  });
  it('ignores deadlines that are already met, however early', () => {
    const ds = [d('review-start', '2026-01-05T15:59:59.999Z', '2026-01-05T03:00:00.000Z'), d('review', '2026-01-12T15:59:59.999Z')];
    expect(mostUrgent(ds)).toBe(ds[1]);
  });
  it('ignores the partner’s and the customer’s windows, which the reviewer does not owe', () => {
    const ds = [
      d('partner-response', '2026-01-02T15:59:59.999Z'),
      d('consent-window', '2026-01-03T00:00:00.000Z'),
      d('dispute-window', '2026-01-04T00:00:00.000Z'),
      d('review', '2026-01-30T15:59:59.999Z'),
    ];
    expect(mostUrgent(ds)?.kind).toBe('review');
  });
  it('is null when no reviewer deadline is open', () => {
    expect(mostUrgent([])).toBeNull();
    expect(mostUrgent([d('partner-response', '2026-01-02T15:59:59.999Z'), d('review', '2026-01-02T15:59:59.999Z', '2026-01-02T01:00:00.000Z')])).toBeNull();
  });
  it('finds the resubmission review of a real history', () => {
    const ds = deriveDeadlines(story(...reviewing, infoRequested(T.infoRequested), resubmitted(T.resubmitted)), TAIPEI);
    expect(mostUrgent(ds)).toEqual({ kind: 'review', startedAt: T.resubmitted, dueAt: endOfTaipeiDay('2026-01-15'), metAt: null });
  });
  it('orders a queue of claims, the dispute answer due first ahead of a later review', () => {
    const disputed = deriveDeadlines(story(...reviewing, rejected(T.decided), disputeFiled(T.disputeFiled)), TAIPEI); // due 01-19
    const fresh = deriveDeadlines(story(created(T.created), poeAdded(T.created), submitted('2026-01-13T02:00:00.000Z')), TAIPEI); // due 01-20
    const earlier = deriveDeadlines(story(...reviewing), TAIPEI); // due 01-13
    const queue = [
      { id: 'disputed', ds: disputed },
      { id: 'fresh', ds: fresh },
      { id: 'earlier', ds: earlier },
    ];
    const order = queue
      .map((c) => ({ id: c.id, due: mostUrgent(c.ds)!.dueAt }))
      .sort((a, b) => a.due.localeCompare(b.due))
      .map((c) => c.id);
    expect(order).toEqual(['earlier', 'disputed', 'fresh']);
  });
});
