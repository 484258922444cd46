// Drawing QA audit samples of reviewers' decisions: the population (decisions in the period by the chosen
// reviewers, kinds and reasons, on claims never sampled, never the drawing QA lead's own), then a random
// or a stratified selection in a seeded order. The order of a claim depends only on the seed and its id,
// so the same seed over the same decisions always draws the same sample.
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  rejectionRateOf,
  type AuditedDecision,
  type DrawResponse,
  type SampleItem,
  type SampleItemWithClaim,
  type SampleResponse,
  type SampleSpec,
} from '../../shared/contracts';
import { CHECKLIST_REASONS, DECISION_EVENTS, isReviewerDecision, reviewerAnswers, type HistoryEntry } from '../../shared/domain';
import type { Tx } from '../store/repository';
import { readDefaults, reviewerProfiles } from './audit-profiles';
import { loadClaim, viewClaim } from './claims';
import { actorOf, type AppContext, type Caller } from './context';

type Spec = z.output<typeof SampleSpec>;
type Stratum = SampleItem['stratum'];
type StratumSummary = SampleResponse['sample']['strata'][number];

interface Candidate {
  decision: AuditedDecision;
  partnerName: string;
  customerName: string;
  rank: string;
}

/** The decision at `entry` of a claim, as an audit sees it. */
export function auditedDecision(claimId: string, history: readonly HistoryEntry[], entry: HistoryEntry): AuditedDecision {
  if (!isReviewerDecision(entry)) throw new RangeError(`entry ${entry.seq} of claim ${claimId} is not a reviewer's decision`);
  const answers = reviewerAnswers(history, entry.seq);
  return {
    claimId,
    seq: entry.seq,
    kind: DECISION_EVENTS[entry.kind],
    answer: answers.decision,
    reviewer: entry.actor,
    at: entry.at,
    rejectionReason: answers.rejectionReason,
    reasons: CHECKLIST_REASONS.filter((c) => answers.reasons[c]),
    message: entry.message ?? null,
  };
}

/** The seeded position of a claim: a hash of the seed and the claim id (stable whatever else is in the population). */
const rankOf = (seed: number, claimId: string): string => createHash('sha256').update(`${seed}:${claimId}`).digest('hex');
const byRank = (a: Candidate, b: Candidate): number => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0);
/** Rounded up, so a stratum with decisions in it is never skipped; the epsilon keeps 0.07 × 100 at 7. */
const share = (rate: number, n: number): number => Math.min(n, Math.ceil(rate * n - 1e-9));

async function population(tx: Tx, caller: Caller, spec: Spec): Promise<Candidate[]> {
  const rows = await tx.audit.unsampledDecisions({ from: spec.from, to: spec.to, reviewerIds: spec.reviewerIds });
  const byClaim = new Map<string, HistoryEntry[]>();
  for (const r of rows) (byClaim.get(r.claimId) ?? byClaim.set(r.claimId, []).get(r.claimId)!).push(r.entry);
  const out: Candidate[] = [];
  for (const [claimId, entries] of byClaim) {
    const claim = await loadClaim(tx, claimId);
    if (!claim) continue;
    // The unit of a sample is a claim: its latest decision that matches, by someone other than the QA lead.
    for (const entry of [...entries].reverse()) {
      if (entry.actor.id === caller.id) continue;
      const decision = auditedDecision(claimId, claim.history, entry);
      if (spec.kinds && !spec.kinds.includes(decision.kind)) continue;
      if (spec.reasons && !spec.reasons.some((r) => r === decision.rejectionReason || (decision.reasons as string[]).includes(r))) continue;
      out.push({ decision, partnerName: claim.record.facts.partner.name, customerName: claim.record.facts.customer.name, rank: rankOf(spec.seed, claimId) });
      break;
    }
  }
  return out.sort(byRank);
}

interface Selection {
  picked: { c: Candidate; stratum: Stratum }[];
  strata: StratumSummary[];
}

