// Errors the service answers with, as application/problem+json (shared/contracts/problem.ts).
// Handlers throw ProblemError; the HTTP layer turns it, and any other 4xx, into a problem document.
import { PROBLEM_TYPES, type Problem } from '../../shared/contracts';

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

const make = (type: string, title: string, status: number) => (detail: string, field?: string): ProblemError =>
  new ProblemError({ type, title, status, detail, ...(field ? { field } : {}) });

export const problem = {
  validation: make(PROBLEM_TYPES.validation, 'Invalid input', 400),
  unauthorized: make(PROBLEM_TYPES.unauthorized, 'Not signed in', 401),
  forbidden: make(PROBLEM_TYPES.forbidden, 'Not allowed', 403),
  notFound: make(PROBLEM_TYPES.notFound, 'Not found', 404),
  conflict: make(PROBLEM_TYPES.conflict, 'Conflict', 409),
  transition: make(PROBLEM_TYPES.transition, 'Action not allowed now', 409),
  notLeased: make(PROBLEM_TYPES.notLeased, 'Claim not leased to you', 409),
  tooLarge: make(PROBLEM_TYPES.tooLarge, 'Too large', 413),
  unsupportedMedia: make(PROBLEM_TYPES.unsupportedMedia, 'Unsupported media type', 415),
  rateLimited: make(PROBLEM_TYPES.rateLimited, 'Too many requests', 429),
  insufficientStorage: make(PROBLEM_TYPES.insufficientStorage, 'Insufficient storage', 507),
  internal: make(PROBLEM_TYPES.internal, 'Internal error', 500),
};

/** The problem type for an HTTP status raised by the framework itself (bad JSON, too large, …). */
export function problemTypeForStatus(status: number): string {
  switch (status) {
    case 401: return PROBLEM_TYPES.unauthorized;
    case 403: return PROBLEM_TYPES.forbidden;
    case 404: return PROBLEM_TYPES.notFound;
    case 409: return PROBLEM_TYPES.conflict;
    case 413: return PROBLEM_TYPES.tooLarge;
    case 415: return PROBLEM_TYPES.unsupportedMedia;
    case 429: return PROBLEM_TYPES.rateLimited;
    case 507: return PROBLEM_TYPES.insufficientStorage;
    default: return status >= 500 ? PROBLEM_TYPES.internal : PROBLEM_TYPES.validation;
  }
}
