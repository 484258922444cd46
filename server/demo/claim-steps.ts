// The demo generator's scenarios and their steps: which scenario each claim follows (every one at least
// once, in proportion), and the steps of each (documents with or without flaws, requests, resubmissions,
// decisions, disputes, comments), with the gaps between them.
import type { Product } from '../../shared/contracts';
import type { Actor, BusinessCalendar, ChecklistReason, RejectionReason } from '../../shared/domain';
import type { Sim } from './claim-sim';
import { CLEAN, type PoeFlaws, type PoeLayout, type PoeTruth } from './poe-content';
import type { Rng } from './rng';
import type { DemoCompany, DemoCustomer } from './world';

export const SCENARIOS = [
  'draft',
  'submitted',
  'in-review',
  'in-review-resubmitted',
  'partner-action-needed',
  'auto-rejected',
  'consent-period',
  'sent-for-evaluation',
  'rejected',
  'rejected-window-closed',
  'disputed',
  'dispute-upheld',
  'dispute-overturned',
  'withdrawn',
  'customer-declined',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

const WEIGHTS: Record<Scenario, number> = {
  draft: 14,
  submitted: 40,
  'in-review': 30,
  'in-review-resubmitted': 16,
  'partner-action-needed': 30,
  'auto-rejected': 10,
  'consent-period': 24,
  'sent-for-evaluation': 30,
  rejected: 20,
  'rejected-window-closed': 14,
  disputed: 16,
  'dispute-upheld': 8,
  'dispute-overturned': 7,
  withdrawn: 8,
  'customer-declined': 10,
};

/** Which scenario each of `count` claims follows: every scenario at least once (when count allows), in proportion, shuffled. */
export function allocateScenarios(rng: Rng, count: number): Scenario[] {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  const list: Scenario[] = [];
  for (const s of SCENARIOS) for (let i = 0; i < Math.max(count >= SCENARIOS.length ? 1 : 0, Math.floor((WEIGHTS[s] / total) * count)); i++) list.push(s);
  while (list.length < count) list.push(rng.weighted(SCENARIOS.map((s) => [s, WEIGHTS[s]] as const)));
  return rng.shuffle(list.slice(0, count));
}

const PARTNER_COMMENTS = [
  'The signed acknowledgement is attached; please review again.',
  'We have worked with this customer since last year; the SOW covers all products.',
  'Could you tell us which page is missing the product names?',
  '已補上客戶簽名的確認書，請再次審核。',
  '附件為最新版本的執行證明，日期已更新。',
];
const REVIEWER_COMMENTS = [
  'Thanks, reviewing the updated PoE now.',
  'The tenant ID in the PoE does not match the claim; please check.',
  'Please make sure the acknowledgement is dated within 12 months before submission.',
  '已收到，我們會盡快完成審核。',
];
const REASON_TEXT: Record<ChecklistReason, string> = {
  'missing-all-poe': 'the uploaded document is not about this customer',
  'missing-customer-acknowledgement': "the customer's signature is missing",
  'date-missing-or-outdated': 'the acknowledgement has no date or is older than 12 months',
  'missing-partner-solution': 'the engagement description is missing or too thin',
  'missing-product': 'a claimed product is not named in the PoE',
};

export interface ClaimPlan {
  scenario: Scenario;
  company: DemoCompany;
  customer: DemoCustomer;
  partner: Actor;
  customerActor: Actor;
  reviewer: Actor;
  otherReviewer: Actor;
}

export interface StepContext {
  rng: Rng;
  sim: Sim;
  plan: ClaimPlan;
  products: Product[];
  otherCustomer: DemoCustomer;
  cal: BusinessCalendar;
  addDocument(flaws: PoeFlaws, layout?: PoeLayout): Promise<void>;
}
interface Step {
  gap: number;
  run(c: StepContext): void | Promise<void>;
}
type Steps = Step[] & { lastAge: number };

/** Some flaws, at least one: what a reviewer would find wrong with a document. */
function someFlaws(rng: Rng, products: readonly Product[]): PoeFlaws {
  if (rng.chance(0.12)) return { ...CLEAN, wrongCustomer: true };
  for (;;) {
    const f: PoeFlaws = {
      wrongCustomer: false,
      unsigned: rng.chance(0.35),
      date: rng.chance(0.3) ? (rng.chance(0.7) ? 'outdated' : 'missing') : 'current',
      thinEngagement: rng.chance(0.22),
      missingProductIds: products.length > 1 && rng.chance(0.35) ? [rng.pick(products).id] : products.length === 1 && rng.chance(0.08) ? [products[0]!.id] : [],
    };
    if (f.unsigned || f.date !== 'current' || f.thinEngagement || f.missingProductIds.length) return f;
  }
}

function rejectionFor(rng: Rng, truth: PoeTruth): RejectionReason {
  if (rng.chance(0.06)) return 'poe-unavailable';
  const codes = truth.reasons.map((r) => r.code);
  if (codes.includes('missing-customer-acknowledgement')) return 'missing-customer-consent';
  if (codes.length === 1 && codes[0] === 'missing-product') return 'missing-product';
  return 'insufficient-poe';
}

export function planSteps(rng: Rng, plan: ClaimPlan, products: Product[]): Steps {
  const steps: Step[] = [];
  const s = (gap: number, run: Step['run']) => steps.push({ gap, run });
  const days = (a: number, b: number) => rng.between(a, b);
  const flawed = (() => {
    switch (plan.scenario) {
      case 'draft':
      case 'submitted':
      case 'in-review':
      case 'withdrawn':
        return rng.chance(0.5);
      case 'consent-period':
      case 'sent-for-evaluation':
      case 'customer-declined':
        return rng.chance(0.25); // some went through a request first
      default:
        return true;
    }
  })();
  const firstFlaws = flawed ? someFlaws(rng, products) : CLEAN;
  const wantsCycle =
    flawed && ['in-review-resubmitted', 'consent-period', 'sent-for-evaluation', 'customer-declined', 'dispute-overturned'].includes(plan.scenario);
  const rev = plan.reviewer;

  s(0, ({ sim }) => sim.emit(null, plan.partner, { kind: 'created' }));
  const withDocument = plan.scenario !== 'draft' || rng.chance(0.6);
  if (withDocument) s(rng.between(0.1, 3), (c) => c.addDocument(firstFlaws));
  if (withDocument && !flawed && rng.chance(0.2)) s(rng.between(0.1, 2), (c) => c.addDocument(CLEAN, rng.pick(['sow', 'email'] as const)));
  if (plan.scenario === 'draft') return Object.assign(steps, { lastAge: days(0.2, 20) });

  s(rng.between(0.3, 30), ({ sim }) => sim.emit('submit', plan.partner, { kind: 'submitted' }));
  if (plan.scenario === 'submitted') return Object.assign(steps, { lastAge: days(0.05, 11) });
  if (plan.scenario === 'withdrawn') {
    if (rng.chance(0.5)) s(rng.between(2, 72), ({ sim }) => sim.emit('start-review', rev, { kind: 'review-started' }));
    s(rng.between(2, 96), ({ sim }) =>
      sim.emit('withdraw', plan.partner, {
        kind: 'rejected',
        reason: 'partner-request',
        message: rng.pick([
          'We used the wrong MPN ID; a new claim follows.',
          'Wrong activity type: this was a pre-sales engagement.',
          'We no longer work with this customer.',
        ]),
      }),
    );
    return Object.assign(steps, { lastAge: days(0.5, 60) });
  }
  s(rng.between(1, 90), ({ sim }) => sim.emit('start-review', rev, { kind: 'review-started' }));
  if (rng.chance(0.25)) s(rng.between(0.5, 20), ({ sim }) => sim.emit('comment', rev, { kind: 'comment', text: rng.pick(REVIEWER_COMMENTS) }));

  // The named demo reviewer's ticks: the ground truth, but, as in life, sometimes one is missed.
  const tickFirstDoc = (gap: number) =>
    s(gap, ({ sim }) => {
      const reasons = sim.documents[0]?.truth.reasons ?? [];
      const missed = reasons.length > 1 && rng.chance(0.1) ? reasons.length - 1 : -1;
      reasons.forEach(
        (r, i) => i !== missed && sim.emit('checklist', rev, { kind: 'checklist', code: r.code, productId: r.productId, checked: true, note: null }),
      );
    });
  const requestInfo = () => {
    tickFirstDoc(rng.between(0.5, 30));
    s(rng.between(0.1, 1), ({ sim }) => {
      const reasons = sim.documents[0]!.truth.reasons;
      sim.emit('request-info', rev, {
        kind: 'info-requested',
        reasons,
        message: `Please provide a PoE that fixes the following: ${reasons.map((r) => REASON_TEXT[r.code]).join('; ')}.`,
      });
    });
  };
  const resubmit = () => {
    if (rng.chance(0.4)) s(rng.between(1, 24), ({ sim }) => sim.emit('comment', plan.partner, { kind: 'comment', text: rng.pick(PARTNER_COMMENTS) }));
    s(rng.between(4, 60), (c) => c.addDocument(CLEAN));
    s(rng.between(0.2, 3), ({ sim }) => sim.emit('resubmit', plan.partner, { kind: 'resubmitted', message: rng.chance(0.6) ? 'Updated PoE attached.' : null }));
  };
  const approve = () =>
    s(rng.between(2, 60), ({ sim }) =>
      sim.emit('approve', rev, {
        kind: 'approved',
        message: rng.chance(0.5) ? 'PoE complete: partner, customer, products and a signed, current acknowledgement.' : null,
      }),
    );
  const reject = () => {
    tickFirstDoc(rng.between(1, 40));
    s(rng.between(0.1, 1), ({ sim }) => {
      const truth = sim.documents[0]!.truth;
      sim.emit('reject', rev, {
        kind: 'rejected',
        reason: rejectionFor(rng, truth),
        message: `Rejected: ${truth.reasons.map((r) => REASON_TEXT[r.code]).join('; ') || 'the PoE cannot be opened'}.`,
      });
    });
  };
  const dispute = () =>
    s(rng.between(6, 24 * 20), ({ sim }) =>
      sim.emit('dispute', plan.partner, {
        kind: 'dispute-filed',
        justification: rng.pick([
          'The acknowledgement on page 2 is signed by the customer CIO.',
          'The SOW names every product; please look at the appendix.',
          '客戶已於附件中簽署確認，請重新審核。',
        ]),
      }),
    );

  switch (plan.scenario) {
    case 'in-review':
      // nothing ticked yet: the reviewer (and the PoE assist) find the reasons themselves
      return Object.assign(steps, { lastAge: days(0.05, 9) });
    case 'in-review-resubmitted':
      requestInfo();
      resubmit();
      return Object.assign(steps, { lastAge: days(0.05, 8) });
    case 'partner-action-needed':
      requestInfo();
      if (rng.chance(0.3)) s(rng.between(1, 30), ({ sim }) => sim.emit('comment', plan.partner, { kind: 'comment', text: rng.pick(PARTNER_COMMENTS) }));
      return Object.assign(steps, { lastAge: days(0.05, 6) });
    case 'auto-rejected':
      requestInfo();
      return Object.assign(steps, { lastAge: days(9, 40) });
    case 'consent-period':
    case 'sent-for-evaluation':
    case 'customer-declined':
      if (wantsCycle) {
        requestInfo();
        resubmit();
      }
      approve();
      if (plan.scenario === 'customer-declined') {
        s(rng.between(1, 150), ({ sim }) =>
          sim.emit('customer-decline', plan.customerActor, {
            kind: 'customer-declined',
            message: rng.chance(0.5) ? 'We did not work with this partner on this workload.' : null,
          }),
        );
        return Object.assign(steps, { lastAge: days(0.5, 25) });
      }
      return Object.assign(steps, { lastAge: plan.scenario === 'consent-period' ? days(0.05, 6.8) : days(7.5, 90) });
    case 'rejected':
      reject();
      return Object.assign(steps, { lastAge: days(0.2, 29) });
    case 'rejected-window-closed':
      reject();
      return Object.assign(steps, { lastAge: days(31, 120) });
    case 'disputed':
      reject();
      dispute();
      return Object.assign(steps, { lastAge: days(0.05, 9) });
    case 'dispute-upheld':
    case 'dispute-overturned':
      if (wantsCycle && plan.scenario === 'dispute-overturned') {
        requestInfo();
        resubmit();
      }
      reject();
      dispute();
      s(rng.between(6, 110), ({ sim }) =>
        sim.emit('resolve-dispute', plan.otherReviewer, {
          kind: 'dispute-resolved',
          outcome: plan.scenario === 'dispute-upheld' ? 'uphold' : 'overturn',
          message:
            plan.scenario === 'dispute-upheld'
              ? 'The rejection stands: the PoE still lacks what was asked for.'
              : 'Overturned: the appendix shows what was missing.',
        }),
      );
      return Object.assign(steps, { lastAge: days(0.5, 40) });
    default:
      throw new Error(`unknown scenario ${plan.scenario as string}`);
  }
}
