// Seeds the deterministic demo world into an empty database: companies, users (password "demo",
// demo only) and, unless asked for none, a few hundred claims with generated PoE documents — all at
// once, or a first slice now and the rest claim by claim in the background (resumed after a restart).
import { PARTNER_ROLES } from '../../shared/domain';
import type { AppContext } from '../app/context';
import { hashPassword } from '../auth/passwords';
import type { Tx, UserRecord } from '../store/repository';
import type { DemoClaim } from './claims';
import { Rng } from './rng';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_QA, DEMO_REVIEWERS, demoCast, type DemoWorld } from './world';

export const DEFAULT_DEMO_CLAIMS = 300;
const META_DEMO = 'demo';

/** What the `demo` meta row says: the plan (seed, claim count, the moment it is generated for) and how many claims are stored. */
export interface DemoPlan {
  seed: number;
  claims: number;
  seededAt: string;
  stored: number;
}

/** Seeds the world; `onProgress(done, total)` follows the claims' generation, the slow part. */
export async function seedDemo(
  app: AppContext,
  seed: number,
  claimCount = DEFAULT_DEMO_CLAIMS,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const rng = new Rng(seed);
  const world = demoCast(seed, rng);
  const now = app.clock.iso();
  // The claim generator (pdf-lib, fonts, image encoders) is loaded only when claims are asked for.
  const claims = claimCount > 0 ? await (await import('./claims')).generateClaims(rng, world, app.calendar, now, claimCount, onProgress) : [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await app.store.transaction(async (tx) => {
    await insertCast(tx, world, passwordHash);
    await insertClaims(tx, claims);
    await tx.setMeta(META_DEMO, JSON.stringify({ seed, claims: claims.length, seededAt: now, stored: claims.length } satisfies DemoPlan));
  });
}

/** The demo's plan when its claims are not all stored yet (a background seeding was cut short), else null. */
export async function unfinishedDemo(app: AppContext): Promise<DemoUnderway | null> {
  const raw = await app.store.transaction((tx) => tx.getMeta(META_DEMO));
  if (!raw) return null;
  const plan = JSON.parse(raw) as Partial<DemoPlan>;
  return typeof plan.stored === 'number' && typeof plan.claims === 'number' && plan.stored < plan.claims ? { plan: plan as DemoPlan } : null;
}

/** A demo started but not finished: its plan, and in the process that started it, the stream where it stopped. */
export interface DemoUnderway {
  plan: DemoPlan;
  rest?: AsyncGenerator<DemoClaim>;
}

/**
 * Seeds the cast and the first claims (CLM-10001 on) up to the one that makes `reviewable` claims awaiting a
 * reviewer (a first batch to lease), in one transaction; returns the plan and the stream at the next claim; `continueDemo` stores the rest. The claims are those `seedDemo`
 * makes for the same seed and moment.
 */
export async function seedDemoStart(
  app: AppContext,
  seed: number,
  claimCount: number,
  reviewable: number,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoUnderway> {
  const plan: DemoPlan = { seed, claims: claimCount, seededAt: app.clock.iso(), stored: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { world, stream } = await demoStream(app, plan);
  const first: DemoClaim[] = [];
  let waiting = 0;
  while (waiting < reviewable && first.length < claimCount) {
    const next = await stream.next();
    if (next.done) break;
    first.push(next.value);
    if (next.value.index.reviewable) waiting++;
    onProgress?.(first.length, claimCount);
  }
  plan.stored = first.length;
  await app.store.transaction(async (tx) => {
    await insertCast(tx, world, passwordHash);
    await insertClaims(tx, first);
    await tx.setMeta(META_DEMO, JSON.stringify(plan));
  });
  return { plan, rest: stream };
}

/**
 * Stores the claims of `plan` not stored yet, each complete with its documents and history in one transaction
 * (with the count of stored claims), yielding to requests between claims. Without `rest` (after a restart) the
 * stream is replayed from the start (the claims share one random source) and the stored ones skipped. Stops
 * early when `stopped()` says so.
 */
export async function continueDemo(
  app: AppContext,
  { plan, rest }: DemoUnderway,
  stopped: () => boolean,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const stream = rest ?? (await demoStream(app, plan)).stream;
  let n = rest ? plan.stored : 0;
  for await (const claim of stream) {
    if (stopped()) return;
    n++;
    await new Promise((resolve) => setImmediate(resolve));
    if (n <= plan.stored) continue;
    if (stopped()) return;
    await app.store.transaction(async (tx) => {
      await insertClaims(tx, [claim]);
      await tx.setMeta(META_DEMO, JSON.stringify({ ...plan, stored: n }));
    });
    plan.stored = n;
    onProgress?.(n, plan.claims);
  }
}

async function demoStream(app: AppContext, plan: DemoPlan): Promise<{ world: DemoWorld; stream: AsyncGenerator<DemoClaim> }> {
  const rng = new Rng(plan.seed);
  const world = demoCast(plan.seed, rng);
  const { claimStream } = await import('./claims');
  return { world, stream: claimStream(rng, world, app.calendar, plan.seededAt, plan.claims) };
}

async function insertCast(tx: Tx, world: DemoWorld, passwordHash: string): Promise<void> {
  // Every demo user has the same, published password: one scrypt hash serves them all.
  const user = (u: Omit<UserRecord, 'passwordHash' | 'companyId' | 'tenantId'> & Partial<UserRecord>): UserRecord => ({
    companyId: null,
    tenantId: null,
    passwordHash,
    ...u,
  });
  for (const r of DEMO_REVIEWERS) await tx.insertUser(user({ ...r, role: 'reviewer' }));
  await tx.insertUser(user({ ...DEMO_QA, role: 'qa_lead' }));
  await tx.insertUser(user({ ...DEMO_ADMIN, role: 'admin' }));
  for (const c of world.companies) {
    await tx.insertCompany({ id: c.id, name: c.name, mpnId: c.mpnId });
    await tx.insertUser(user({ id: `u-${c.username}`, username: c.username, name: `${c.contact} (${c.name})`, role: 'partner', companyId: c.id }));
    await tx.cpor.setPartnerRole(`u-${c.username}`, PARTNER_ROLES[world.companies.indexOf(c) % PARTNER_ROLES.length]!);
  }
  for (const c of world.customers) {
    await tx.insertUser(user({ id: `u-${c.username}`, username: c.username, name: `${c.contact} (${c.name})`, role: 'customer', tenantId: c.tenantId }));
  }
}

async function insertClaims(tx: Tx, claims: readonly DemoClaim[]): Promise<void> {
  for (const c of claims) {
    await tx.insertClaim({ facts: { ...c.facts, documents: [] }, companyId: c.companyId, index: c.index });
    for (const d of c.documents) {
      await tx.putDocument(d.ref.sha256, d.ref.mediaType, d.bytes, d.ref.uploadedAt);
      await tx.attachDocument({ claimId: c.facts.id, ...d.ref });
      await tx.setDocumentTruth(c.facts.id, d.ref.sha256, d.truth);
    }
  }
  // History goes in in time order across claims, so the changes feed reads like what happened.
  const entries = claims.flatMap((c) => c.history.map((e) => ({ claimId: c.facts.id, e })));
  entries.sort((a, b) => a.e.at.localeCompare(b.e.at) || a.claimId.localeCompare(b.claimId) || a.e.seq - b.e.seq);
  for (const { claimId, e } of entries) await tx.appendHistory(claimId, e);
}
