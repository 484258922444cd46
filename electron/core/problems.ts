// The workstation core's errors: every failure a handler reports is a Problem (shared/contracts/problem),
// thrown as a WorkstationError so both transports can carry it unchanged. No transport logic here.
import type { z } from 'zod';
import { OfflineError, ServiceError } from './service-client';
import { PROBLEM_TYPES, WorkstationError, validationProblem, type Problem } from '../../shared/contracts';

export function fail(problem: Problem): never {
  throw new WorkstationError(problem);
}

export const problem = (status: number, type: string, title: string, detail: string, field?: string): Problem =>
  field === undefined ? { type, title, status, detail } : { type, title, status, detail, field };

export const badInput = (field: string, detail: string): Problem => problem(400, PROBLEM_TYPES.validation, 'Invalid input', `${field}: ${detail}`, field);
export const notSignedIn = (): Problem => problem(401, PROBLEM_TYPES.unauthorized, 'Not signed in', 'Sign in to the review service first.');
export const notFound = (what: string): Problem => problem(404, PROBLEM_TYPES.notFound, 'Not found', what);
export const forbidden = (detail: string): Problem => problem(403, PROBLEM_TYPES.forbidden, 'Not allowed', detail);
export const conflict = (detail: string): Problem => problem(409, PROBLEM_TYPES.conflict, 'Conflict', detail);
export const notAllowed = (detail: string): Problem => problem(409, PROBLEM_TYPES.transition, 'Not allowed now', detail);
export const unavailable = (detail: string): Problem => problem(503, 'urn:poe:problem:offline', 'Not available offline', detail);
export const internal = (detail: string): Problem => problem(500, PROBLEM_TYPES.internal, 'Internal error', detail);

/** A zod failure of a method's input as a problem naming the field (`input` when the whole value is wrong). */
export function inputProblem(error: z.ZodError): Problem {
  const path = error.issues[0]?.path ?? [];
  return validationProblem(error, path.length === 0 ? 'input' : '');
}

/** Whatever was thrown, as a problem: ours pass through, anything else is an internal error. */
export function toProblem(error: unknown): Problem {
  if (error instanceof WorkstationError) return error.problem;
  if (error instanceof ServiceError) return error.problem;
  if (error instanceof OfflineError) return unavailable(error.message);
  const message = error instanceof Error ? error.message : String(error);
  return internal(message);
}