function selectRandom(all: Candidate[], spec: Spec): Selection {
  const picked = all.slice(0, spec.size).map((c) => ({ c, stratum: 'random' as const }));
  const reviewers = new Map(all.map((c) => [c.decision.reviewer.id, c.decision.reviewer]));
  const strata = [...reviewers.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((reviewer) => ({
      reviewer,
      stratum: 'random' as const,
      population: all.filter((c) => c.decision.reviewer.id === reviewer.id).length,
      rate: null,
      drawn: picked.filter((p) => p.c.decision.reviewer.id === reviewer.id).length,
    }));
  return { picked, strata };
}

async function selectStratified(tx: Tx, all: Candidate[], spec: Spec): Promise<Selection> {
  const profiles = await reviewerProfiles(tx);
  const defaults = await readDefaults(tx);
  const picked: Selection['picked'] = [];
  const strata: StratumSummary[] = [];
  const reviewerIds = [...new Set(all.map((c) => c.decision.reviewer.id))].sort();
  for (const id of reviewerIds) {
    const theirs = all.filter((c) => c.decision.reviewer.id === id);
    const reviewer = theirs[0]!.decision.reviewer;
    const profile = profiles.get(id);
    // A decider who is no longer a reviewer (promoted, say) is sampled at the rate for new reviewers.
    const rate = spec.rate ?? profile?.rate ?? defaults.newRate;
    const rejectionRate = spec.rejectionRate ?? rejectionRateOf(defaults, rate);
    const rejections = theirs.filter((c) => c.decision.kind === 'reject');
    const others = theirs.filter((c) => c.decision.kind !== 'reject');
    const nRejections = share(rejectionRate, rejections.length);
    const nOthers = share(rate, others.length);
    const chosen = [
      ...rejections.slice(0, nRejections).map((c) => ({ c, stratum: 'rejection' as const })),
      ...others.slice(0, nOthers).map((c) => ({ c, stratum: 'other' as const })),
    ];
    const rest = [...rejections.slice(nRejections), ...others.slice(nOthers)].sort(byRank);
    const extra = rest.slice(0, Math.max(0, Math.min(spec.minPerReviewer, theirs.length) - chosen.length)).map((c) => ({ c, stratum: 'minimum' as const }));
    picked.push(...chosen, ...extra);
    strata.push(
      { reviewer, stratum: 'rejection', population: rejections.length, rate: rejectionRate, drawn: nRejections },
      { reviewer, stratum: 'other', population: others.length, rate, drawn: nOthers },
      { reviewer, stratum: 'minimum', population: rest.length, rate: null, drawn: extra.length },
    );
  }
  if (spec.size !== undefined && picked.length > spec.size) {
    const kept = new Set([...picked].sort((a, b) => byRank(a.c, b.c)).slice(0, spec.size));
    return { picked: picked.filter((p) => kept.has(p)), strata };
  }
  return { picked, strata };
}

const specRecord = (spec: Spec): Record<string, unknown> => JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;

async function select(tx: Tx, app: AppContext, caller: Caller, spec: Spec, id: string | null) {
  const all = await population(tx, caller, spec);
  const { picked, strata } = spec.mode === 'random' ? selectRandom(all, spec) : await selectStratified(tx, all, spec);
  const now = app.clock.iso();
  const sampledBy = actorOf(caller);
  const items: SampleItem[] = picked
    .map(({ c, stratum }) => ({
      claimId: c.decision.claimId,
      sampleId: id ?? 'preview',
      decision: c.decision,
      stratum,
      sampledAt: now,
      sampledBy,
      partnerName: c.partnerName,
      customerName: c.customerName,
      auditId: null,
    }))
    .sort((a, b) => a.decision.at.localeCompare(b.decision.at) || a.claimId.localeCompare(b.claimId));
  return { sample: { id, drawnAt: now, drawnBy: sampledBy, spec: specRecord(spec), population: all.length, strata }, items };
}

/** The sample `spec` would draw now; nothing is stored. */
export async function previewSample(app: AppContext, caller: Caller, spec: Spec): Promise<SampleResponse> {
  return app.store.transaction((tx) => select(tx, app, caller, spec, null));
}

/** Draws and stores a sample: its claims are never sampled again. Answers with each claim as the QA lead reads it. */
export async function drawSample(app: AppContext, caller: Caller, spec: Spec): Promise<DrawResponse> {
  const id = `sample-${randomUUID()}`;
  return app.store.transaction(async (tx) => {
    const { sample, items } = await select(tx, app, caller, spec, id);
    await tx.audit.insertSample({
      id,
      drawnById: caller.id,
      drawnAt: sample.drawnAt,
      spec: sample.spec,
      summary: { population: sample.population, strata: sample.strata },
    });
    const out: SampleItemWithClaim[] = [];
    for (const item of items) {
      await tx.audit.insertItem(item);
      out.push({ ...item, claim: await viewClaim(tx, app, caller, (await loadClaim(tx, item.claimId))!, sample.drawnAt) });
    }
    return { sample, items: out };
  });
}

/** Sampled decisions with their claims (open: not audited yet; mine: drawn by the caller). */
export async function listItems(
  app: AppContext,
  caller: Caller,
  q: { state: 'open' | 'audited' | 'all'; mine: 'true' | 'false'; limit: number; offset: number },
): Promise<{ items: SampleItemWithClaim[]; total: number }> {
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const { items, total } = await tx.audit.listItems({ state: q.state, sampledById: q.mine === 'true' ? caller.id : undefined }, q.limit, q.offset);
    const out: SampleItemWithClaim[] = [];
    for (const i of items) out.push({ ...i, stratum: i.stratum as Stratum, claim: await viewClaim(tx, app, caller, (await loadClaim(tx, i.claimId))!, now) });
    return { items: out, total };
  });
}
