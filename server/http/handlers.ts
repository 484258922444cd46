// One handler per route of the shared serviceApi table, keyed by the table's route names. Handlers
// receive validated input and the caller; they call the application layer and return the response.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Claim, RouteName, RouteResponse, ServiceApi } from '../../shared/contracts';
import { readableClaim, viewClaim, loadClaim } from '../app/claims';
import type { AppContext, Caller } from '../app/context';
import { readDocument } from '../app/documents';
import { pull, release, renew } from '../app/leases';
import { push } from '../app/mutations';
import { readChanges } from '../app/changes';
import * as partner from '../app/partner';
import { login, logout } from '../app/sessions';
import { sweep } from '../app/timers';
import { advanceClock } from '../app/test-clock';
import type { Visibility } from '../store/repository';
import { makeAuditHandlers } from './audit-handlers';
import { makeCporHandlers } from './cpor-handlers';
import { LoginThrottle, tooManyAttempts } from '../app/login-throttle';
import { ProblemError, problem } from './problems';

type Out<T> = T extends z.ZodType ? z.output<T> : T extends 'binary' ? Buffer : undefined;
type Part<N extends RouteName, K extends 'params' | 'query' | 'body'> = ServiceApi[N] extends { [P in K]: infer S } ? Out<S> : undefined;

export interface HandlerInput<N extends RouteName> {
  /** The signed-in caller; null only on public routes. */
  caller: Caller | null;
  params: Part<N, 'params'>;
  query: Part<N, 'query'>;
  /** For the push route, the raw list of mutations: each is validated on its own (see app/mutations). */
  body: N extends 'mutations' ? { mutations: unknown[] } : Part<N, 'body'>;
  request: FastifyRequest;
  reply: FastifyReply;
}
export type Handler<N extends RouteName> = (input: HandlerInput<N>) => Promise<RouteResponse<N>>;
export type Handlers = { [N in RouteName]: Handler<N> };

export interface HandlerOptions {
  version: string;
}

const signedIn = (c: Caller | null): Caller => {
  if (!c) throw problem.unauthorized('authorization: sign in first', 'authorization');
  return c;
};

function visibilityOf(caller: Caller, now: string): Visibility {
  switch (caller.role) {
    case 'partner':
      return { kind: 'company', companyId: caller.companyId ?? '-' };
    case 'customer':
      return { kind: 'tenant', tenantId: caller.tenantId ?? '-' };
    case 'reviewer':
      return { kind: 'leased-to', reviewerId: caller.id, now };
    default:
      return { kind: 'all' };
  }
}

export function makeHandlers(app: AppContext, opts: HandlerOptions): Handlers {
  const throttle = app.loginAttempts ?? new LoginThrottle();
  return {
    health: async () => ({ status: 'ok', version: opts.version, now: app.clock.iso(), ...(app.demo ? { demo: { ...app.demo } } : {}) }),
    calendar: async () => ({
      timeZone: app.calendar.timeZone,
      holidays: [...app.calendar.holidays],
      now: app.clock.iso(),
      leaseMinutes: app.leaseMinutes,
      offlineLeaseMaxMinutes: app.offlineLeaseMaxMinutes,
    }),
    login: async ({ body, reply, request }) => {
      const wait = await throttle.retryAfter(body.username, request.ip, app.clock.now());
      if (wait !== null) {
        reply.header('retry-after', String(wait.seconds));
        throw tooManyAttempts(wait);
      }
      let r;
      try {
        r = await login(app, body.username, body.password);
      } catch (error) {
        if (error instanceof ProblemError && error.problem.status === 401) await throttle.failed(body.username, request.ip, app.clock.now());
        throw error;
      }
      await throttle.succeeded(body.username, request.ip);
      reply.header('cache-control', 'no-store');
      return r;
    },
    logout: async ({ caller }) => {
      await logout(app, signedIn(caller));
      return {};
    },
    me: async ({ caller }) => {
      const c = signedIn(caller);
      return { id: c.id, name: c.name, role: c.role, ...(c.partnerRole ? { partnerRole: c.partnerRole } : {}) };
    },

    leaseCreate: async ({ caller, body }) => pull(app, signedIn(caller), body),
    leaseRelease: async ({ caller, params }) => {
      await release(app, signedIn(caller), params.id);
      return {};
    },
    leaseRenew: async ({ caller, params }) => ({ lease: await renew(app, signedIn(caller), params.id) }),

    claimList: async ({ caller, query }) => {
      const c = signedIn(caller);
      const now = app.clock.iso();
      return app.store.read(async (tx) => {
        const { ids, total } = await tx.listClaimIds(
          { visibility: visibilityOf(c, now), status: query.status, derivedState: query.derivedState },
          query.limit,
          query.offset,
        );
        const claims: Claim[] = [];
        for (const id of ids) claims.push(await viewClaim(tx, app, c, (await loadClaim(tx, id))!, now));
        return { claims, total };
      });
    },
    claimGet: async ({ caller, params }) => {
      const c = signedIn(caller);
      const now = app.clock.iso();
      return app.store.read(async (tx) => viewClaim(tx, app, c, await readableClaim(tx, c, params.id, now), now));
    },
    documentGet: async ({ caller, params, request, reply }) => {
      const doc = await readDocument(app, signedIn(caller), params.sha256);
      const etag = `"${params.sha256}"`;
      reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === etag) {
        reply.code(304);
        return new Uint8Array();
      }
      reply.type(doc.mediaType);
      return Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength);
    },

    mutations: async ({ caller, body }) => ({ results: await push(app, signedIn(caller), body.mutations) }),
    changes: async ({ caller, query }) => readChanges(app, signedIn(caller), query.after, query.limit),

    claimCreate: async ({ caller, body }) => partner.createClaim(app, signedIn(caller), body),
    claimEdit: async ({ caller, params, body }) => partner.editClaim(app, signedIn(caller), params.id, body),
    documentUpload: async ({ caller, params, query, body }) => partner.uploadDocument(app, signedIn(caller), params.id, query.fileName, body),
    claimSubmit: async ({ caller, params }) => partner.submitClaim(app, signedIn(caller), params.id),
    claimResubmit: async ({ caller, params, body }) => partner.resubmitClaim(app, signedIn(caller), params.id, body.message),
    claimWithdraw: async ({ caller, params, body }) => partner.withdrawClaim(app, signedIn(caller), params.id, body.message),
    claimDispute: async ({ caller, params, body }) => partner.disputeClaim(app, signedIn(caller), params.id, body.justification),
    claimComment: async ({ caller, params, body }) => partner.partnerComment(app, signedIn(caller), params.id, body.text),
    claimDecline: async ({ caller, params, body }) => partner.customerDecline(app, signedIn(caller), params.id, body.message),
    claimDelete: async ({ caller, params }) => {
      await partner.deleteDraft(app, signedIn(caller), params.id);
      return {};
    },

    ...makeAuditHandlers(app),
    ...makeCporHandlers(app),

    testClock: async ({ body }) => {
      try {
        await advanceClock(app, body.advance);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        throw problem.validation(`advance: ${e.message}`, 'advance');
      }
      await sweep(app);
      return { now: app.clock.iso() };
    },
  };
}
