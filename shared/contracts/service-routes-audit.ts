// Service routes of QA audits: drawing samples, submitting and reading audits, statistics and sampling rates.
import { z } from 'zod';
import { AuditDefaults, DrawResponse, ReviewerAuditProfile, REVIEWER_EXPERIENCE, SampleItemWithClaim, SampleResponse, SampleSpec } from './audit-sampling';
import { AuditRecord, AuditSubmit, AuditSubmitResponse } from './audit-records';
import { AuditQuery, AuditStats } from './audit-stats';
import { auditDesk, auditReaders, CSV, route, type RouteDef } from './service-route-kit';

export const auditRoutes = {
  auditPreview: route({
    method: 'POST',
    path: '/api/v1/audit/samples/preview',
    summary: 'QA lead: the sample a specification would draw now, without drawing it (same seed, same sample)',
    roles: ['qa_lead'],
    body: SampleSpec,
    response: SampleResponse,
  }),
  auditDraw: route({
    method: 'POST',
    path: '/api/v1/audit/samples',
    summary: 'QA lead: draw an audit sample of decided claims (never a claim sampled before, never your own decision)',
    roles: ['qa_lead'],
    status: 201,
    body: SampleSpec,
    response: DrawResponse,
  }),
  auditItems: route({
    method: 'GET',
    path: '/api/v1/audit/items',
    summary: 'QA lead: sampled decisions with their claims (open: not audited yet)',
    roles: auditDesk,
    query: z.object({
      state: z.enum(['open', 'audited', 'all']).default('open'),
      mine: z.enum(['true', 'false']).default('false'),
      limit: z.coerce.number().int().min(1).max(500).default(200),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ items: z.array(SampleItemWithClaim), total: z.number().int() }),
  }),
  auditSubmit: route({
    method: 'POST',
    path: '/api/v1/audits',
    summary: 'QA lead: submit an audit (immutable; a correction names the audit it corrects). The id is the idempotency key',
    roles: ['qa_lead'],
    status: 201,
    body: AuditSubmit,
    response: AuditSubmitResponse,
  }),
  auditList: route({
    method: 'GET',
    path: '/api/v1/audits',
    summary: 'Audits with their findings (reviewers: only of their own decisions), newest first',
    roles: auditReaders,
    query: AuditQuery.extend({
      history: z.enum(['true', 'false']).default('false'),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ audits: z.array(AuditRecord), total: z.number().int() }),
  }),
  auditGet: route({
    method: 'GET',
    path: '/api/v1/audits/:id',
    summary: 'One audit and the history of its corrections, oldest first',
    roles: auditReaders,
    params: z.object({ id: z.uuid() }),
    response: z.object({ audit: AuditRecord, history: z.array(AuditRecord) }),
  }),
  auditStats: route({
    method: 'GET',
    path: '/api/v1/audit/stats',
    summary: "Agreement per reviewer, per reason and per ISO week, with Cohen's kappa of the checklist reasons (reviewers: their own)",
    roles: auditReaders,
    query: AuditQuery,
    response: AuditStats,
  }),
  auditStatsCsv: route({
    method: 'GET',
    path: '/api/v1/audit/stats.csv',
    summary: 'The statistics as CSV (RFC 4180, UTF-8 with byte-order mark)',
    roles: auditReaders,
    query: AuditQuery,
    response: 'binary',
    produces: CSV,
  }),
  auditCsv: route({
    method: 'GET',
    path: '/api/v1/audits.csv',
    summary: 'Audits as CSV, one row per finding, corrections included (RFC 4180, UTF-8 with byte-order mark)',
    roles: auditReaders,
    query: AuditQuery,
    response: 'binary',
    produces: CSV,
  }),
  auditReviewers: route({
    method: 'GET',
    path: '/api/v1/audit/reviewers',
    summary: "Sampling rates: the defaults and each reviewer's experience and rate",
    roles: auditDesk,
    response: z.object({ defaults: AuditDefaults, reviewers: z.array(ReviewerAuditProfile) }),
  }),
  auditReviewerSet: route({
    method: 'PATCH',
    path: '/api/v1/audit/reviewers/:id',
    summary: "Set a reviewer's experience or their own sampling rate (null: back to the default)",
    roles: auditDesk,
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z
      .object({ experience: z.enum(REVIEWER_EXPERIENCE).optional(), customRate: z.number().min(0).max(1).nullable().optional() })
      .refine((b) => Object.keys(b).length > 0, 'name at least one field to change'),
    response: ReviewerAuditProfile,
  }),
  auditDefaultsSet: route({
    method: 'PATCH',
    path: '/api/v1/audit/defaults',
    summary: 'Set the default sampling rates (new, experienced) and the rejection factor',
    roles: auditDesk,
    body: AuditDefaults.partial().refine((b) => Object.keys(b).length > 0, 'name at least one field to change'),
    response: AuditDefaults,
  }),
} as const satisfies Record<string, RouteDef>;
