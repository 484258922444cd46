// The review service's HTTP API v1 as one table: method, path, roles, and the schemas of params, query,
// body and response. The service validates with it and publishes it as OpenAPI; the workstation's
// client calls through it. Changing a route means changing this table, and both sides follow.
import { z } from 'zod';
import { ACTIVITY_TYPES, DERIVED_STATES, CLAIM_STATUSES, PARTNER_ROLES, PRODUCT_FAMILIES, ROLES, type HistoryKind, type Role } from '../domain';
import { HistoryEntry } from '../domain/history';
import { Claim, Contact, Customer, Instant, Lease, Sha256 } from './claim';
import { PushRequest, PushResponse } from './mutations';
import { NOTIFICATION_LANGUAGES, NotificationFeed, SlaReport } from './cpor';
import { AuditDefaults, DrawResponse, ReviewerAuditProfile, REVIEWER_EXPERIENCE, SampleItemWithClaim, SampleResponse, SampleSpec } from './audit-sampling';
import { AuditRecord, AuditSubmit, AuditSubmitResponse } from './audit-records';
import { AuditQuery, AuditStats } from './audit-stats';

export const API_VERSION = 'v1';

export const User = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), partnerRole: z.enum(PARTNER_ROLES).optional() });
export type User = z.infer<typeof User>;

export const CHANGE_KINDS = [
  'created', 'edited', 'document-added', 'submitted', 'review-started', 'checklist', 'comment', 'approved', 'info-requested',
  'resubmitted', 'rejected', 'product-removed', 'customer-declined', 'dispute-filed', 'dispute-resolved',
  'sent-for-incentive-evaluation', 'dispute-window-closed', 'lease-acquired', 'lease-released', 'lease-expired',
] as const satisfies readonly (HistoryKind | `lease-${string}`)[];
/**
 * One entry of the change feed, carrying its patch: a history change names the claim's new version and
 * the new history entry (only for a claim the caller may read now); `own` marks what the caller's own
 * mutations and pulls caused. A reader skips entries at or below the version it holds.
 */
export const Change = z.object({
  seq: z.number().int().positive(),
  claimId: z.string(),
  kind: z.enum(CHANGE_KINDS),
  at: Instant,
  /** The claim's version after this change (history changes); null for lease events. */
  version: z.number().int().nonnegative().nullable().default(null),
  /** The new history entries (a patch), when the caller may read the claim. */
  entries: z.array(HistoryEntry).optional(),
  own: z.boolean().default(false),
});
export type Change = z.infer<typeof Change>;
/** Changes of a claim's facts (products, documents, contacts) that its history entries alone do not carry. */
export const FACT_CHANGE_KINDS: readonly ChangeKindName[] = ['created', 'edited', 'document-added'];
type ChangeKindName = (typeof CHANGE_KINDS)[number];

const ProductInput = z.object({ name: z.string().trim().min(1).max(200), family: z.enum(PRODUCT_FAMILIES), workload: z.string().trim().min(1).max(100) });
const ClaimIdParams = z.object({ id: z.string().min(1).max(64) });
const optionalMessage = z.object({ message: z.string().trim().max(10_000).nullable().default(null) });
const Empty = z.object({});
/** A working lease is renewed while online; an offline checkout holds until a stated end. */
export const LEASE_MODES = ['working', 'offline'] as const;
export type LeaseMode = (typeof LEASE_MODES)[number];
export const LeaseGrant = Lease.omit({ reviewerId: true }).extend({ mode: z.enum(LEASE_MODES).optional() });

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  /** Roles allowed to call; null for a public route. */
  roles: readonly Role[] | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A schema for JSON bodies, or 'binary' for raw document bytes. */
  body?: z.ZodType | 'binary';
  response: z.ZodType | 'binary';
  /** The media type of a 'binary' response when it is not a PoE document (e.g. text/csv). */
  produces?: string;
  /** The success status, when not 200. */
  status?: number;
}

const everyone: readonly Role[] = ['reviewer', 'qa_lead', 'partner', 'customer', 'admin'];
/** QA audits: QA leads audit; admins read; reviewers read only the audits of their own decisions. */
const auditDesk: readonly Role[] = ['qa_lead', 'admin'];
const auditReaders: readonly Role[] = ['qa_lead', 'admin', 'reviewer'];
const CSV = 'text/csv; charset=utf-8';
const route = <R extends RouteDef>(r: R): R => r;

