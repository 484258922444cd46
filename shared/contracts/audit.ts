// The QA audit contract: sample specifications, sampled decisions, audits with their findings, agreement
// statistics, and the claim as the reviewer had it when deciding (blind or with the decision). One schema
// for the service, the workstation cache and the UI.
import { z } from 'zod';
import {
  CHECKLIST_REASONS, DECISION_ANSWERS, FINDING_TARGETS, REJECTION_REASONS, VERDICTS,
  type BusinessCalendar, type HistoryEntry,
} from '../domain';
import { Actor, Instant } from '../domain/history';
import { Claim } from './claim';
import { materialize } from './materialize';
import { DECISION_KINDS } from './mutations';

const ClaimId = z.string().min(1).max(64);
const Rate = z.number().min(0).max(1);

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
    seed: z.number().int().min(0).max(2 ** 31 - 1),
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

export const FindingInput = z.object({
  target: z.enum(FINDING_TARGETS),
  verdict: z.enum(VERDICTS),
  /** The QA lead's own answer: a decision answer on 'decision', whether the reason applies on a reason. */
  answer: FindingAnswerSchema,
  note: z.string().trim().max(4_000).nullable().default(null),
});
export type FindingInput = z.infer<typeof FindingInput>;

/** A submitted audit. Its id is generated by the client and is the idempotency key. */
export const AuditSubmit = z.object({
  id: z.uuid(),
  claimId: ClaimId,
  /** The audit this one corrects (the current one of the claim); null for the first audit. */
  corrects: z.uuid().nullable().default(null),
  /** The QA lead recorded every answer before seeing the reviewer's. */
  blind: z.boolean().default(false),
  findings: z.array(FindingInput).length(FINDING_TARGETS.length, `an audit has one finding on each of: ${FINDING_TARGETS.join(', ')}`),
});
export type AuditSubmit = z.infer<typeof AuditSubmit>;

export const FindingRecord = FindingInput.extend({ note: z.string().nullable(), reviewerAnswer: FindingAnswerSchema });
export type FindingRecord = z.infer<typeof FindingRecord>;

