// Errors as application/problem+json (RFC 9457): the one error shape of the service and the workstation API.
import { z } from 'zod';

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  /** The offending field, as a dotted path, when one input field is at fault. */
  field: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

/** The one problem vocabulary of the service and the workstation: each kind's type URI, title and status. */
const VOCABULARY = {
  validation: { type: 'urn:poe:problem:validation', title: 'Invalid input', status: 400 },
  unauthorized: { type: 'urn:poe:problem:unauthorized', title: 'Not signed in', status: 401 },
  forbidden: { type: 'urn:poe:problem:forbidden', title: 'Not allowed', status: 403 },
  notFound: { type: 'urn:poe:problem:not-found', title: 'Not found', status: 404 },
  conflict: { type: 'urn:poe:problem:conflict', title: 'Conflict', status: 409 },
  transition: { type: 'urn:poe:problem:transition', title: 'Action not allowed now', status: 409 },
  notLeased: { type: 'urn:poe:problem:not-leased', title: 'Claim not leased to you', status: 409 },
  tooLarge: { type: 'urn:poe:problem:too-large', title: 'Too large', status: 413 },
  unsupportedMedia: { type: 'urn:poe:problem:unsupported-media', title: 'Unsupported media type', status: 415 },
  rateLimited: { type: 'urn:poe:problem:rate-limited', title: 'Too many requests', status: 429 },
  insufficientStorage: { type: 'urn:poe:problem:insufficient-storage', title: 'Insufficient storage', status: 507 },
  internal: { type: 'urn:poe:problem:internal', title: 'Internal error', status: 500 },
  /** The service is up but cannot read its database (GET /ready). */
  notReady: { type: 'urn:poe:problem:not-ready', title: 'Not ready', status: 503 },
  /** The workstation needs the service for this and cannot reach it. */
  offline: { type: 'urn:poe:problem:offline', title: 'Not available offline', status: 503 },
  /** The workstation reaches something, but not the service: a proxy or TLS-inspection certificate is in the way. */
  networkConfiguration: { type: 'urn:poe:problem:network-configuration', title: 'Network configuration problem', status: 502 },
  /** The service's database was restored or replaced since the caller last synced (its epoch changed). */
  serviceRestored: { type: 'urn:poe:problem:service-restored', title: 'Service restored', status: 409 },
} as const satisfies Record<string, { type: `urn:poe:problem:${string}`; title: string; status: number }>;

export type ProblemKind = keyof typeof VOCABULARY;
export const PROBLEM_TYPES = Object.fromEntries(Object.entries(VOCABULARY).map(([k, v]) => [k, v.type])) as {
  [K in ProblemKind]: (typeof VOCABULARY)[K]['type'];
};

/** A problem of `kind` with its vocabulary's type, title and status (a `status` of the same kind may be given). */
export function problemOf(kind: ProblemKind, detail: string, o: { field?: string; status?: number } = {}): Problem {
  const { type, title, status } = VOCABULARY[kind];
  return { type, title, status: o.status ?? status, detail, ...(o.field === undefined ? {} : { field: o.field }) };
}

/** Turns a zod error into a problem that names the first offending field. */
export function validationProblem(error: z.ZodError, where: string): Problem {
  const issue = error.issues[0];
  const field = issue ? [where, ...issue.path.map(String)].filter(Boolean).join('.') : where;
  return { type: PROBLEM_TYPES.validation, title: 'Invalid input', status: 400, detail: `${field}: ${issue?.message ?? 'invalid'}`, field };
}

/**
 * The problem for a request the HTTP framework refuses before any route runs (Fastify's error codes:
 * bad percent-encoding, an over-long path parameter, an unroutable request). `server` names who
 * refuses ("service", "workstation") in the detail.
 */
export function routingProblem(code: string | undefined, server: string): Problem {
  switch (code) {
    case 'FST_ERR_BAD_URL':
      return {
        type: PROBLEM_TYPES.validation,
        title: 'Bad request',
        status: 400,
        detail: 'path: the request path is not valid percent-encoded UTF-8',
        field: 'path',
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        type: PROBLEM_TYPES.tooLarge,
        title: 'Too large',
        status: 414,
        detail: `path: a path parameter is longer than the ${server} accepts`,
        field: 'path',
      };
    default:
      return { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, detail: 'path: the request could not be routed', field: 'path' };
  }
}

/** The problem for a request Node's HTTP parser refuses (no route, no reply): oversized headers, a timeout, broken HTTP. */
export function malformedRequestProblem(code: string | undefined, server: string): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        type: PROBLEM_TYPES.tooLarge,
        title: 'Too large',
        status: 431,
        detail: `headers: the request line and headers are larger than the ${server} accepts`,
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { type: PROBLEM_TYPES.validation, title: 'Request timeout', status: 408, detail: 'the request did not arrive in time' };
    default:
      return { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, detail: 'the request is not valid HTTP' };
  }
}
