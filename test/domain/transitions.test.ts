// Specification of who may do what to a claim, and when: every action × every status (and the
// situations inside a status that matter) × every role, from a table written from the seed, then
// each guard at its boundary and the reasons given for a refusal.
import { describe, expect, it } from 'vitest';
import {
  checkAction,
  CLAIM_ACTIONS,
  contextOf,
  PARTNER_EDITABLE_FIELDS,
  partnerMayEdit,
  replay,
  ROLES,
  type ActionContext,
  type ClaimAction,
  type ClaimStatus,
  type HistoryEntry,
  type Role,
} from '../../shared/domain';
import {
  approved,
  consentEnded,
  created,
  customerDeclined,
  disputeFiled,
  disputeResolved,
  disputeWindowClosed,
  infoRequested,
  inReview,
  msAfter,
  poeAdded,
  rejected,
  story,
  UTC,
  type Step,
} from './story';

const DECIDED = '2026-01-07T09:00:00.000Z'; // Wednesday
const PARTNER_DUE = '2026-01-14T23:59:59.999Z'; // end of the 5th business day after DECIDED
const CONSENT_END = '2026-01-14T09:00:00.000Z'; // DECIDED + 7 calendar days
const DISPUTE_END = '2026-02-06T09:00:00.000Z'; // DECIDED + 30 calendar days
const FILED = '2026-01-08T09:00:00.000Z';
const RESOLVED = '2026-01-09T09:00:00.000Z';

function ctx(steps: Step[], now: string, counts: Partial<Pick<ActionContext, 'documentCount' | 'activeProductCount'>> = {}): ActionContext {
  return contextOf(story(...steps), { now, calendar: UTC, documentCount: counts.documentCount ?? 1, activeProductCount: counts.activeProductCount ?? 2 });
}

type Allowed = Partial<Record<ClaimAction, readonly Role[]>>;
const BOTH_SIDES: readonly Role[] = ['reviewer', 'partner'];

/**
 * The expected table, from the seed and DOMAIN.md: each situation a claim can be in, and the only
 * (action, role) pairs allowed there. Every pair not listed must be refused.
 */
