// Errors the service answers with, as application/problem+json (shared/contracts/problem.ts).
// Handlers throw ProblemError; the HTTP layer turns it, and any other 4xx, into a problem document.
import { PROBLEM_TYPES, problemOf, type Problem, type ProblemKind } from '../../shared/contracts';

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

const make =
  (kind: ProblemKind) =>
  (detail: string, field?: string): ProblemError =>
    new ProblemError(problemOf(kind, detail, { field }));

export const problem = {
  validation: make('validation'),
  unauthorized: make('unauthorized'),
  forbidden: make('forbidden'),
  notFound: make('notFound'),
  conflict: make('conflict'),
  transition: make('transition'),
  notLeased: make('notLeased'),
  tooLarge: make('tooLarge'),
  unsupportedMedia: make('unsupportedMedia'),
  rateLimited: make('rateLimited'),
  insufficientStorage: make('insufficientStorage'),
  internal: make('internal'),
};

/** The problem type for an HTTP status raised by the framework itself (bad JSON, too large, …). */
export function problemTypeForStatus(status: number): string {
  switch (status) {
    case 401:
      return PROBLEM_TYPES.unauthorized;
    case 403:
      return PROBLEM_TYPES.forbidden;
    case 404:
      return PROBLEM_TYPES.notFound;
    case 409:
      return PROBLEM_TYPES.conflict;
    case 413:
      return PROBLEM_TYPES.tooLarge;
    case 415:
      return PROBLEM_TYPES.unsupportedMedia;
    case 429:
      return PROBLEM_TYPES.rateLimited;
    case 507:
      return PROBLEM_TYPES.insufficientStorage;
    default:
      return status >= 500 ? PROBLEM_TYPES.internal : PROBLEM_TYPES.validation;
  }
}
