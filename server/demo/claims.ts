// Generates the demo world's claims: each follows a scenario (draft … dispute overturned) as a real
// history, every step checked by the shared transition table, timed relative to the seeding clock so
// deadlines fall everywhere (overdue, due today, later). System timers fire at their due moment.
// PoE documents are generated to match (or deliberately miss) the claim, with their ground truth.
import { createHash } from 'node:crypto';
import type { ClaimFacts, DocumentRef, Product } from '../../shared/contracts';
import { ACTIVITY_TYPES, type Actor, type ActivityType, type BusinessCalendar, type HistoryEntry } from '../../shared/domain';
import { claimIndex } from '../app/claims';
import type { ClaimIndex } from '../store/repository';
import { DAY, HOUR, Sim, fireTimers, type DemoDocument } from './claim-sim';
import { allocateScenarios, planSteps, type ClaimPlan, type StepContext } from './claim-steps';
import { makeSpec, truthOf, type PoeLayout } from './poe-content';
import { pdfPoe, registerCjkText } from './poe-pdf';
import { rasterPoe } from './poe-raster';
import type { Rng } from './rng';
import { DEMO_REVIEWERS, PRODUCT_CATALOG, type DemoWorld } from './world';

export type { DemoDocument } from './claim-sim';
export { SCENARIOS, allocateScenarios, type Scenario } from './claim-steps';
export interface DemoClaim {
  facts: ClaimFacts;
  companyId: string;
  index: ClaimIndex;
  history: HistoryEntry[];
  documents: DemoDocument[];
}

/** Raster documents (scans and photos) cost the most to generate: keep to a few dozen. */
const RASTER_BUDGET = 16;

const CONTESTED = [
  { customer: 0, workload: 'Dynamics 365 Sales' },
  { customer: 1, workload: 'Power BI Pro' },
  { customer: 3, workload: 'Microsoft Teams' },
  { customer: 6, workload: 'Dynamics 365 Business Central' },
];

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');

/** Generates `count` claims; `onProgress(done, count)` is told after each claim (seeding takes a while: start prints it). */
export async function generateClaims(
  rng: Rng,
  world: DemoWorld,
  cal: BusinessCalendar,
  now: string,
  count: number,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoClaim[]> {
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
      scenario,
      company,
      customer,
      reviewer,
      otherReviewer: rng.pick(reviewers.filter((r) => r.id !== reviewer.id)),
      partner: { id: `u-${company.username}`, name: `${company.contact} (${company.name})`, role: 'partner' },
      customerActor: { id: `u-${customer.username}`, name: `${customer.contact} (${customer.name})`, role: 'customer' },
    };

    const id = `CLM-${String(10001 + n)}`;
    const activity: ActivityType = rng.weighted(ACTIVITY_TYPES.map((a) => [a, a === 'usage' ? 1 : 2] as const));
    const picked = rng.shuffle(PRODUCT_CATALOG).slice(
      0,
      rng.weighted([
        [1, 3],
        [2, 4],
        [3, 2],
      ] as const),
    );
    if (contested && !picked.some((p) => p.name === contested.workload)) picked[0] = PRODUCT_CATALOG.find((p) => p.name === contested.workload)!;
    const products: Product[] = picked.map((p, i) => ({ id: `${id}-p${i + 1}`, name: p.name, family: p.family, workload: p.workload, removed: false }));

    // Plan the steps first (their gaps), then place them so the last one lands `lastAge` before now.
    const steps = planSteps(rng, plan, products);
    const span = steps.reduce((s, st) => s + st.gap, 0);
    const start = nowMs - steps.lastAge * DAY - span * HOUR;
    const facts: ClaimFacts = {
      id,
      createdAt: new Date(start).toISOString(),
      partner: { mpnId: company.mpnId, name: company.name },
      customer: { name: customer.name, tenantId: customer.tenantId, domain: customer.domain },
      subscriptionId: activity === 'usage' ? rng.uuid() : null,
      activity,
      products,
      customerContact: {
        name: customer.contact,
        email: `${slug(customer.contact) || 'contact'}@${customer.domain}`,
        phone: rng.chance(0.6) ? `+886 2 ${rng.int(2000, 8999)} ${rng.int(1000, 9999)}` : null,
      },
      partnerContact: {
        name: company.contact,
        email: `${slug(company.contact)}@${company.emailDomain}`,
        phone: `+886 2 ${rng.int(2000, 8999)} ${rng.int(1000, 9999)}`,
      },
      documents: [],
    };
    const sim = new Sim(facts, cal, start);
    const ctx: StepContext = {
      rng,
      sim,
      plan,
      products,
      otherCustomer,
      cal,
      addDocument: async (flaws, layoutHint) => {
        let layout = layoutHint ?? pickLayout(rng);
        const raster = layout === 'scanned' || layout === 'photo-png' || layout === 'photo-jpeg';
        if (raster && rasters >= RASTER_BUDGET) layout = 'template';
        else if (raster) rasters++;
        const language = layout !== 'scanned' && !layout.startsWith('photo') && rng.chance(0.22) ? 'zh-TW' : 'en';
        const spec = makeSpec(rng, {
          layout,
          language,
          flaws,
          company,
          customer,
          otherCustomer,
          activity,
          products,
          relativeTo: sim.iso(),
          timeZone: cal.timeZone,
        });
        const bytes =
          layout === 'photo-png'
            ? await rasterPoe(rng, spec, 'png')
            : layout === 'photo-jpeg'
              ? await rasterPoe(rng, spec, 'jpeg')
              : await pdfPoe(rng, spec, sim.iso());
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

function pickLayout(rng: Rng): PoeLayout {
  return rng.weighted([
    ['template', 50],
    ['email', 14],
    ['sow', 14],
    ['scanned', 8],
    ['photo-png', 6],
    ['photo-jpeg', 6],
  ] as const);
}
