// The data the workstation API carries besides claims: settings and shortcuts, sync status, outbox
// entries and the outbox file, queue rows and queries, and a reviewer's decision.
import { z } from 'zod';
import { ACTIVITY_TYPES, CLAIM_STATUSES, DERIVED_STATES } from '../domain';
import { Claim, Customer, Deadline, Instant, Partner } from './claim';
import { DECISION_KINDS, MUTATION_KINDS, MutationPayloads, OUTBOX_STATES } from './mutations';
import { Problem } from './problem';
import { User } from './service-api';

/** The review service's address: http(s) only, never file:, javascript: or another scheme. */
export const ServiceUrl = z.url({ protocol: /^https?$/, error: 'an http(s) address of the review service' });

export const LANGUAGES = ['en', 'zh-TW'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Keyboard actions a reviewer can bind; defaults live with the renderer's shortcut map. */
export const SHORTCUT_ACTIONS = [
  'next-claim',
  'previous-claim',
  'next-page',
  'previous-page',
  'zoom-in',
  'zoom-out',
  'fit-width',
  'toggle-reason-1',
  'toggle-reason-2',
  'toggle-reason-3',
  'toggle-reason-4',
  'toggle-reason-5',
  'approve',
  'request-info',
  'reject',
  'comment',
  'search',
  'sync',
  'undo',
  'help',
  'audit-agree',
  'audit-disagree',
  'audit-submit',
] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export const Settings = z.object({
  language: z.enum(LANGUAGES),
  /** IANA zone for dates and deadlines; null = the system's. */
  timeZone: z.string().nullable(),
  shortcuts: z.partialRecord(z.enum(SHORTCUT_ACTIONS), z.string().min(1).max(40)),
  batchSize: z.number().int().min(1).max(500),
  serviceUrl: ServiceUrl.nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const SyncStatus = z.object({
  connection: z.enum(['online', 'offline', 'syncing', 'misconfigured']),
  pending: z.number().int(),
  conflicts: z.number().int(),
  lastSyncAt: Instant.nullable(),
  lastError: z.string().nullable(),
  lease: z.object({ id: z.string(), expiresAt: Instant, mode: z.enum(['working', 'offline']).optional() }).nullable(),
  /** How long a new action waits in the outbox before it may be pushed (its undo window). */
  undoWindowMs: z.number().int().min(0).optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const OutboxEntry = z.object({
  id: z.uuid(),
  claimId: z.string(),
  baseVersion: z.number().int(),
  kind: z.enum(MUTATION_KINDS as [string, ...string[]]),
  payload: z.record(z.string(), z.unknown()),
  createdAt: Instant,
  state: z.enum(OUTBOX_STATES),
  problem: Problem.nullable(),
  attempts: z.number().int(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** The file outbox.export writes and outbox.import reads. */
export const OutboxFile = z.object({
  format: z.literal('poe-workstation-outbox'),
  version: z.literal(1),
  exportedAt: Instant,
  serviceUrl: z.string(),
  user: User,
  /** In outbox order; `server` is the service's claim kept beside a conflict. */
  entries: z.array(OutboxEntry.extend({ server: Claim.nullable() })),
  /** The service's copy of every claim an entry is about. */
  claims: z.array(Claim),
});
export type OutboxFile = z.infer<typeof OutboxFile>;

export const QueueItem = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(CLAIM_STATUSES),
  derivedState: z.enum(DERIVED_STATES).nullable(),
  partner: Partner,
  customer: Customer,
  products: z.array(z.string()),
  activity: z.enum(ACTIVITY_TYPES),
  submittedAt: Instant.nullable(),
  mostUrgent: Deadline.nullable(),
  /** The open 10-day decision target (absent in rows cached before it existed). */
  decisionTarget: Deadline.nullable().optional(),
  /** Rounds of information requests so far (absent in rows cached before it existed). */
  infoRounds: z.number().int().nonnegative().optional(),
  documentCount: z.number().int(),
  competingCount: z.number().int(),
  /** Unsynced outbox entries for this claim. */
  pending: z.number().int(),
  conflict: z.boolean(),
  /** A decision taken locally and not yet confirmed by the service. */
  localDecision: z.enum(DECISION_KINDS).nullable(),
  leaseExpiresAt: Instant.nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QUEUE_SORTS = ['urgency', 'target', 'submitted', 'partner', 'customer', 'status'] as const;
/** Rows the queue list asks for at a time (a few screens of the virtualized list); it asks for the next page (`after`) near the end. */
export const QUEUE_PAGE_SIZE = 150;
export const QueueQuery = z.object({
  filter: z
    .object({
      status: z.array(z.enum(CLAIM_STATUSES)).optional(),
      derivedState: z.array(z.enum(DERIVED_STATES)).optional(),
      due: z.enum(['overdue', 'today', 'this-week']).optional(),
      pendingOnly: z.boolean().optional(),
    })
    .default({}),
  sort: z.enum(QUEUE_SORTS).default('urgency'),
  search: z.string().max(200).default(''),
  limit: z.number().int().min(1).max(20_000).default(500),
  /** The `next` of the previous page: the page after it in the same sort (keyset paging). */
  after: z.string().min(1).max(2_000).optional(),
});

export const Decision = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approve'), ...MutationPayloads.approve.shape }),
  z.object({ kind: z.literal('request-info'), ...MutationPayloads['request-info'].shape }),
  z.object({ kind: z.literal('reject'), ...MutationPayloads.reject.shape }),
  z.object({ kind: z.literal('resolve-dispute'), ...MutationPayloads['resolve-dispute'].shape }),
  z.object({ kind: z.literal('remove-product'), ...MutationPayloads['remove-product'].shape }),
]);
export type Decision = z.infer<typeof Decision>;
