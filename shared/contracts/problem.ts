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

export const PROBLEM_TYPES = {
  validation: 'urn:poe:problem:validation',
  unauthorized: 'urn:poe:problem:unauthorized',
  forbidden: 'urn:poe:problem:forbidden',
  notFound: 'urn:poe:problem:not-found',
  conflict: 'urn:poe:problem:conflict',
  transition: 'urn:poe:problem:transition',
  notLeased: 'urn:poe:problem:not-leased',
  tooLarge: 'urn:poe:problem:too-large',
  unsupportedMedia: 'urn:poe:problem:unsupported-media',
  rateLimited: 'urn:poe:problem:rate-limited',
  insufficientStorage: 'urn:poe:problem:insufficient-storage',
  internal: 'urn:poe:problem:internal',
  /** The service's database was restored or replaced since the caller last synced (its epoch changed). */
  serviceRestored: 'urn:poe:problem:service-restored',
} as const;

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
      return { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, detail: 'path: the request path is not valid percent-encoded UTF-8', field: 'path' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { type: PROBLEM_TYPES.tooLarge, title: 'Too large', status: 414, detail: `path: a path parameter is longer than the ${server} accepts`, field: 'path' };
    default:
      return { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, detail: 'path: the request could not be routed', field: 'path' };
  }
}

/** The problem for a request Node's HTTP parser refuses (no route, no reply): oversized headers, a timeout, broken HTTP. */
export function malformedRequestProblem(code: string | undefined, server: string): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { type: PROBLEM_TYPES.tooLarge, title: 'Too large', status: 431, detail: `headers: the request line and headers are larger than the ${server} accepts` };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { type: PROBLEM_TYPES.validation, title: 'Request timeout', status: 408, detail: 'the request did not arrive in time' };
    default:
      return { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, detail: 'the request is not valid HTTP' };
  }
}
