// Mutations: the reviewer's actions as the outbox stores them and the service applies them, at most once
// per id. Vocabulary after Replicache: mutation (id + name + args), push, outcome.
import { z } from 'zod';
import { CHECKLIST_REASONS, DISPUTE_OUTCOMES, REVIEWER_REJECTION_REASONS, type RejectionReason } from '../domain';
import { ASSIST_OUTCOMES } from '../domain/assist/agreement';
import { ReasonRef } from '../domain/history';
import { Claim, Instant } from './claim';
import { Problem } from './problem';

const message = z.string().trim().min(1, 'a message to the partner is required').max(10_000);
/** The approved claims on the same customer workload a decision that approves replaces (shared/domain's partner-of-record rule). */
const supersedes = z.array(z.string().min(1).max(64)).max(20).optional();

/** Whether the reviewer agreed with each PoE assist suggestion when deciding (the workstation core fills it in). */
export const AssistAgreementRecord = z.object({
  code: z.enum(CHECKLIST_REASONS),
  productId: z.string().max(64).nullable(),
  verdict: z.enum(['applies', 'clear']),
  confidence: z.number().min(0).max(1),
  outcome: z.enum(ASSIST_OUTCOMES),
});
export type AssistAgreementRecord = z.infer<typeof AssistAgreementRecord>;
const assist = z.array(AssistAgreementRecord).max(100).optional();

export const MutationPayloads = {
  comment: z.object({ text: z.string().trim().min(1, 'a comment cannot be empty').max(10_000) }),
  checklist: z.object({
    code: z.enum(CHECKLIST_REASONS),
    productId: z.string().nullable().default(null),
    checked: z.boolean(),
    note: z.string().max(2_000).nullable().default(null),
  }),
  /** supersedes: the approved claims on the same customer workload this approval replaces (the reviewer's explicit choice). */
  approve: z.object({ message: z.string().max(10_000).nullable().default(null), supersedes, assist }),
  'request-info': z.object({ reasons: z.array(ReasonRef).min(1, 'tick at least one checklist reason'), message, assist }),
  reject: z.object({ reason: z.enum(REVIEWER_REJECTION_REASONS as [RejectionReason, ...RejectionReason[]]), message, assist }),
  /** supersedes: as for an approval, when the outcome is overturn (the claim becomes approved again). */
  'resolve-dispute': z.object({ outcome: z.enum(DISPUTE_OUTCOMES), message, supersedes, assist }),
  'remove-product': z.object({ productId: z.string().min(1), message }),
} as const;
export type MutationKind = keyof typeof MutationPayloads;
export const MUTATION_KINDS = Object.keys(MutationPayloads) as MutationKind[];
export type MutationPayload<K extends MutationKind> = z.infer<(typeof MutationPayloads)[K]>;

/** The decisions: mutations that change a claim's status (and so are conflicts on a stale version). */
export const DECISION_KINDS = ['approve', 'request-info', 'reject', 'resolve-dispute'] as const satisfies readonly MutationKind[];
export type DecisionKind = (typeof DECISION_KINDS)[number];

const base = { id: z.uuid(), claimId: z.string().min(1).max(64), baseVersion: z.number().int().nonnegative() };
export const Mutation = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('comment'), payload: MutationPayloads.comment }),
  z.object({ ...base, kind: z.literal('checklist'), payload: MutationPayloads.checklist }),
  z.object({ ...base, kind: z.literal('approve'), payload: MutationPayloads.approve }),
  z.object({ ...base, kind: z.literal('request-info'), payload: MutationPayloads['request-info'] }),
  z.object({ ...base, kind: z.literal('reject'), payload: MutationPayloads.reject }),
  z.object({ ...base, kind: z.literal('resolve-dispute'), payload: MutationPayloads['resolve-dispute'] }),
  z.object({ ...base, kind: z.literal('remove-product'), payload: MutationPayloads['remove-product'] }),
]);
export type Mutation = z.infer<typeof Mutation>;

/**
 * Where an action stands in a workstation's outbox (reviews and audits alike): waiting to be pushed, or
 * answered by the service with a conflict (the claim moved on) or as invalid (it can never apply).
 */
export const OUTBOX_STATES = ['pending', 'conflict', 'invalid'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const MUTATION_OUTCOMES = ['applied', 'duplicate', 'conflict', 'invalid'] as const;
export type MutationOutcome = (typeof MUTATION_OUTCOMES)[number];

export const PushRequest = z.object({ mutations: z.array(Mutation).min(1).max(500) });
/**
 * One mutation's answer, compact (Replicache's push only acknowledges): applied answers the claim's new
 * version and the instant the service recorded it at; duplicate answers id and outcome only; conflict
 * and invalid add the problem, the claim's current version and (at most once per claim per push, within
 * the answer's size cap) the claim itself. Everything else comes back through the change feed.
 */
export const MutationResult = z.object({
  id: z.string(),
  outcome: z.enum(MUTATION_OUTCOMES),
  /** The claim's version after the mutation (applied) or now (conflict, invalid). */
  version: z.number().int().nonnegative().optional(),
  /** applied: the instant of the history entry the mutation became (its seq is `version`). */
  at: Instant.optional(),
  /** conflict / invalid only: the claim as it stands, once per claim per push. */
  claim: Claim.optional(),
  problem: Problem.optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;
export const PushResponse = z.object({ results: z.array(MutationResult) });
/** The claims a push answer may carry, in bytes of JSON: past it, a conflict answers without its claim. */
export const PUSH_ANSWER_CLAIM_BYTES = 2 * 1024 * 1024;
