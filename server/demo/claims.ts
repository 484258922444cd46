// Generates the demo world's claims: each follows a scenario (draft … dispute overturned) as a real
// history, every step checked by the shared transition table, timed relative to the seeding clock so
// deadlines fall everywhere (overdue, due today, later). System timers fire at their due moment.
// PoE documents are generated to match (or deliberately miss) the claim, with their ground truth.
import { createHash } from 'node:crypto';
import type { ClaimFacts, DocumentRef, Product } from '../../shared/contracts';
import {
  ACTIVITY_TYPES, checkAction, replay, type Actor, type ActivityType, type BusinessCalendar, type ChecklistReason, type ClaimAction,
  type HistoryEntry, type HistoryEvent, type RejectionReason,
} from '../../shared/domain';
import { activeProducts, claimIndex } from '../app/claims';
import { SYSTEM_ACTOR } from '../app/context';
import type { ClaimIndex } from '../store/repository';
import { CLEAN, makeSpec, truthOf, type PoeFlaws, type PoeLayout, type PoeTruth } from './poe-content';
import { pdfPoe, registerCjkText } from './poe-pdf';
import { rasterPoe } from './poe-raster';
import type { Rng } from './rng';
import { DEMO_REVIEWERS, PRODUCT_CATALOG, type DemoCompany, type DemoCustomer, type DemoWorld } from './world';

export interface DemoDocument { ref: DocumentRef; bytes: Uint8Array; truth: PoeTruth }
export interface DemoClaim { facts: ClaimFacts; companyId: string; index: ClaimIndex; history: HistoryEntry[]; documents: DemoDocument[] }

