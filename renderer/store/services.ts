// The services the store's actions use, bound once at start-up (the workstation bridge). Tests and
// hosts swap the implementation here, never the code path; components never call the bridge.
import { WorkstationError, type MethodInput, type MethodOutput, type WorkstationBridge, type WorkstationMethod } from '../../shared/contracts';

let bridge: WorkstationBridge | null = null;

export function bindBridge(b: WorkstationBridge): void {
  bridge = b;
}

export function currentBridge(): WorkstationBridge {
  if (!bridge) throw new Error('The workstation bridge is not bound yet');
  return bridge;
}

export function invoke<M extends WorkstationMethod>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return currentBridge().invoke(method, input);
}

/** A short, human sentence for an error from the bridge or elsewhere. */
export function describeError(error: unknown): string {
  if (error instanceof WorkstationError) return error.problem.detail || error.problem.title;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** True when the error means the workstation itself (not the service) could not be reached. */
export const isUnreachable = (error: unknown): boolean => error instanceof WorkstationError && error.problem.status === 0;
