// Seeds the deterministic demo world into an empty database: companies, users (password "demo",
// demo only) and, unless asked for none, a few hundred claims with generated PoE documents.
import { PARTNER_ROLES } from '../../shared/domain';
import type { AppContext } from '../app/context';
import { hashPassword } from '../auth/passwords';
import type { UserRecord } from '../store/repository';
import { Rng } from './rng';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_QA, DEMO_REVIEWERS, demoCast } from './world';

export const DEFAULT_DEMO_CLAIMS = 300;

/** Seeds the world; `onProgress(done, total)` follows the claims' generation, the slow part. */
export async function seedDemo(app: AppContext, seed: number, claimCount = DEFAULT_DEMO_CLAIMS, onProgress?: (done: number, total: number) => void): Promise<void> {
  const rng = new Rng(seed);
  const world = demoCast(seed, rng);
  // Every demo user has the same, published password: one scrypt hash serves them all.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const user = (u: Omit<UserRecord, 'passwordHash' | 'companyId' | 'tenantId'> & Partial<UserRecord>): UserRecord => ({ companyId: null, tenantId: null, passwordHash, ...u });
  const now = app.clock.iso();
  // The claim generator (pdf-lib, fonts, image encoders) is loaded only when claims are asked for.
  const claims = claimCount > 0 ? await (await import('./claims')).generateClaims(rng, world, app.calendar, now, claimCount, onProgress) : [];
  await app.store.transaction(async (tx) => {
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
    await tx.setMeta('demo', JSON.stringify({ seed, claims: claims.length, seededAt: now }));
  });
}
