// The workstation core's errors: every failure a handler reports is a Problem (shared/contracts/problem),
// thrown as a WorkstationError so both transports can carry it unchanged. No transport logic here.
import type { z } from 'zod';
import { OfflineError, ServiceError } from './service-client';
import { WorkstationError, problemOf, validationProblem, type Problem } from '../../shared/contracts';

export function fail(problem: Problem): never {
  throw new WorkstationError(problem);
}

export const badInput = (field: string, detail: string): Problem => problemOf('validation', `${field}: ${detail}`, { field });
export const unauthorized = (detail: string): Problem => problemOf('unauthorized', detail);
export const notSignedIn = (): Problem => unauthorized('Sign in to the review service first.');
export const forbidden = (detail: string): Problem => problemOf('forbidden', detail);
export const notFound = (what: string): Problem => problemOf('notFound', what);
export const conflict = (detail: string): Problem => problemOf('conflict', detail);
export const notAllowed = (detail: string): Problem => problemOf('transition', detail);
export const unavailable = (detail: string): Problem => problemOf('offline', detail);
export const internal = (detail: string): Problem => problemOf('internal', detail);

/** Service and offline errors as problems: the service's own passes through; offline says `offlineHint` too. */
export function failFromService(error: unknown, offlineHint: string): never {
  if (error instanceof ServiceError) fail(error.problem);
  if (error instanceof OfflineError) fail(unavailable(`${error.message}. ${offlineHint}`));
  throw error;
}

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
