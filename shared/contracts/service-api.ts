// The review service's HTTP API v1 as one table: method, path, roles, and the schemas of params, query,
// body and response. The service validates with it and publishes it as OpenAPI; the workstation's
// client calls through it. Changing a route means changing this table, and both sides follow.
// The table is assembled from route groups (service-routes-*.ts); this module keeps every public name.
import { z } from 'zod';
import { Instant } from './claim';
import { route, type RouteDef } from './service-route-kit';
import { reviewRoutes } from './service-routes-review';
import { partnerRoutes } from './service-routes-partner';
import { auditRoutes } from './service-routes-audit';
import { reportRoutes } from './service-routes-reports';

export { API_VERSION, LEASE_MODES, LeaseGrant, User, type LeaseMode, type RouteDef } from './service-route-kit';
export { CHANGE_KINDS, Change, FACT_CHANGE_KINDS } from './service-changes';

export const serviceApi = {
  ...reviewRoutes,
  ...partnerRoutes,
  ...auditRoutes,
  ...reportRoutes,
  testClock: route({
    method: 'POST',
    path: '/api/v1/test/clock',
    summary: 'Test clock only (--test-clock): move the service clock forward by an ISO-8601 duration',
    roles: null,
    body: z.object({
      advance: z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'an ISO-8601 duration such as P6D or PT2H'),
    }),
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
