// Specification of the derived states shown beside a status: consent period, sent for incentive
// evaluation, disputed and dispute window closed, by the clock and by the events that end them.
import { describe, expect, it } from 'vitest';
import { consentWindowEnd, deriveState, disputeOpen, disputeWindowEnd, replay, type BusinessCalendar } from '../../shared/domain';
import {
  approved,
  consentEnded,
  customerDeclined,
  disputeFiled,
  disputeResolved,
  disputeWindowClosed,
  infoRequested,
  inReview,
  msAfter,
  msBefore,
  rejected,
  story,
  UTC,
} from './story';

const DECIDED = '2026-01-07T09:00:00.000Z';
const CONSENT_END = '2026-01-14T09:00:00.000Z'; // 7 calendar days later
const DISPUTE_END = '2026-02-06T09:00:00.000Z'; // 30 calendar days later

describe('consent period and sent for incentive evaluation (Approved)', () => {
  const life = replay(story(...inReview(), approved(DECIDED)));

  it('ends the consent window 7 calendar days after approval', () => {
    expect(consentWindowEnd(life, UTC)).toBe(CONSENT_END);
  });
  it('is in the consent period right after approval and up to the end of the 7 days', () => {
    expect(deriveState(life, DECIDED, UTC)).toBe('consent-period');
    expect(deriveState(life, msBefore(CONSENT_END), UTC)).toBe('consent-period');
    expect(deriveState(life, CONSENT_END, UTC)).toBe('consent-period');
  });
  it('is sent for incentive evaluation once the 7 days are over, even before the timer records it', () => {
    expect(deriveState(life, msAfter(CONSENT_END), UTC)).toBe('sent-for-incentive-evaluation');
  });
  it('is sent for incentive evaluation when the event says so, whatever the clock', () => {
    const ended = replay(story(...inReview(), approved(DECIDED), consentEnded(msAfter(CONSENT_END))));
    expect(deriveState(ended, DECIDED, UTC)).toBe('sent-for-incentive-evaluation');
  });
  it('counts the 7 days as local calendar days across a DST change', () => {
    const ny: BusinessCalendar = { timeZone: 'America/New_York', holidays: [] };
    const l = replay(story(...inReview(), approved('2026-03-05T15:00:00.000Z'))); // Thu 10:00 EST
    expect(consentWindowEnd(l, ny)).toBe('2026-03-12T14:00:00.000Z'); // Thu 10:00 EDT
    expect(deriveState(l, '2026-03-12T14:30:00.000Z', ny)).toBe('sent-for-incentive-evaluation');
    expect(deriveState(l, '2026-03-12T14:30:00.000Z', UTC)).toBe('consent-period');
  });
  it('has no consent window before approval', () => {
    expect(consentWindowEnd(replay(story(...inReview())), UTC)).toBeNull();
  });
});

describe('disputed and dispute window closed (Rejected)', () => {
  const rejection = story(...inReview(), rejected(DECIDED));

  it('ends the dispute window 30 calendar days after the rejection', () => {
    expect(disputeWindowEnd(replay(rejection), UTC)).toBe(DISPUTE_END);
  });
  it('shows no derived state while the partner may still dispute', () => {
    const l = replay(rejection);
    expect(deriveState(l, DECIDED, UTC)).toBeNull();
    expect(deriveState(l, DISPUTE_END, UTC)).toBeNull();
  });
  it('is disputed while a dispute awaits the reviewer', () => {
    const l = replay(story(...inReview(), rejected(DECIDED), disputeFiled('2026-01-08T09:00:00.000Z')));
    expect(disputeOpen(l)).toBe(true);
    expect(deriveState(l, '2026-01-09T09:00:00.000Z', UTC)).toBe('disputed');
  });
  it('stays disputed after the 30 days if the dispute was filed in time and is still unanswered', () => {
    const l = replay(story(...inReview(), rejected(DECIDED), disputeFiled('2026-02-05T09:00:00.000Z')));
    expect(deriveState(l, msAfter(DISPUTE_END, 86_400_000), UTC)).toBe('disputed');
  });
  it('has the dispute window closed once 30 days have passed without a dispute', () => {
    expect(deriveState(replay(rejection), msAfter(DISPUTE_END), UTC)).toBe('dispute-window-closed');
  });
  it('has the dispute window closed when the timer records it, whatever the clock', () => {
    const l = replay(story(...inReview(), rejected(DECIDED), disputeWindowClosed(msAfter(DISPUTE_END))));
    expect(deriveState(l, DECIDED, UTC)).toBe('dispute-window-closed');
  });
  it('has the dispute window closed after an upheld dispute, even inside the 30 days', () => {
    const l = replay(story(...inReview(), rejected(DECIDED), disputeFiled('2026-01-08T09:00:00.000Z'), disputeResolved('2026-01-09T09:00:00.000Z', 'uphold')));
    expect(disputeOpen(l)).toBe(false);
    expect(deriveState(l, '2026-01-10T09:00:00.000Z', UTC)).toBe('dispute-window-closed');
  });
  it('is back in a consent period after an overturned dispute, counted from the overturn', () => {
    const l = replay(
      story(...inReview(), rejected(DECIDED), disputeFiled('2026-01-08T09:00:00.000Z'), disputeResolved('2026-01-09T09:00:00.000Z', 'overturn')),
    );
    expect(disputeOpen(l)).toBe(false);
    expect(consentWindowEnd(l, UTC)).toBe('2026-01-16T09:00:00.000Z');
    expect(deriveState(l, '2026-01-15T09:00:00.000Z', UTC)).toBe('consent-period');
  });
  it('gives a customer’s decline (even after an overturned dispute) no dispute window: only a new claim may follow', () => {
    const declinedAt = '2026-01-12T09:00:00.000Z';
    const l = replay(
      story(
        ...inReview(),
        rejected(DECIDED),
        disputeFiled('2026-01-08T09:00:00.000Z'),
        disputeResolved('2026-01-09T09:00:00.000Z', 'overturn'),
        customerDeclined(declinedAt),
      ),
    );
    expect(disputeWindowEnd(l, UTC)).toBeNull();
    expect(deriveState(l, '2026-01-13T09:00:00.000Z', UTC)).toBe('dispute-window-closed');
  });
  it('has no dispute window before a rejection', () => {
    expect(disputeWindowEnd(replay(story(...inReview())), UTC)).toBeNull();
  });
});

describe('statuses without a derived state', () => {
  it.each([
    ['draft', story(inReview()[0]!)],
    ['submitted', story(...inReview().slice(0, 3))],
    ['in review', story(...inReview())],
    ['partner action needed', story(...inReview(), infoRequested(DECIDED))],
  ])('shows none while %s', (_, h) => {
    expect(deriveState(replay(h), '2026-03-01T00:00:00.000Z', UTC)).toBeNull();
  });
});