export const AuditRecord = z.object({
  id: z.uuid(),
  claimId: ClaimId,
  corrects: z.uuid().nullable(),
  /** The audit that corrected this one; null for the current audit of the claim. */
  correctedBy: z.uuid().nullable(),
  auditor: Actor,
  submittedAt: Instant,
  blind: z.boolean(),
  decision: AuditedDecision,
  findings: z.array(FindingRecord),
  partnerName: z.string(),
  customerName: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AUDIT_OUTCOMES = ['applied', 'duplicate'] as const;
export const AuditSubmitResponse = z.object({ outcome: z.enum(AUDIT_OUTCOMES), audit: AuditRecord });

export const AgreementTable = z.object({ both: z.number().int(), reviewerOnly: z.number().int(), qaOnly: z.number().int(), neither: z.number().int() });
export type AgreementTable = z.infer<typeof AgreementTable>;

/** Figures over a set of current audits (corrections replace what they correct). */
export const AgreementFigures = z.object({
  audited: z.number().int(),
  findings: z.number().int(),
  agreed: z.number().int(),
  /** agreed / findings, over every finding (decision and reasons); null without findings. */
  agreementRate: Rate.nullable(),
  /** Share of audited decisions the QA lead agreed with. */
  decisionAgreementRate: Rate.nullable(),
  /** Cohen's kappa of the checklist reasons: the reviewer's tick against the QA lead's answer, pooled. Null when undefined. */
  kappa: z.number().nullable(),
  /** Audited decisions the QA lead disagreed with. */
  overturned: z.number().int(),
});
export type AgreementFigures = z.infer<typeof AgreementFigures>;

export const AuditStats = z.object({
  from: Instant.nullable(),
  to: Instant.nullable(),
  reviewerId: z.string().nullable(),
  generatedAt: Instant,
  overall: AgreementFigures,
  byReviewer: z.array(AgreementFigures.extend({ reviewer: Actor })),
  byReason: z.array(z.object({
    target: z.enum(FINDING_TARGETS),
    findings: z.number().int(),
    agreed: z.number().int(),
    agreementRate: Rate.nullable(),
    kappa: z.number().nullable(),
    /** Reasons only: reviewer tick × QA lead answer. */
    table: AgreementTable.nullable(),
  })),
  /** ISO weeks of the decisions ("2026-W10") in the service's time zone, oldest first. */
  byWeek: z.array(AgreementFigures.extend({ week: z.string() })),
  /**
   * The PoE assist over real decisions in the range (audited or not), per checklist reason: how often the
   * reviewer accepted what it suggested. precision: "applies" suggestions the reviewer ticked; clearAgreement:
   * "clear" suggestions left unticked.
   */
  assist: z.array(z.object({
    code: z.enum(CHECKLIST_REASONS),
    suggestions: z.number().int(),
    applies: z.number().int(),
    appliesAccepted: z.number().int(),
    precision: Rate.nullable(),
    clear: z.number().int(),
    clearAccepted: z.number().int(),
    clearAgreement: Rate.nullable(),
    overridden: z.number().int(),
  })),
});
export type AuditStats = z.infer<typeof AuditStats>;

export const AuditQuery = z.object({
  from: Instant.optional(),
  to: Instant.optional(),
  reviewerId: z.string().min(1).max(64).optional(),
});

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

export const rateOf = (d: AuditDefaults, experience: ReviewerExperience, customRate: number | null): number => customRate ?? (experience === 'new' ? d.newRate : d.experiencedRate);
export const rejectionRateOf = (d: AuditDefaults, rate: number): number => Math.min(1, rate * d.rejectionFactor);

// ── the claim as the reviewer had it ──

const BLIND_HIDDEN: readonly HistoryEntry['kind'][] = ['checklist', 'comment'];

/**
 * The claim as it stood at the decision `seq`: history up to and including the decision, and only the
 * documents uploaded by then. Blind: up to just before it, without the reviewer side's checklist ticks
 * and comments, so neither the decision nor its reasons show.
 */
export function claimAtDecision(claim: Claim, seq: number, o: { blind: boolean; calendar: BusinessCalendar }): Claim {
  const decision = claim.history.find((e) => e.seq === seq);
  if (!decision) throw new RangeError(`claim ${claim.id} has no history entry ${seq}`);
  const history = claim.history.filter((e) =>
    o.blind ? e.seq < seq && !(BLIND_HIDDEN.includes(e.kind) && (e.actor.role === 'reviewer' || e.actor.role === 'qa_lead')) : e.seq <= seq);
  const facts = {
    id: claim.id, createdAt: claim.createdAt, partner: claim.partner, customer: claim.customer, subscriptionId: claim.subscriptionId,
    activity: claim.activity, products: claim.products.map((p) => ({ ...p, removed: false })), customerContact: claim.customerContact,
    partnerContact: claim.partnerContact, documents: claim.documents.filter((d) => d.uploadedAt <= decision.at),
  };
  // Derived states as they were at the decision: its own instant is the view's "now".
  return materialize(facts, history, { now: decision.at, calendar: o.calendar, lease: null, competing: claim.competing });
}

// ── the workstation's audit mode ──

/** A finding while the QA lead works on it: either half may still be missing. */
export const DraftFinding = z.object({
  target: z.enum(FINDING_TARGETS),
  answer: FindingAnswerSchema.nullable(),
  verdict: z.enum(VERDICTS).nullable(),
  note: z.string().max(4_000).nullable(),
});
export type DraftFinding = z.infer<typeof DraftFinding>;

export const AuditDraft = z.object({
  claimId: ClaimId,
  /** The QA lead answers before the reviewer's decision, checklist and messages are shown. */
  blind: z.boolean(),
  /** The reviewer's decision has been shown for this audit (it cannot be hidden again). */
  revealed: z.boolean(),
  corrects: z.uuid().nullable(),
  findings: z.array(DraftFinding),
  updatedAt: Instant,
});
export type AuditDraft = z.infer<typeof AuditDraft>;

/** Where a sampled decision stands on this workstation. */
export const LOCAL_AUDIT_STATES = ['open', 'draft', 'pending', 'refused', 'audited'] as const;
export type LocalAuditState = (typeof LOCAL_AUDIT_STATES)[number];

export const AuditListItem = z.object({
  claimId: ClaimId,
  sampleId: z.string(),
  partnerName: z.string(),
  customerName: z.string(),
  reviewer: Actor,
  decidedAt: Instant,
  /** Null while a blind audit has not revealed it. */
  decisionKind: z.enum(DECISION_KINDS).nullable(),
  stratum: z.enum(STRATA),
  sampledAt: Instant,
  state: z.enum(LOCAL_AUDIT_STATES),
  /** The current audit on the service, once there is one. */
  auditId: z.uuid().nullable(),
  /** Whether the current audit disagrees with the decision (null while not audited). */
  overturned: z.boolean().nullable(),
});
export type AuditListItem = z.infer<typeof AuditListItem>;

export const AUDIT_OUTBOX_STATES = ['pending', 'refused'] as const;
export const AuditOutboxEntry = z.object({
  id: z.uuid(),
  claimId: ClaimId,
  corrects: z.uuid().nullable(),
  createdAt: Instant,
  state: z.enum(AUDIT_OUTBOX_STATES),
  problem: z.object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), field: z.string().optional() }).nullable(),
  attempts: z.number().int(),
});
export type AuditOutboxEntry = z.infer<typeof AuditOutboxEntry>;

export const AuditView = z.object({
  item: AuditListItem,
  /** The claim as the reviewer had it: blind (before the decision, without their marks) until revealed. */
  claim: Claim,
  /** The reviewer's decision and answers; null while hidden by a blind audit. */
  decision: AuditedDecision.nullable(),
  reviewerAnswers: z.array(z.object({ target: z.enum(FINDING_TARGETS), answer: FindingAnswerSchema })).nullable(),
  draft: AuditDraft.nullable(),
  /** The audits of this decision on the service (corrections included), oldest first. */
  records: z.array(AuditRecord),
  /** A submitted audit still waiting to sync, or refused by the service. */
  outbox: AuditOutboxEntry.nullable(),
});
export type AuditView = z.infer<typeof AuditView>;

export const AuditExport = z.object({
  fileName: z.string(),
  mediaType: z.literal('text/csv'),
  /** The CSV text, starting with a byte-order mark so spreadsheet software reads it as UTF-8. */
  csv: z.string(),
  /** Where the desktop shell saved it (Electron); absent when the page saves it itself (browser host); null when cancelled. */
  savedTo: z.string().nullable().optional(),
});
export type AuditExport = z.infer<typeof AuditExport>;
