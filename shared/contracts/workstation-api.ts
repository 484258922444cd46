// The workstation API: the one typed object the renderer talks to (window.workstation), as
// request/response methods with runtime schemas plus a stream of events. Electron IPC and the
// browser host both carry exactly this table; neither adds logic.
// Its data schemas live in workstation-schemas.ts (re-exported here).
import { z } from 'zod';
import { Claim, ClaimId, Instant, Sha256 } from './claim';
import { MutationPayloads } from './mutations';
import type { Problem } from './problem';
import { User } from './service-api';
import { AuditDefaults, FindingAnswerSchema, ReviewerAuditProfile, REVIEWER_EXPERIENCE, SampleSpec } from './audit-sampling';
import { AuditListItem, AuditOutboxEntry, AuditRecord, AuditView } from './audit-records';
import { AuditExport, AuditQuery, AuditStats } from './audit-stats';
import { FINDING_TARGETS, VERDICTS } from '../domain';
import { AssistResult } from './assist';
import { Decision, OutboxEntry, QueueItem, QueueQuery, ServiceUrl, Settings, SyncStatus } from './workstation-schemas';

export * from './workstation-schemas';

const ReviewResult = z.object({ entry: OutboxEntry, claim: Claim });
const Empty = z.object({});

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const workstationApi = {
  'session.login': method(
    z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200), serviceUrl: ServiceUrl.optional() }),
    z.object({ user: User, serviceUrl: z.string(), offline: z.boolean() }),
  ),
  'session.logout': method(Empty, Empty),
  'session.current': method(
    Empty,
    z.object({
      user: User.nullable(),
      serviceUrl: z.string().nullable(),
      /** Who signed in last on this profile, to fill the sign-in form. */
      lastUsername: z.string().nullable(),
      /** The service's business calendar as last fetched: deadlines and permissions count in it. */
      calendar: z.object({ timeZone: z.string(), holidays: z.array(z.string()) }).nullable(),
    }),
  ),
  'queue.pull': method(
    z.object({ size: z.number().int().min(1).max(500), offline: z.boolean().optional() }),
    z.object({
      lease: z.object({ id: z.string(), expiresAt: Instant, mode: z.enum(['working', 'offline']).optional() }),
      claims: z.number().int(),
      documents: z.number().int(),
    }),
  ),
  'queue.list': method(
    QueueQuery,
    z.object({
      claims: z.array(QueueItem),
      /** Counted up to a cap: with `capped`, there are more than `total` ("2,000+"). */
      total: z.number().int(),
      capped: z.boolean().default(false),
      /** Where the next page starts (pass it as `after`); null on the last page. */
      next: z.string().nullable().default(null),
    }),
  ),
  'queue.release': method(Empty, Empty),
  // With the claim, its PoE assist result as it stands (one call opens a claim: the page never asks assist.get for it).
  'claim.get': method(z.object({ id: ClaimId }), z.object({ claim: Claim, server: Claim, pending: z.array(OutboxEntry), assist: AssistResult.optional() })),
  /** Leases again a claim that left the batch when its lease lapsed (kept open to read); 409 when it cannot be. */
  'claim.lease': method(z.object({ id: ClaimId }), z.object({ claim: Claim, server: Claim, pending: z.array(OutboxEntry) })),
  'document.get': method(z.object({ sha256: Sha256 }), z.object({ sha256: Sha256, mediaType: z.string(), fileName: z.string(), base64: z.string() })),
  // The PoE in the system's PDF reader (desktop); { opened: false } where that is not possible (browser: download it).
  'document.openExternal': method(z.object({ sha256: Sha256 }), z.object({ opened: z.boolean() })),
  'review.checklist': method(z.object({ claimId: ClaimId, ...MutationPayloads.checklist.shape }), ReviewResult),
  'review.comment': method(z.object({ claimId: ClaimId, ...MutationPayloads.comment.shape }), ReviewResult),
  'review.decide': method(z.object({ claimId: ClaimId, decision: Decision }), ReviewResult.extend({ next: z.string().nullable() })),
  'review.undo': method(z.object({ entryId: z.uuid().optional() }), z.object({ undone: OutboxEntry.nullable() })),
  'sync.run': method(Empty, SyncStatus),
  'sync.status': method(Empty, SyncStatus),
  'conflicts.list': method(
    Empty,
    z.object({ conflicts: z.array(z.object({ entry: OutboxEntry, server: Claim.nullable(), canReapply: z.boolean().optional() })) }),
  ),
  'conflicts.resolve': method(z.object({ entryId: z.uuid(), choice: z.enum(['reapply', 'discard']) }), z.object({ entry: OutboxEntry.nullable() })),
  'settings.get': method(Empty, Settings),
  'settings.set': method(Settings.partial(), Settings),
  // A reviewer's unsynced work carried to a replacement workstation: the file keeps each entry's id,
  // so the service still applies each action at most once whichever machine pushes it.
  'outbox.export': method(Empty, z.object({ fileName: z.string(), json: z.string(), entries: z.number().int() })),
  'outbox.import': method(z.object({ json: z.string().min(1).max(8_000_000) }), z.object({ imported: z.number().int(), skipped: z.number().int() })),
  // Support: one JSON file of what support needs (no PoE content, no secrets), and the About box.
  'app.diagnostics': method(Empty, z.object({ fileName: z.string(), json: z.string() })),
  'app.about': method(
    Empty,
    z.object({
      name: z.string(),
      version: z.string(),
      host: z.enum(['electron', 'browser-host']),
      versions: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
      licences: z.array(z.object({ name: z.string(), version: z.string(), license: z.string() })),
    }),
  ),

  // QA audit mode (QA leads), and the audits of a reviewer's own decisions.
  'audit.pull': method(
    SampleSpec,
    z.object({ sampleId: z.string(), drawn: z.number().int(), items: z.number().int(), documents: z.number().int(), population: z.number().int() }),
  ),
  'audit.list': method(
    z.object({ blind: z.boolean().default(false) }),
    z.object({ items: z.array(AuditListItem), pending: z.number().int(), refused: z.number().int() }),
  ),
  'audit.get': method(z.object({ claimId: ClaimId, blind: z.boolean().default(false) }), AuditView),
  'audit.draft': method(
    z.object({
      claimId: ClaimId,
      findings: z
        .array(
          z.object({
            target: z.enum(FINDING_TARGETS),
            answer: FindingAnswerSchema.nullable().optional(),
            verdict: z.enum(VERDICTS).nullable().optional(),
            note: z.string().max(4_000).nullable().optional(),
          }),
        )
        .max(FINDING_TARGETS.length),
      /** Agree or disagree (null: undecided) with the reviewer's ticks on a claimed product; only once revealed. */
      products: z
        .array(z.object({ productId: z.string().min(1).max(64), verdict: z.enum(VERDICTS).nullable() }))
        .max(500)
        .default([]),
    }),
    AuditView,
  ),
  'audit.submit': method(z.object({ claimId: ClaimId }), z.object({ entry: AuditOutboxEntry, view: AuditView })),
  'audit.correct': method(z.object({ claimId: ClaimId }), AuditView),
  'audit.discard': method(z.object({ claimId: ClaimId }), AuditView),
  'audit.stats': method(AuditQuery, z.object({ stats: AuditStats, asOf: Instant, offline: z.boolean() })),
  'audit.export': method(AuditQuery.extend({ kind: z.enum(['audits', 'stats']) }), AuditExport),
  'audit.mine': method(Empty, z.object({ audits: z.array(AuditRecord), asOf: Instant.nullable(), offline: z.boolean() })),
  'audit.reviewers': method(Empty, z.object({ defaults: AuditDefaults, reviewers: z.array(ReviewerAuditProfile) })),
  // PoE assist: the documents read against the claim, and suggestions per checklist reason (never ticked by itself).
  'assist.get': method(z.object({ claimId: ClaimId }), AssistResult),
  'assist.run': method(z.object({ claimId: ClaimId }), AssistResult),
  'audit.setReviewer': method(
    z.object({
      reviewerId: z.string().min(1).max(64),
      experience: z.enum(REVIEWER_EXPERIENCE).optional(),
      customRate: z.number().min(0).max(1).nullable().optional(),
    }),
    ReviewerAuditProfile,
  ),
} as const;

