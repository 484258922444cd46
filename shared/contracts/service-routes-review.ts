// Service routes for sessions, leases, reading claims and documents, pushing mutations and the change feed.
import { z } from 'zod';
import { CLAIM_STATUSES, DERIVED_STATES } from '../domain';
import { Claim, Instant, Sha256 } from './claim';
import { PushRequest, PushResponse } from './mutations';
import { Change } from './service-changes';
import { ClaimIdParams, Empty, everyone, LEASE_MODES, LeaseGrant, route, User, type RouteDef } from './service-route-kit';

export const reviewRoutes = {
  health: route({
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Liveness and version; while the demo is seeded in the background, how many of its claims are stored',
    roles: null,
    response: z.object({
      status: z.literal('ok'),
      version: z.string(),
      now: Instant,
      demo: z.object({ claims: z.number().int().nonnegative(), stored: z.number().int().nonnegative() }).optional(),
    }),
  }),
  calendar: route({
    method: 'GET',
    path: '/api/v1/calendar',
    summary: "The service's business calendar and clock, and its lease policy (working lease and offline checkout maximum, in minutes)",
    roles: null,
    response: z.object({
      timeZone: z.string(),
      holidays: z.array(z.string()),
      now: Instant,
      leaseMinutes: z.number().int().positive().optional(),
      offlineLeaseMaxMinutes: z.number().int().positive().optional(),
    }),
  }),
  login: route({
    method: 'POST',
    path: '/api/v1/sessions',
    summary: 'Sign in; returns a bearer token',
    roles: null,
    status: 201,
    body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
    response: z.object({ token: z.string(), expiresAt: Instant, user: User }),
  }),
  logout: route({ method: 'DELETE', path: '/api/v1/sessions/current', summary: 'Sign out (revoke this token)', roles: everyone, response: Empty }),
  me: route({ method: 'GET', path: '/api/v1/me', summary: 'The signed-in user', roles: everyone, response: User }),

  leaseCreate: route({
    method: 'POST',
    path: '/api/v1/leases',
    summary:
      'Lease up to `size` claims awaiting a reviewer, most urgent first; `mode: "offline"` takes or extends an offline checkout (until the end of the next business day, at most the offline maximum); `claimIds` leases those claims again (re-lease after a lapse)',
    roles: ['reviewer'],
    status: 201,
    body: z.object({
      size: z.number().int().min(1).max(500),
      mode: z.enum(LEASE_MODES).optional(),
      claimIds: z.array(z.string().min(1).max(64)).max(500).optional(),
    }),
    response: z.object({ lease: LeaseGrant, claims: z.array(Claim) }),
  }),
  leaseRelease: route({
    method: 'DELETE',
    path: '/api/v1/leases/:id',
    summary: 'Release a lease: its undecided claims return to the pool',
    roles: ['reviewer'],
    params: ClaimIdParams,
    response: Empty,
  }),
  leaseRenew: route({
    method: 'POST',
    path: '/api/v1/leases/:id/renew',
    summary: 'Extend a lease (an offline checkout is never shortened)',
    roles: ['reviewer'],
    params: ClaimIdParams,
    response: z.object({ lease: LeaseGrant }),
  }),

  claimList: route({
    method: 'GET',
    path: '/api/v1/claims',
    summary: 'Claims listed for the caller (partners: their own; customers: on their tenant; reviewers: leased to them; QA and admin: all)',
    roles: everyone,
    query: z.object({
      status: z.enum(CLAIM_STATUSES).optional(),
      derivedState: z.enum(DERIVED_STATES).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ claims: z.array(Claim), total: z.number().int() }),
  }),
  claimGet: route({
    method: 'GET',
    path: '/api/v1/claims/:id',
    summary: 'One claim with history, deadlines and competing claims (reviewers may read any claim; acting needs the lease)',
    roles: everyone,
    params: ClaimIdParams,
    response: Claim,
  }),
  documentGet: route({
    method: 'GET',
    path: '/api/v1/documents/:sha256',
    summary: 'The bytes of a PoE document (ETag = its SHA-256)',
    roles: everyone,
    params: z.object({ sha256: Sha256 }),
    response: 'binary',
  }),

  mutations: route({
    method: 'POST',
    path: '/api/v1/mutations',
    summary: 'Push reviewer mutations; each id is applied at most once',
    roles: ['reviewer'],
    body: PushRequest,
    response: PushResponse,
  }),
  changes: route({
    method: 'GET',
    path: '/api/v1/changes',
    summary: 'What happened, in order, after a cursor',
    roles: ['reviewer', 'qa_lead', 'admin'],
    query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    response: z.object({ changes: z.array(Change), cursor: z.number().int() }),
  }),
} as const satisfies Record<string, RouteDef>;