const SITUATIONS: { name: string; status: ClaimStatus; context: ActionContext; allowed: Allowed }[] = [
  {
    name: 'a draft with a PoE and products',
    status: 'draft',
    context: ctx([created('2026-01-05T08:00:00.000Z'), poeAdded('2026-01-05T08:05:00.000Z')], '2026-01-05T08:30:00.000Z'),
    // Only the partner works on a draft: edit it, add PoE, submit it. Nobody else sees it yet.
    allowed: { edit: ['partner'], 'add-document': ['partner'], submit: ['partner'], delete: ['partner'] },
  },
  {
    name: 'a submitted claim',
    status: 'submitted',
    context: ctx(inReview().slice(0, 3), '2026-01-05T10:00:00.000Z'),
    // Partner may still edit (seed: Submitted or Partner action needed) or withdraw; review may start.
    allowed: { edit: ['partner'], 'add-document': ['partner'], withdraw: ['partner'], 'start-review': ['reviewer', 'system'], comment: BOTH_SIDES },
  },
  {
    name: 'a claim in review',
    status: 'in-review',
    context: ctx(inReview(), '2026-01-06T10:00:00.000Z'),
    // The reviewer decides; the partner may not edit during review but may withdraw or comment.
    allowed: {
      withdraw: ['partner'],
      checklist: ['reviewer'],
      comment: BOTH_SIDES,
      approve: ['reviewer'],
      'request-info': ['reviewer'],
      reject: ['reviewer'],
      'remove-product': ['reviewer'],
    },
  },
  {
    name: 'a claim awaiting the partner, inside the 5 business days',
    status: 'partner-action-needed',
    context: ctx([...inReview(), infoRequested(DECIDED)], PARTNER_DUE),
    allowed: { edit: ['partner'], 'add-document': ['partner'], withdraw: ['partner'], comment: BOTH_SIDES, resubmit: ['partner'] },
  },
  {
    name: 'a claim awaiting the partner, after the 5 business days',
    status: 'partner-action-needed',
    context: ctx([...inReview(), infoRequested(DECIDED)], msAfter(PARTNER_DUE)),
    // Too late to resubmit: the timer rejects the claim (no partner response).
    allowed: { edit: ['partner'], 'add-document': ['partner'], withdraw: ['partner'], comment: BOTH_SIDES, 'auto-reject': ['system'] },
  },
  {
    name: 'an approved claim inside the 7-day consent period',
    status: 'approved',
    context: ctx([...inReview(), approved(DECIDED)], CONSENT_END),
    // The partner may end the association (withdraw: partner request); a later approval may supersede it.
    allowed: { comment: BOTH_SIDES, 'customer-decline': ['customer'], withdraw: ['partner'], supersede: ['reviewer'] },
  },
  {
    name: 'an approved claim whose consent period is over but not yet recorded',
    status: 'approved',
    context: ctx([...inReview(), approved(DECIDED)], msAfter(CONSENT_END)),
    allowed: { comment: BOTH_SIDES, 'end-consent-period': ['system'], withdraw: ['partner'], supersede: ['reviewer'] },
  },
  {
    name: 'an approved claim sent for incentive evaluation',
    status: 'approved',
    context: ctx([...inReview(), approved(DECIDED), consentEnded(msAfter(CONSENT_END))], '2026-01-20T00:00:00.000Z'),
    allowed: { comment: BOTH_SIDES, withdraw: ['partner'], supersede: ['reviewer'] },
  },
  {
    name: 'a rejected claim inside the 30-day dispute window',
    status: 'rejected',
    context: ctx([...inReview(), rejected(DECIDED)], DISPUTE_END),
    // A dispute may bring updated PoE (seed: "business justification and/or updated PoE").
    allowed: { comment: BOTH_SIDES, dispute: ['partner'], 'add-document': ['partner'] },
  },
  {
    name: 'a rejected claim with an open dispute',
    status: 'rejected',
    context: ctx([...inReview(), rejected(DECIDED), disputeFiled(FILED)], RESOLVED),
    // The reviewer looks again (checklist) and answers the dispute.
    allowed: { comment: BOTH_SIDES, checklist: ['reviewer'], 'resolve-dispute': ['reviewer'] },
  },
  {
    name: 'a rejected claim whose dispute was upheld',
    status: 'rejected',
    context: ctx([...inReview(), rejected(DECIDED), disputeFiled(FILED), disputeResolved(RESOLVED, 'uphold')], '2026-01-10T00:00:00.000Z'),
    allowed: { comment: BOTH_SIDES },
  },
  {
    name: 'a rejected claim whose 30 days are over but not yet recorded',
    status: 'rejected',
    context: ctx([...inReview(), rejected(DECIDED)], msAfter(DISPUTE_END)),
    allowed: { comment: BOTH_SIDES, 'close-dispute-window': ['system'] },
  },
  {
    name: 'a rejected claim whose dispute window was closed',
    status: 'rejected',
    context: ctx([...inReview(), rejected(DECIDED), disputeWindowClosed(msAfter(DISPUTE_END))], '2026-02-10T00:00:00.000Z'),
    allowed: { comment: BOTH_SIDES },
  },
  {
    name: 'a claim the customer declined after an overturned dispute',
    status: 'rejected',
    context: ctx(
      [...inReview(), rejected(DECIDED), disputeFiled(FILED), disputeResolved(RESOLVED, 'overturn'), customerDeclined('2026-01-12T09:00:00.000Z')],
      '2026-01-13T00:00:00.000Z',
    ),
    // The customer's refusal of consent is final for the claim: no dispute (issue 16), only a new claim.
    allowed: { comment: BOTH_SIDES },
  },
];

describe('checkAction: every action × every role in every situation', () => {
  it('covers every status', () => {
    expect(new Set(SITUATIONS.map((s) => s.status))).toEqual(new Set(['draft', 'submitted', 'in-review', 'partner-action-needed', 'approved', 'rejected']));
  });

  describe.each(SITUATIONS)('$name', ({ status, context, allowed }) => {
    it(`is ${status}`, () => {
      expect(context.lifecycle.status).toBe(status);
    });
    it.each(CLAIM_ACTIONS)('%s', (action) => {
      const expected = allowed[action] ?? [];
      const outcome = Object.fromEntries(ROLES.map((role) => [role, checkAction(action, role, context).ok]));
      expect(outcome).toEqual(Object.fromEntries(ROLES.map((role) => [role, expected.includes(role)])));
    });
  });
});