export type WorkstationApi = typeof workstationApi;
export type WorkstationMethod = keyof WorkstationApi;
export const WORKSTATION_METHODS = Object.keys(workstationApi) as WorkstationMethod[];
export type MethodInput<M extends WorkstationMethod> = z.input<WorkstationApi[M]['input']>;
export type MethodOutput<M extends WorkstationMethod> = z.infer<WorkstationApi[M]['output']>;

export const PullProgress = z.object({
  phase: z.enum(['leasing', 'documents', 'done', 'failed']),
  claimsDone: z.number().int(),
  claimsTotal: z.number().int(),
  documentsDone: z.number().int(),
  documentsTotal: z.number().int(),
  bytesDone: z.number().int(),
  /** The first claim to review, once its queue row and all its documents are stored: it can open while the rest download. */
  firstReady: z.string().nullable().optional(),
});
export type PullProgress = z.infer<typeof PullProgress>;

export const WorkstationEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sync.status'), status: SyncStatus }),
  z.object({ type: z.literal('pull.progress'), progress: PullProgress }),
  /** Which claims are in the queue changed (pull, release, a lease lost): list it again. */
  z.object({ type: z.literal('queue.changed'), claimIds: z.array(z.string()) }),
  /** One claim's queue row changed (null: it left the queue): patch that row and the open claim. */
  z.object({ type: z.literal('claim.changed'), id: z.string(), item: QueueItem.nullable() }),
  z.object({ type: z.literal('conflicts.changed'), count: z.number().int() }),
  /** Audits of these claims changed on this workstation (recorded, synced, refused). */
  z.object({ type: z.literal('audit.changed'), claimIds: z.array(z.string()) }),
  /** The assist's result for these claims changed; `progress` counts the documents of the background run. */
  z.object({ type: z.literal('assist.changed'), claimIds: z.array(z.string()), progress: z.object({ done: z.number().int(), total: z.number().int() }) }),
]);
export type WorkstationEvent = z.infer<typeof WorkstationEvent>;

/** What the renderer holds as window.workstation, whichever transport carries it. */
export interface WorkstationBridge {
  invoke<M extends WorkstationMethod>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Subscribes to events; returns the unsubscribe function. */
  subscribe(listener: (event: WorkstationEvent) => void): () => void;
  /**
   * Whether the workstation process still answers, for transports that can lose it (the browser host's
   * page outlives a host that died); Electron's IPC has none. Returns the unsubscribe function.
   */
  onLink?(listener: (linked: boolean) => void): () => void;
}

/** The error a bridge rejects with: a problem document from the handler or the transport. */
export class WorkstationError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'WorkstationError';
  }
}
