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
  internal: 'urn:poe:problem:internal',
} as const;

/** Turns a zod error into a problem that names the first offending field. */
export function validationProblem(error: z.ZodError, where: string): Problem {
  const issue = error.issues[0];
  const field = issue ? [where, ...issue.path.map(String)].filter(Boolean).join('.') : where;
  return { type: PROBLEM_TYPES.validation, title: 'Invalid input', status: 400, detail: `${field}: ${issue?.message ?? 'invalid'}`, field };
}
