// The QA audit contract, sampling: what a sample is drawn by (period, reviewers, kinds, reasons, seed,
// random or stratified), the sampled decisions as the reviewer made them, and the reviewers' sampling
// rates. One schema for the service, the workstation cache and the UI.
import { z } from 'zod';
import { CHECKLIST_REASONS, DECISION_ANSWERS, REJECTION_REASONS } from '../domain';
import { Actor, Instant } from '../domain/history';
import { Claim, ClaimId } from './claim';
import { DECISION_KINDS } from './mutations';

/** A share between 0 and 1 (sampling and agreement rates). */
export const Rate = z.number().min(0).max(1);

/** A reason a sample can be drawn by: a checklist reason ticked with the decision, or a rejection reason. */
export const AUDIT_REASONS = [...CHECKLIST_REASONS, ...REJECTION_REASONS.filter((r) => !(CHECKLIST_REASONS as readonly string[]).includes(r))] as const;
export const AuditReason = z.enum(AUDIT_REASONS as unknown as [string, ...string[]]);

export const SAMPLE_MODES = ['random', 'stratified'] as const;
export const REVIEWER_EXPERIENCE = ['new', 'experienced'] as const;
export type ReviewerExperience = (typeof REVIEWER_EXPERIENCE)[number];

/**
 * What to sample: decisions made in [from, to) by these reviewers, of these kinds and reasons, never a
 * claim sampled before nor a decision of the QA lead drawing. `random`: `size` decisions in a seeded
 * random order. `stratified`: per reviewer, their rate of the other decisions and a higher rate of the
 * rejections (each rounded up), and at least `minPerReviewer` of theirs. The same seed over the same
 * decisions draws the same sample.
 */
export const SampleSpec = z
  .object({
    from: Instant.optional(),
    to: Instant.optional(),
    reviewerIds: z.array(z.string().min(1).max(64)).max(200).optional(),
    kinds: z.array(z.enum(DECISION_KINDS)).min(1).optional(),
    reasons: z.array(AuditReason).min(1).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    mode: z.enum(SAMPLE_MODES),
    /** random: how many decisions (required); stratified: an upper bound, when given. */
    size: z.number().int().min(1).max(1000).optional(),
    /** stratified: at least this many decisions of each reviewer (all of theirs when fewer). */
    minPerReviewer: z.number().int().min(0).max(1000).default(0),
    /** stratified: one rate for every reviewer instead of their configured rate. */
    rate: Rate.optional(),
    /** stratified: the rate for rejections instead of the reviewer's rate × the rejection factor. */
    rejectionRate: Rate.optional(),
  })
  .refine((s) => s.mode !== 'random' || s.size !== undefined, { message: 'a random sample needs a size', path: ['size'] })
  .refine((s) => !s.from || !s.to || s.from < s.to, { message: 'from must be before to', path: ['to'] });
export type SampleSpec = z.infer<typeof SampleSpec>;

export const DecisionAnswerSchema = z.enum(DECISION_ANSWERS);
export const FindingAnswerSchema = z.union([DecisionAnswerSchema, z.boolean()]);

/** A reviewer's decision as it was sampled: what they decided and what they had ticked. */
export const AuditedDecision = z.object({
  claimId: ClaimId,
  /** The decision's history entry. */
  seq: z.number().int().positive(),
  kind: z.enum(DECISION_KINDS),
  answer: DecisionAnswerSchema,
  reviewer: Actor,
  at: Instant,
  rejectionReason: z.enum(REJECTION_REASONS).nullable(),
  /** The checklist reasons the reviewer had ticked when deciding. */
  reasons: z.array(z.enum(CHECKLIST_REASONS)),
  message: z.string().nullable(),
});
export type AuditedDecision = z.infer<typeof AuditedDecision>;

export const STRATA = ['random', 'rejection', 'other', 'minimum'] as const;

export const SampleItem = z.object({
  claimId: ClaimId,
  sampleId: z.string(),
  decision: AuditedDecision,
  /** Which part of the sample drew it: random, a reviewer's rejections or other decisions, or their minimum. */
  stratum: z.enum(STRATA),
  sampledAt: Instant,
  sampledBy: Actor,
  partnerName: z.string(),
  customerName: z.string(),
  /** The current audit of this decision (the last correction), null while not audited. */
  auditId: z.uuid().nullable(),
});
export type SampleItem = z.infer<typeof SampleItem>;

export const SampleStratum = z.object({
  reviewer: Actor,
  stratum: z.enum(STRATA),
  population: z.number().int(),
  rate: Rate.nullable(),
  drawn: z.number().int(),
});

export const SampleSummary = z.object({
  /** Null for a preview (nothing was stored). */
  id: z.string().nullable(),
  drawnAt: Instant,
  drawnBy: Actor,
  spec: z.record(z.string(), z.unknown()),
  population: z.number().int(),
  strata: z.array(SampleStratum),
});

export const SampleResponse = z.object({ sample: SampleSummary, items: z.array(SampleItem) });
export type SampleResponse = z.infer<typeof SampleResponse>;
/** Items with the claim as the QA lead may read it now (documents, history, messages). */
export const SampleItemWithClaim = SampleItem.extend({ claim: Claim });
export type SampleItemWithClaim = z.infer<typeof SampleItemWithClaim>;
export const DrawResponse = z.object({ sample: SampleSummary, items: z.array(SampleItemWithClaim) });
export type DrawResponse = z.infer<typeof DrawResponse>;

// ── the reviewers' sampling rates ──

export const ReviewerAuditProfile = z.object({
  reviewer: Actor,
  experience: z.enum(REVIEWER_EXPERIENCE),
  /** A rate set for this reviewer instead of their experience's default; null for the default. */
  customRate: Rate.nullable(),
  /** The rate in use (custom, else by experience). */
  rate: Rate,
  /** The rate for their rejections. */
  rejectionRate: Rate,
});
export type ReviewerAuditProfile = z.infer<typeof ReviewerAuditProfile>;

export const AuditDefaults = z.object({
  /** Default sampling rate of reviewers new to the desk (e.g. 10%). */
  newRate: Rate,
  /** Default sampling rate of experienced reviewers (e.g. 4%). */
  experiencedRate: Rate,
  /** Rejections are sampled at the reviewer's rate × this factor (at most 100%). */
  rejectionFactor: z.number().min(1).max(20),
});
export type AuditDefaults = z.infer<typeof AuditDefaults>;

export const DEFAULT_AUDIT_DEFAULTS: AuditDefaults = { newRate: 0.1, experiencedRate: 0.04, rejectionFactor: 2 };

export const rateOf = (d: AuditDefaults, experience: ReviewerExperience, customRate: number | null): number =>
  customRate ?? (experience === 'new' ? d.newRate : d.experiencedRate);
export const rejectionRateOf = (d: AuditDefaults, rate: number): number => Math.min(1, rate * d.rejectionFactor);