describe('checkAction: reasons for a refusal', () => {
  const review = ctx(inReview(), '2026-01-06T10:00:00.000Z');

  it('names the role and the action when the role may not act', () => {
    expect(checkAction('approve', 'partner', review)).toEqual({ ok: false, reason: 'a partner may not approve a claim' });
    const qa = checkAction('request-info', 'qa_lead', review);
    expect(qa.ok).toBe(false);
    expect(qa.ok ? '' : qa.reason).toMatch(/qa_lead.*request info/);
  });
  it('names the action and the status when the status does not allow it', () => {
    const draft = ctx([created('2026-01-05T08:00:00.000Z')], '2026-01-05T08:30:00.000Z');
    expect(checkAction('approve', 'reviewer', draft)).toEqual({ ok: false, reason: 'cannot approve a claim that is draft' });
    expect(checkAction('edit', 'partner', review)).toEqual({ ok: false, reason: 'cannot edit a claim that is in-review' });
  });
  it('checks the role before the status', () => {
    const draft = ctx([created('2026-01-05T08:00:00.000Z')], '2026-01-05T08:30:00.000Z');
    expect(checkAction('approve', 'customer', draft)).toEqual({ ok: false, reason: 'a customer may not approve a claim' });
  });
});

describe('checkAction: guards', () => {
  const draft: Step[] = [created('2026-01-05T08:00:00.000Z'), poeAdded('2026-01-05T08:05:00.000Z')];
  const refusal = (action: ClaimAction, role: Role, c: ActionContext): string => {
    const r = checkAction(action, role, c);
    expect(r.ok, `${action} by ${role} should be refused`).toBe(false);
    return r.ok ? '' : r.reason;
  };

  describe('submit', () => {
    it('needs at least one PoE document', () => {
      expect(refusal('submit', 'partner', ctx(draft, '2026-01-05T09:00:00.000Z', { documentCount: 0 }))).toMatch(/at least one PoE document/);
    });
    it('needs at least one product', () => {
      expect(refusal('submit', 'partner', ctx(draft, '2026-01-05T09:00:00.000Z', { activeProductCount: 0 }))).toMatch(/at least one product/);
    });
    it('names the missing document first when both are missing', () => {
      expect(refusal('submit', 'partner', ctx(draft, '2026-01-05T09:00:00.000Z', { documentCount: 0, activeProductCount: 0 }))).toMatch(/PoE document/);
    });
    it('is allowed with one document and one product', () => {
      expect(checkAction('submit', 'partner', ctx(draft, '2026-01-05T09:00:00.000Z', { documentCount: 1, activeProductCount: 1 }))).toEqual({ ok: true });
    });
  });

  describe('resubmit and auto-reject, on the partner’s 5 business days', () => {
    const waiting: Step[] = [...inReview(), infoRequested(DECIDED)];

    it('lets the partner resubmit up to the last millisecond of the 5th business day', () => {
      expect(checkAction('resubmit', 'partner', ctx(waiting, PARTNER_DUE)).ok).toBe(true);
    });
    it('refuses a resubmission after the partner-response deadline', () => {
      expect(refusal('resubmit', 'partner', ctx(waiting, msAfter(PARTNER_DUE)))).toMatch(/5 business days to answer the request have passed/);
    });
    it('skips weekends and holidays when deciding that the partner is late', () => {
      const holiday = { timeZone: 'UTC', holidays: ['2026-01-12'] }; // due moves to Thursday 01-15
      const c = contextOf(story(...waiting), { now: msAfter(PARTNER_DUE), calendar: holiday, documentCount: 1, activeProductCount: 1 });
      expect(checkAction('resubmit', 'partner', c).ok).toBe(true);
      expect(checkAction('auto-reject', 'system', c).ok).toBe(false);
    });
    it('refuses to auto-reject while the partner still has time', () => {
      expect(refusal('auto-reject', 'system', ctx(waiting, PARTNER_DUE))).toMatch(/partner still has time/);
    });
    it('auto-rejects only after the deadline', () => {
      expect(checkAction('auto-reject', 'system', ctx(waiting, msAfter(PARTNER_DUE))).ok).toBe(true);
    });
    it('measures a second request for information from its own time, not the first', () => {
      const second: Step[] = [
        ...waiting,
        { kind: 'resubmitted', message: null, at: '2026-01-08T09:00:00.000Z', by: 'partner' },
        infoRequested('2026-01-09T09:00:00.000Z'),
      ];
      // First request would have expired at the end of 01-14; the second runs to the end of Fri 01-16.
      expect(checkAction('resubmit', 'partner', ctx(second, '2026-01-16T23:00:00.000Z')).ok).toBe(true);
      expect(checkAction('auto-reject', 'system', ctx(second, '2026-01-16T23:00:00.000Z')).ok).toBe(false);
      expect(checkAction('auto-reject', 'system', ctx(second, '2026-01-17T00:00:00.000Z')).ok).toBe(true);
    });
  });

  describe('customer decline and the end of the consent period', () => {
    const approval: Step[] = [...inReview(), approved(DECIDED)];

    it('lets the customer decline inside the 7 calendar days', () => {
      expect(checkAction('customer-decline', 'customer', ctx(approval, DECIDED)).ok).toBe(true);
      expect(checkAction('customer-decline', 'customer', ctx(approval, CONSENT_END)).ok).toBe(true);
    });
    it('refuses a decline after the 7 days', () => {
      expect(refusal('customer-decline', 'customer', ctx(approval, msAfter(CONSENT_END)))).toMatch(/7-day consent period is over/);
    });
    it('refuses a decline once the claim was sent for incentive evaluation', () => {
      expect(refusal('customer-decline', 'customer', ctx([...approval, consentEnded(msAfter(CONSENT_END))], msAfter(CONSENT_END)))).toMatch(
        /consent period is over/,
      );
    });
    it('refuses to end the consent period while it is still running', () => {
      expect(refusal('end-consent-period', 'system', ctx(approval, CONSENT_END))).toMatch(/still running/);
    });
    it('refuses to end the consent period twice', () => {
      expect(refusal('end-consent-period', 'system', ctx([...approval, consentEnded(msAfter(CONSENT_END))], '2026-02-01T00:00:00.000Z'))).toMatch(
        /already sent/,
      );
    });
    it('measures the consent period of an overturned dispute from the overturn', () => {
      const overturned: Step[] = [...inReview(), rejected(DECIDED), disputeFiled(FILED), disputeResolved(RESOLVED, 'overturn')];
      expect(checkAction('customer-decline', 'customer', ctx(overturned, '2026-01-16T09:00:00.000Z')).ok).toBe(true);
      expect(checkAction('customer-decline', 'customer', ctx(overturned, '2026-01-16T09:00:00.001Z')).ok).toBe(false);
    });
  });

  describe('dispute', () => {
    const rejection: Step[] = [...inReview(), rejected(DECIDED)];

    it('is allowed up to the end of the 30 calendar days', () => {
      expect(checkAction('dispute', 'partner', ctx(rejection, DISPUTE_END)).ok).toBe(true);
    });
    it('is refused after 30 days, pointing to a new claim', () => {
      expect(refusal('dispute', 'partner', ctx(rejection, msAfter(DISPUTE_END)))).toMatch(/30-day dispute window is over: submit a new claim/);
    });
    it('is refused once the timer closed the window', () => {
      expect(refusal('dispute', 'partner', ctx([...rejection, disputeWindowClosed(msAfter(DISPUTE_END))], msAfter(DISPUTE_END)))).toMatch(
        /30-day dispute window/,
      );
    });
    it('is allowed only once per rejection, whether the first is open or upheld', () => {
      expect(refusal('dispute', 'partner', ctx([...rejection, disputeFiled(FILED)], RESOLVED))).toMatch(/disputed once/);
      expect(refusal('dispute', 'partner', ctx([...rejection, disputeFiled(FILED), disputeResolved(RESOLVED, 'uphold')], '2026-01-10T00:00:00.000Z'))).toMatch(
        /disputed once/,
      );
    });
    it('is refused against a customer’s decline: the refusal of consent is final, a new claim may follow', () => {
      const declined: Step[] = [...inReview(), approved(DECIDED), customerDeclined('2026-01-08T09:00:00.000Z')];
      expect(refusal('dispute', 'partner', ctx(declined, '2026-01-08T10:00:00.000Z'))).toBe(
        'the customer declined consent, which is final for this claim: the partner may file a new claim',
      );
      expect(refusal('add-document', 'partner', ctx(declined, '2026-01-08T10:00:00.000Z'))).toMatch(/final for this claim/);
      expect(checkAction('close-dispute-window', 'system', ctx(declined, '2026-03-01T00:00:00.000Z')).ok).toBe(false);
    });
  });

  describe('resolve dispute', () => {
    it('needs an open dispute', () => {
      expect(refusal('resolve-dispute', 'reviewer', ctx([...inReview(), rejected(DECIDED)], FILED))).toMatch(/no open dispute/);
    });
    it('cannot answer the same dispute twice', () => {
      expect(
        refusal(
          'resolve-dispute',
          'reviewer',
          ctx([...inReview(), rejected(DECIDED), disputeFiled(FILED), disputeResolved(RESOLVED, 'uphold')], '2026-01-10T00:00:00.000Z'),
        ),
      ).toMatch(/no open dispute/);
    });
    it('can answer an open dispute after the 30 days, since it was filed in time', () => {
      expect(checkAction('resolve-dispute', 'reviewer', ctx([...inReview(), rejected(DECIDED), disputeFiled(FILED)], msAfter(DISPUTE_END))).ok).toBe(true);
    });
  });

  describe('checklist on a rejected claim', () => {
    it('is refused unless a dispute is open', () => {
      expect(refusal('checklist', 'reviewer', ctx([...inReview(), rejected(DECIDED)], FILED))).toMatch(/only while a dispute is open/);
    });
  });

  describe('close dispute window', () => {
    it('is refused while the window is still open', () => {
      expect(refusal('close-dispute-window', 'system', ctx([...inReview(), rejected(DECIDED)], DISPUTE_END))).toMatch(/still open/);
    });
    it('has nothing to close after a dispute or once closed', () => {
      expect(refusal('close-dispute-window', 'system', ctx([...inReview(), rejected(DECIDED), disputeFiled(FILED)], msAfter(DISPUTE_END)))).toMatch(
        /nothing to close/,
      );
      expect(
        refusal(
          'close-dispute-window',
          'system',
          ctx([...inReview(), rejected(DECIDED), disputeWindowClosed(msAfter(DISPUTE_END))], '2026-03-01T00:00:00.000Z'),
        ),
      ).toMatch(/nothing to close/);
    });
  });

  describe('remove product', () => {
    it('refuses to remove the last product, suggesting a rejection instead', () => {
      expect(refusal('remove-product', 'reviewer', ctx(inReview(), '2026-01-06T10:00:00.000Z', { activeProductCount: 1 }))).toMatch(
        /last product of a claim cannot be removed; reject/,
      );
    });
    it('removes a product while another remains', () => {
      expect(checkAction('remove-product', 'reviewer', ctx(inReview(), '2026-01-06T10:00:00.000Z', { activeProductCount: 2 })).ok).toBe(true);
    });
  });
});

describe('contextOf', () => {
  it('replays the history into the lifecycle the guards read', () => {
    const h: HistoryEntry[] = story(...inReview(), approved(DECIDED));
    const c = contextOf(h, { now: DECIDED, calendar: UTC, documentCount: 1, activeProductCount: 1 });
    expect(c.lifecycle).toEqual(replay(h));
    expect(c.history).toBe(h);
    expect(c).toMatchObject({ now: DECIDED, calendar: UTC, documentCount: 1, activeProductCount: 1 });
  });
});

describe('what the partner may edit', () => {
  it('is the MPN, the products and both contacts', () => {
    expect([...PARTNER_EDITABLE_FIELDS].sort()).toEqual(['customerContact', 'mpnId', 'partnerContact', 'products']);
  });
  it.each([
    ['draft', true],
    ['submitted', true],
    ['partner-action-needed', true],
    ['in-review', false],
    ['approved', false],
    ['rejected', false],
  ] as const)('while %s: %s', (status, may) => {
    expect(partnerMayEdit(status)).toBe(may);
  });
  it('agrees with the edit action for every status', () => {
    for (const s of SITUATIONS) expect(checkAction('edit', 'partner', s.context).ok, s.name).toBe(partnerMayEdit(s.status));
  });
});