export const serviceApi = {
  health: route({ method: 'GET', path: '/api/v1/health', summary: 'Liveness and version; while the demo is seeded in the background, how many of its claims are stored', roles: null,
    response: z.object({ status: z.literal('ok'), version: z.string(), now: Instant, demo: z.object({ claims: z.number().int().nonnegative(), stored: z.number().int().nonnegative() }).optional() }),
  }),
  calendar: route({
    method: 'GET', path: '/api/v1/calendar', summary: "The service's business calendar and clock, and its lease policy (working lease and offline checkout maximum, in minutes)", roles: null,
    response: z.object({ timeZone: z.string(), holidays: z.array(z.string()), now: Instant, leaseMinutes: z.number().int().positive().optional(), offlineLeaseMaxMinutes: z.number().int().positive().optional() }),
  }),
  login: route({
    method: 'POST', path: '/api/v1/sessions', summary: 'Sign in; returns a bearer token', roles: null, status: 201,
    body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
    response: z.object({ token: z.string(), expiresAt: Instant, user: User }),
  }),
  logout: route({ method: 'DELETE', path: '/api/v1/sessions/current', summary: 'Sign out (revoke this token)', roles: everyone, response: Empty }),
  me: route({ method: 'GET', path: '/api/v1/me', summary: 'The signed-in user', roles: everyone, response: User }),

  leaseCreate: route({
    method: 'POST', path: '/api/v1/leases',
    summary: 'Lease up to `size` claims awaiting a reviewer, most urgent first; `mode: "offline"` takes or extends an offline checkout (until the end of the next business day, at most the offline maximum); `claimIds` leases those claims again (re-lease after a lapse)',
    roles: ['reviewer'], status: 201,
    body: z.object({ size: z.number().int().min(1).max(500), mode: z.enum(LEASE_MODES).optional(), claimIds: z.array(z.string().min(1).max(64)).max(500).optional() }),
    response: z.object({ lease: LeaseGrant, claims: z.array(Claim) }),
  }),
  leaseRelease: route({ method: 'DELETE', path: '/api/v1/leases/:id', summary: 'Release a lease: its undecided claims return to the pool', roles: ['reviewer'], params: ClaimIdParams, response: Empty }),
  leaseRenew: route({ method: 'POST', path: '/api/v1/leases/:id/renew', summary: 'Extend a lease (an offline checkout is never shortened)', roles: ['reviewer'], params: ClaimIdParams, response: z.object({ lease: LeaseGrant }) }),

  claimList: route({
    method: 'GET', path: '/api/v1/claims', summary: 'Claims listed for the caller (partners: their own; customers: on their tenant; reviewers: leased to them; QA and admin: all)', roles: everyone,
    query: z.object({ status: z.enum(CLAIM_STATUSES).optional(), derivedState: z.enum(DERIVED_STATES).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
    response: z.object({ claims: z.array(Claim), total: z.number().int() }),
  }),
  claimGet: route({ method: 'GET', path: '/api/v1/claims/:id', summary: 'One claim with history, deadlines and competing claims (reviewers may read any claim; acting needs the lease)', roles: everyone, params: ClaimIdParams, response: Claim }),
  documentGet: route({ method: 'GET', path: '/api/v1/documents/:sha256', summary: 'The bytes of a PoE document (ETag = its SHA-256)', roles: everyone, params: z.object({ sha256: Sha256 }), response: 'binary' }),

  mutations: route({ method: 'POST', path: '/api/v1/mutations', summary: "Push reviewer mutations; each id is applied at most once", roles: ['reviewer'], body: PushRequest, response: PushResponse }),
  changes: route({
    method: 'GET', path: '/api/v1/changes', summary: 'What happened, in order, after a cursor', roles: ['reviewer', 'qa_lead', 'admin'],
    query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    response: z.object({ changes: z.array(Change), cursor: z.number().int() }),
  }),

  claimCreate: route({
    method: 'POST', path: '/api/v1/claims', summary: 'Partner: create a draft claim', roles: ['partner'], status: 201,
    body: z.object({ customer: Customer, subscriptionId: z.string().max(64).nullable().default(null), activity: z.enum(ACTIVITY_TYPES), products: z.array(ProductInput).min(1).max(20), customerContact: Contact, partnerContact: Contact }),
    response: Claim,
  }),
  claimEdit: route({
    method: 'PATCH', path: '/api/v1/claims/:id', summary: 'Partner: edit MPN, products or contacts (draft, submitted, partner action needed)', roles: ['partner'], params: ClaimIdParams,
    body: z.object({ mpnId: z.string().regex(/^\d{6,10}$/).optional(), products: z.array(ProductInput).min(1).max(20).optional(), customerContact: Contact.optional(), partnerContact: Contact.optional() }).refine((b) => Object.keys(b).length > 0, 'name at least one field to change'),
    response: Claim,
  }),
  documentUpload: route({
    method: 'POST', path: '/api/v1/claims/:id/documents', summary: 'Partner: upload a PoE (PDF, PNG or JPEG, checked by content)', roles: ['partner'], status: 201, params: ClaimIdParams,
    // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
    query: z.object({ fileName: z.string().trim().min(1).max(255).regex(/^[^/\\\0]+$/, 'a file name, not a path').regex(/^[^\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/, 'no control characters or text-direction marks (they can disguise a name)') }), body: 'binary', response: Claim,
  }),
  claimSubmit: route({ method: 'POST', path: '/api/v1/claims/:id/submit', summary: 'Partner: submit a draft', roles: ['partner'], params: ClaimIdParams, body: Empty, response: Claim }),
  claimResubmit: route({ method: 'POST', path: '/api/v1/claims/:id/resubmit', summary: 'Partner: answer a request for information', roles: ['partner'], params: ClaimIdParams, body: optionalMessage, response: Claim }),
  claimWithdraw: route({ method: 'POST', path: '/api/v1/claims/:id/withdraw', summary: 'Partner: ask for rejection (partner request)', roles: ['partner'], params: ClaimIdParams, body: optionalMessage, response: Claim }),
  claimDispute: route({
    method: 'POST', path: '/api/v1/claims/:id/dispute', summary: 'Partner: dispute a rejection within 30 days with a business justification and/or updated PoE uploaded since the rejection (not a customer-declined one)', roles: ['partner'], params: ClaimIdParams,
    body: z.object({ justification: z.string().trim().max(10_000).default('') }), response: Claim,
  }),
  claimDelete: route({ method: 'DELETE', path: '/api/v1/claims/:id', summary: 'Partner: delete a draft', roles: ['partner'], params: ClaimIdParams, response: Empty }),
  claimComment: route({ method: 'POST', path: '/api/v1/claims/:id/comments', summary: 'Partner: comment on a claim', roles: ['partner'], params: ClaimIdParams, body: z.object({ text: z.string().trim().min(1).max(10_000) }), response: Claim }),
  claimDecline: route({ method: 'POST', path: '/api/v1/claims/:id/decline', summary: 'Customer: decline the association during the 7-day consent period', roles: ['customer'], params: ClaimIdParams, body: optionalMessage, response: Claim }),

  auditPreview: route({
    method: 'POST', path: '/api/v1/audit/samples/preview', summary: 'QA lead: the sample a specification would draw now, without drawing it (same seed, same sample)', roles: ['qa_lead'],
    body: SampleSpec, response: SampleResponse,
  }),
  auditDraw: route({
    method: 'POST', path: '/api/v1/audit/samples', summary: 'QA lead: draw an audit sample of decided claims (never a claim sampled before, never your own decision)', roles: ['qa_lead'], status: 201,
    body: SampleSpec, response: DrawResponse,
  }),
  auditItems: route({
    method: 'GET', path: '/api/v1/audit/items', summary: 'QA lead: sampled decisions with their claims (open: not audited yet)', roles: auditDesk,
    query: z.object({ state: z.enum(['open', 'audited', 'all']).default('open'), mine: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(500).default(200), offset: z.coerce.number().int().min(0).default(0) }),
    response: z.object({ items: z.array(SampleItemWithClaim), total: z.number().int() }),
  }),
  auditSubmit: route({
    method: 'POST', path: '/api/v1/audits', summary: 'QA lead: submit an audit (immutable; a correction names the audit it corrects). The id is the idempotency key', roles: ['qa_lead'], status: 201,
    body: AuditSubmit, response: AuditSubmitResponse,
  }),
  auditList: route({
    method: 'GET', path: '/api/v1/audits', summary: 'Audits with their findings (reviewers: only of their own decisions), newest first', roles: auditReaders,
    query: AuditQuery.extend({ history: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(1000).default(200), offset: z.coerce.number().int().min(0).default(0) }),
    response: z.object({ audits: z.array(AuditRecord), total: z.number().int() }),
  }),
  auditGet: route({
    method: 'GET', path: '/api/v1/audits/:id', summary: 'One audit and the history of its corrections, oldest first', roles: auditReaders,
    params: z.object({ id: z.uuid() }), response: z.object({ audit: AuditRecord, history: z.array(AuditRecord) }),
  }),
  auditStats: route({
    method: 'GET', path: '/api/v1/audit/stats', summary: "Agreement per reviewer, per reason and per ISO week, with Cohen's kappa of the checklist reasons (reviewers: their own)", roles: auditReaders,
    query: AuditQuery, response: AuditStats,
  }),
  auditStatsCsv: route({
    method: 'GET', path: '/api/v1/audit/stats.csv', summary: 'The statistics as CSV (RFC 4180, UTF-8 with byte-order mark)', roles: auditReaders,
    query: AuditQuery, response: 'binary', produces: CSV,
  }),
  auditCsv: route({
    method: 'GET', path: '/api/v1/audits.csv', summary: 'Audits as CSV, one row per finding, corrections included (RFC 4180, UTF-8 with byte-order mark)', roles: auditReaders,
    query: AuditQuery, response: 'binary', produces: CSV,
  }),
  auditReviewers: route({
    method: 'GET', path: '/api/v1/audit/reviewers', summary: 'Sampling rates: the defaults and each reviewer\'s experience and rate', roles: auditDesk,
    response: z.object({ defaults: AuditDefaults, reviewers: z.array(ReviewerAuditProfile) }),
  }),
  auditReviewerSet: route({
    method: 'PATCH', path: '/api/v1/audit/reviewers/:id', summary: "Set a reviewer's experience or their own sampling rate (null: back to the default)", roles: auditDesk,
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z.object({ experience: z.enum(REVIEWER_EXPERIENCE).optional(), customRate: z.number().min(0).max(1).nullable().optional() }).refine((b) => Object.keys(b).length > 0, 'name at least one field to change'),
    response: ReviewerAuditProfile,
  }),
  auditDefaultsSet: route({
    method: 'PATCH', path: '/api/v1/audit/defaults', summary: 'Set the default sampling rates (new, experienced) and the rejection factor', roles: auditDesk,
    body: AuditDefaults.partial().refine((b) => Object.keys(b).length > 0, 'name at least one field to change'), response: AuditDefaults,
  }),

  slaReport: route({
    method: 'GET', path: '/api/v1/sla/report', summary: 'QA lead: per reviewer, reviewer deadlines met on time, overdue now, automatic rejections for no partner response', roles: auditDesk,
    response: SlaReport,
  }),
  slaReportCsv: route({ method: 'GET', path: '/api/v1/sla/report.csv', summary: 'The SLA report as CSV (RFC 4180, UTF-8 with byte-order mark)', roles: auditDesk, response: 'binary', produces: CSV }),
  notificationList: route({
    method: 'GET', path: '/api/v1/notifications', summary: "Partner or customer: the caller's notifications, newest first, in English or Traditional Chinese", roles: ['partner', 'customer'],
    query: z.object({ unread: z.enum(['true', 'false']).default('false'), lang: z.enum(NOTIFICATION_LANGUAGES).default('en'), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
    response: NotificationFeed,
  }),
  notificationRead: route({
    method: 'POST', path: '/api/v1/notifications/read', summary: 'Partner or customer: mark notifications read (these ids, or all)', roles: ['partner', 'customer'],
    body: z.object({ ids: z.array(z.number().int().positive()).min(1).max(500).optional(), all: z.literal(true).optional() }).refine((b) => (b.ids === undefined) !== (b.all === undefined), 'name either ids or all: true'),
    response: z.object({ marked: z.number().int(), unread: z.number().int() }),
  }),

  testClock: route({
    method: 'POST', path: '/api/v1/test/clock', summary: 'Test clock only (--test-clock): move the service clock forward by an ISO-8601 duration', roles: null,
    body: z.object({ advance: z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'an ISO-8601 duration such as P6D or PT2H') }),
    response: z.object({ now: Instant }),
  }),
} as const satisfies Record<string, RouteDef>;

export type ServiceApi = typeof serviceApi;
export type RouteName = keyof ServiceApi;
type Infer<T> = T extends z.ZodType ? z.infer<T> : T extends 'binary' ? Uint8Array : undefined;
type InferIn<T> = T extends z.ZodType ? z.input<T> : T extends 'binary' ? Uint8Array : undefined;
export type RouteResponse<N extends RouteName> = Infer<ServiceApi[N]['response']>;
export type RouteBody<N extends RouteName> = ServiceApi[N] extends { body: infer B } ? InferIn<B> : undefined;
export type RouteParams<N extends RouteName> = ServiceApi[N] extends { params: infer P } ? InferIn<P> : undefined;
export type RouteQuery<N extends RouteName> = ServiceApi[N] extends { query: infer Q } ? InferIn<Q> : undefined;

/** Fills a route's path template (`/api/v1/claims/:id`) with URL-encoded params. */
export function routePath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`Missing path parameter "${k}" for ${path}`);
    return encodeURIComponent(v);
  });
}
