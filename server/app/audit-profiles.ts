// Reviewers' sampling profiles for QA audits: the default rates (new, experienced reviewers) and the
// rejection factor, and per reviewer their experience and an optional rate of their own.
import { AuditDefaults, DEFAULT_AUDIT_DEFAULTS, rateOf, rejectionRateOf, type ReviewerAuditProfile, type ReviewerExperience } from '../../shared/contracts';
import { problem } from '../http/problems';
import type { Tx } from '../store/repository';
import { actorOf, type AppContext, type Caller } from './context';

const META_DEFAULTS = 'audit.defaults';

export async function readDefaults(tx: Tx): Promise<AuditDefaults> {
  const raw = await tx.getMeta(META_DEFAULTS);
  const parsed = raw ? AuditDefaults.safeParse(JSON.parse(raw)) : null;
  return parsed?.success ? parsed.data : DEFAULT_AUDIT_DEFAULTS;
}

/** Every reviewer's profile; a reviewer nobody has set up counts as new to the desk. */
export async function reviewerProfiles(tx: Tx): Promise<Map<string, ReviewerAuditProfile>> {
  const defaults = await readDefaults(tx);
  const stored = new Map((await tx.audit.reviewerProfiles()).map((p) => [p.reviewerId, p]));
  const out = new Map<string, ReviewerAuditProfile>();
  for (const reviewer of await tx.audit.reviewers()) {
    const p = stored.get(reviewer.id);
    const experience: ReviewerExperience = p?.experience ?? 'new';
    const customRate = p?.customRate ?? null;
    const rate = rateOf(defaults, experience, customRate);
    out.set(reviewer.id, { reviewer, experience, customRate, rate, rejectionRate: rejectionRateOf(defaults, rate) });
  }
  return out;
}

export async function listProfiles(app: AppContext): Promise<{ defaults: AuditDefaults; reviewers: ReviewerAuditProfile[] }> {
  return app.store.transaction(async (tx) => ({ defaults: await readDefaults(tx), reviewers: [...(await reviewerProfiles(tx)).values()] }));
}

export async function setProfile(
  app: AppContext,
  caller: Caller,
  reviewerId: string,
  change: { experience?: ReviewerExperience; customRate?: number | null },
): Promise<ReviewerAuditProfile> {
  return app.store.transaction(async (tx) => {
    const current = (await reviewerProfiles(tx)).get(reviewerId);
    if (!current) throw problem.notFound(`reviewer ${reviewerId} does not exist`, 'id');
    await tx.audit.setReviewerProfile({
      reviewerId,
      experience: change.experience ?? current.experience,
      customRate: change.customRate === undefined ? current.customRate : change.customRate,
      updatedBy: actorOf(caller).id,
      updatedAt: app.clock.iso(),
    });
    return (await reviewerProfiles(tx)).get(reviewerId)!;
  });
}

export async function setDefaults(app: AppContext, change: Partial<AuditDefaults>): Promise<AuditDefaults> {
  return app.store.transaction(async (tx) => {
    const next = { ...(await readDefaults(tx)), ...change };
    await tx.setMeta(META_DEFAULTS, JSON.stringify(next));
    return next;
  });
}