export const SCENARIOS = [
  'draft', 'submitted', 'in-review', 'in-review-resubmitted', 'partner-action-needed', 'auto-rejected', 'consent-period',
  'sent-for-evaluation', 'rejected', 'rejected-window-closed', 'disputed', 'dispute-upheld', 'dispute-overturned', 'withdrawn', 'customer-declined',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

const WEIGHTS: Record<Scenario, number> = {
  draft: 14, submitted: 40, 'in-review': 30, 'in-review-resubmitted': 16, 'partner-action-needed': 30, 'auto-rejected': 10, 'consent-period': 24,
  'sent-for-evaluation': 30, rejected: 20, 'rejected-window-closed': 14, disputed: 16, 'dispute-upheld': 8, 'dispute-overturned': 7, withdrawn: 8, 'customer-declined': 10,
};

/** Which scenario each of `count` claims follows: every scenario at least once (when count allows), in proportion, shuffled. */
export function allocateScenarios(rng: Rng, count: number): Scenario[] {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  const list: Scenario[] = [];
  for (const s of SCENARIOS) for (let i = 0; i < Math.max(count >= SCENARIOS.length ? 1 : 0, Math.floor((WEIGHTS[s] / total) * count)); i++) list.push(s);
  while (list.length < count) list.push(rng.weighted(SCENARIOS.map((s) => [s, WEIGHTS[s]] as const)));
  return rng.shuffle(list.slice(0, count));
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Raster documents (scans and photos) cost the most to generate: keep to a few dozen. */
const RASTER_BUDGET = 16;

const CONTESTED = [
  { customer: 0, workload: 'Dynamics 365 Sales' },
  { customer: 1, workload: 'Power BI Pro' },
  { customer: 3, workload: 'Microsoft Teams' },
  { customer: 6, workload: 'Dynamics 365 Business Central' },
];

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

const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');

/** A claim's history under construction, every step checked with the shared transition table. */
class Sim {
  history: HistoryEntry[] = [];
  documents: DemoDocument[] = [];
  constructor(readonly facts: ClaimFacts, readonly cal: BusinessCalendar, public t: number) {}
  iso(t = this.t): string {
    return new Date(t).toISOString();
  }
  wait(hours: number): void {
    this.t += Math.max(0.02, hours) * HOUR;
  }
  allowed(action: ClaimAction, actor: Actor, t = this.t): boolean {
    const ctx = {
      history: this.history, lifecycle: replay(this.history), now: this.iso(t), calendar: this.cal,
      documentCount: this.documents.length, activeProductCount: activeProducts(this.facts, this.history).length,
    };
    return checkAction(action, actor.role, ctx).ok;
  }
  emit(action: ClaimAction | null, actor: Actor, event: HistoryEvent, t = this.t): void {
    if (action && !this.allowed(action, actor, t)) {
      const ctx = { history: this.history, lifecycle: replay(this.history), now: this.iso(t), calendar: this.cal, documentCount: this.documents.length, activeProductCount: activeProducts(this.facts, this.history).length };
      throw new Error(`demo generator: ${action} by ${actor.role} on ${this.facts.id} at ${this.iso(t)} refused: ${JSON.stringify(checkAction(action, actor.role, ctx))}`);
    }
    this.history.push({ ...event, seq: this.history.length + 1, at: this.iso(t), actor } as HistoryEntry);
  }
}

interface ClaimPlan {
  scenario: Scenario;
  company: DemoCompany;
  customer: DemoCustomer;
  partner: Actor;
  customerActor: Actor;
  reviewer: Actor;
  otherReviewer: Actor;
}

/** Generates `count` claims; `onProgress(done, count)` is told after each claim (seeding takes a while: start prints it). */
export async function generateClaims(rng: Rng, world: DemoWorld, cal: BusinessCalendar, now: string, count: number, onProgress?: (done: number, total: number) => void): Promise<DemoClaim[]> {
  const claims: DemoClaim[] = [];
  for await (const c of claimStream(rng, world, cal, now, count)) {
    claims.push(c);
    onProgress?.(claims.length, count);
  }
  return claims;
}

/** The same claims one at a time, in order (CLM-10001 first): a background seeder stores each as it comes. */
export async function* claimStream(rng: Rng, world: DemoWorld, cal: BusinessCalendar, now: string, count: number): AsyncGenerator<DemoClaim> {
  registerCjkText([...world.customers.map((c) => c.nameZh ?? ''), ...world.companies.map((c) => c.name)]);
  const nowMs = Date.parse(now);
  let rasters = 0;
  const scenarios = allocateScenarios(rng, count);
  const reviewers: Actor[] = DEMO_REVIEWERS.map((r) => ({ id: r.id, name: r.name, role: 'reviewer' }));

  for (const [n, scenario] of scenarios.entries()) {
    // Most customers work with one partner; a few are contested by several on the same workload.
    const contested = rng.chance(0.12) ? rng.pick(CONTESTED) : null;
    const customer = contested ? world.customers[contested.customer]! : rng.pick(world.customers);
    const company = contested || rng.chance(0.08) ? rng.pick(world.companies) : world.companies.find((c) => c.id === customer.homeCompanyId)!;
    const otherCustomer = rng.pick(world.customers.filter((c) => c.id !== customer.id));
    const reviewer = rng.pick(reviewers);
    const plan: ClaimPlan = {
      scenario, company, customer, reviewer,
      otherReviewer: rng.pick(reviewers.filter((r) => r.id !== reviewer.id)),
      partner: { id: `u-${company.username}`, name: `${company.contact} (${company.name})`, role: 'partner' },
      customerActor: { id: `u-${customer.username}`, name: `${customer.contact} (${customer.name})`, role: 'customer' },
    };

    const id = `CLM-${String(10001 + n)}`;
    const activity: ActivityType = rng.weighted(ACTIVITY_TYPES.map((a) => [a, a === 'usage' ? 1 : 2] as const));
    const picked = rng.shuffle(PRODUCT_CATALOG).slice(0, rng.weighted([[1, 3], [2, 4], [3, 2]] as const));
    if (contested && !picked.some((p) => p.name === contested.workload)) picked[0] = PRODUCT_CATALOG.find((p) => p.name === contested.workload)!;
    const products: Product[] = picked.map((p, i) => ({ id: `${id}-p${i + 1}`, name: p.name, family: p.family, workload: p.workload, removed: false }));

    // Plan the steps first (their gaps), then place them so the last one lands `lastAge` before now.
    const steps = planSteps(rng, plan, products);
    const span = steps.reduce((s, st) => s + st.gap, 0);
    const start = nowMs - steps.lastAge * DAY - span * HOUR;
    const facts: ClaimFacts = {
      id, createdAt: new Date(start).toISOString(),
      partner: { mpnId: company.mpnId, name: company.name },
      customer: { name: customer.name, tenantId: customer.tenantId, domain: customer.domain },
      subscriptionId: activity === 'usage' ? rng.uuid() : null,
      activity, products,
      customerContact: { name: customer.contact, email: `${slug(customer.contact) || 'contact'}@${customer.domain}`, phone: rng.chance(0.6) ? `+886 2 ${rng.int(2000, 8999)} ${rng.int(1000, 9999)}` : null },
      partnerContact: { name: company.contact, email: `${slug(company.contact)}@${company.emailDomain}`, phone: `+886 2 ${rng.int(2000, 8999)} ${rng.int(1000, 9999)}` },
      documents: [],
    };
    const sim = new Sim(facts, cal, start);
    const ctx: StepContext = {
      rng, sim, plan, products, otherCustomer, cal,
      addDocument: async (flaws, layoutHint) => {
        let layout = layoutHint ?? pickLayout(rng);
        const raster = layout === 'scanned' || layout === 'photo-png' || layout === 'photo-jpeg';
        if (raster && rasters >= RASTER_BUDGET) layout = 'template';
        else if (raster) rasters++;
        const language = layout !== 'scanned' && !layout.startsWith('photo') && rng.chance(0.22) ? 'zh-TW' : 'en';
        const spec = makeSpec(rng, { layout, language, flaws, company, customer, otherCustomer, activity, products, relativeTo: sim.iso(), timeZone: cal.timeZone });
        const bytes = layout === 'photo-png' ? await rasterPoe(rng, spec, 'png') : layout === 'photo-jpeg' ? await rasterPoe(rng, spec, 'jpeg') : await pdfPoe(rng, spec, sim.iso());
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const mediaType = layout === 'photo-png' ? 'image/png' : layout === 'photo-jpeg' ? 'image/jpeg' : 'application/pdf';
        const ref: DocumentRef = { sha256, fileName: spec.fileName, mediaType, size: bytes.byteLength, uploadedAt: sim.iso() };
        sim.documents.push({ ref, bytes, truth: truthOf(spec, flaws) });
        facts.documents.push(ref);
        sim.emit('add-document', plan.partner, { kind: 'document-added', sha256, fileName: spec.fileName });
      },
    };
    for (const st of steps) {
      sim.wait(st.gap);
      await st.run(ctx);
    }
    fireTimers(sim, nowMs);
    yield { facts, companyId: company.id, index: claimIndex(facts, sim.history, now, cal), history: sim.history, documents: sim.documents };
  }
}

/** Appends the system transitions whose moment came before now, each at its due moment (+ a minute). */
function fireTimers(sim: Sim, nowMs: number): void {
  const timers: { action: ClaimAction; event: HistoryEvent }[] = [
    { action: 'auto-reject', event: { kind: 'rejected', reason: 'no-partner-response', message: 'No response from the partner within 5 business days of the request for more information.' } },
    { action: 'end-consent-period', event: { kind: 'sent-for-incentive-evaluation' } },
    { action: 'close-dispute-window', event: { kind: 'dispute-window-closed' } },
  ];
  for (let guard = 0; guard < 4; guard++) {
    const due = claimIndex(sim.facts, sim.history, sim.iso(), sim.cal).timerDue;
    if (!due) return;
    const at = Date.parse(due) + 60_000;
    if (at >= nowMs) return;
    const t = timers.find((x) => sim.allowed(x.action, SYSTEM_ACTOR, at));
    if (!t) return;
    sim.emit(t.action, SYSTEM_ACTOR, t.event, at);
    sim.t = Math.max(sim.t, at);
  }
}

function pickLayout(rng: Rng): PoeLayout {
  return rng.weighted([['template', 50], ['email', 14], ['sow', 14], ['scanned', 8], ['photo-png', 6], ['photo-jpeg', 6]] as const);
}

interface StepContext {
  rng: Rng;
  sim: Sim;
  plan: ClaimPlan;
  products: Product[];
  otherCustomer: DemoCustomer;
  cal: BusinessCalendar;
  addDocument(flaws: PoeFlaws, layout?: PoeLayout): Promise<void>;
}
interface Step { gap: number; run(c: StepContext): void | Promise<void> }
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

function planSteps(rng: Rng, plan: ClaimPlan, products: Product[]): Steps {
  const steps: Step[] = [];
  const s = (gap: number, run: Step['run']) => steps.push({ gap, run });
  const days = (a: number, b: number) => rng.between(a, b);
  const flawed = (() => {
    switch (plan.scenario) {
      case 'draft': case 'submitted': case 'in-review': case 'withdrawn': return rng.chance(0.5);
      case 'consent-period': case 'sent-for-evaluation': case 'customer-declined': return rng.chance(0.25); // some went through a request first
      default: return true;
    }
  })();
  const firstFlaws = flawed ? someFlaws(rng, products) : CLEAN;
  const wantsCycle = flawed && ['in-review-resubmitted', 'consent-period', 'sent-for-evaluation', 'customer-declined', 'dispute-overturned'].includes(plan.scenario);
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
    s(rng.between(2, 96), ({ sim }) => sim.emit('withdraw', plan.partner, { kind: 'rejected', reason: 'partner-request', message: rng.pick(['We used the wrong MPN ID; a new claim follows.', 'Wrong activity type: this was a pre-sales engagement.', 'We no longer work with this customer.']) }));
    return Object.assign(steps, { lastAge: days(0.5, 60) });
  }
  s(rng.between(1, 90), ({ sim }) => sim.emit('start-review', rev, { kind: 'review-started' }));
  if (rng.chance(0.25)) s(rng.between(0.5, 20), ({ sim }) => sim.emit('comment', rev, { kind: 'comment', text: rng.pick(REVIEWER_COMMENTS) }));

  // The named demo reviewer's ticks: the ground truth, but, as in life, sometimes one is missed.
  const tickFirstDoc = (gap: number) => s(gap, ({ sim }) => {
    const reasons = sim.documents[0]?.truth.reasons ?? [];
    const missed = reasons.length > 1 && rng.chance(0.1) ? reasons.length - 1 : -1;
    reasons.forEach((r, i) => i !== missed && sim.emit('checklist', rev, { kind: 'checklist', code: r.code, productId: r.productId, checked: true, note: null }));
  });
  const requestInfo = () => {
    tickFirstDoc(rng.between(0.5, 30));
    s(rng.between(0.1, 1), ({ sim }) => {
      const reasons = sim.documents[0]!.truth.reasons;
      sim.emit('request-info', rev, { kind: 'info-requested', reasons, message: `Please provide a PoE that fixes the following: ${reasons.map((r) => REASON_TEXT[r.code]).join('; ')}.` });
    });
  };
  const resubmit = () => {
    if (rng.chance(0.4)) s(rng.between(1, 24), ({ sim }) => sim.emit('comment', plan.partner, { kind: 'comment', text: rng.pick(PARTNER_COMMENTS) }));
    s(rng.between(4, 60), (c) => c.addDocument(CLEAN));
    s(rng.between(0.2, 3), ({ sim }) => sim.emit('resubmit', plan.partner, { kind: 'resubmitted', message: rng.chance(0.6) ? 'Updated PoE attached.' : null }));
  };
  const approve = () => s(rng.between(2, 60), ({ sim }) => sim.emit('approve', rev, { kind: 'approved', message: rng.chance(0.5) ? 'PoE complete: partner, customer, products and a signed, current acknowledgement.' : null }));
  const reject = () => {
    tickFirstDoc(rng.between(1, 40));
    s(rng.between(0.1, 1), ({ sim }) => {
      const truth = sim.documents[0]!.truth;
      sim.emit('reject', rev, { kind: 'rejected', reason: rejectionFor(rng, truth), message: `Rejected: ${truth.reasons.map((r) => REASON_TEXT[r.code]).join('; ') || 'the PoE cannot be opened'}.` });
    });
  };
  const dispute = () => s(rng.between(6, 24 * 20), ({ sim }) => sim.emit('dispute', plan.partner, { kind: 'dispute-filed', justification: rng.pick(['The acknowledgement on page 2 is signed by the customer CIO.', 'The SOW names every product; please look at the appendix.', '客戶已於附件中簽署確認，請重新審核。']) }));

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
      if (wantsCycle) { requestInfo(); resubmit(); }
      approve();
      if (plan.scenario === 'customer-declined') {
        s(rng.between(1, 150), ({ sim }) => sim.emit('customer-decline', plan.customerActor, { kind: 'customer-declined', message: rng.chance(0.5) ? 'We did not work with this partner on this workload.' : null }));
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
      if (wantsCycle && plan.scenario === 'dispute-overturned') { requestInfo(); resubmit(); }
      reject();
      dispute();
      s(rng.between(6, 110), ({ sim }) => sim.emit('resolve-dispute', plan.otherReviewer, {
        kind: 'dispute-resolved',
        outcome: plan.scenario === 'dispute-upheld' ? 'uphold' : 'overturn',
        message: plan.scenario === 'dispute-upheld' ? 'The rejection stands: the PoE still lacks what was asked for.' : 'Overturned: the appendix shows what was missing.',
      }));
      return Object.assign(steps, { lastAge: days(0.5, 40) });
    default:
      throw new Error(`unknown scenario ${plan.scenario as string}`);
  }
}
