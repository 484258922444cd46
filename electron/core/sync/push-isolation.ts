// Isolating a failing mutation of a push: a batch the service refuses whole (400, 413), fails on
// (5xx) or that times out is split in halves until the one entry that fails is alone. An entry that
// keeps failing alone while the service answers otherwise is set aside as a visible refusal.
import { PROBLEM_TYPES, type MutationResult, type Problem } from '../../../shared/contracts';
import { OfflineError, ServiceError } from '../service-client';
import type { OutboxLane, OutboxRow, Store } from '../store/queries';

/** Failures of one entry pushed alone (each in another sync cycle) before it is set aside. */
export const POISON_STRIKES = 3;

export interface IsolationHost {
  readonly store: Store;
  /** Pushes a smaller batch the ordinary way (it may be split again). */
  pushBatch(batch: OutboxRow[]): Promise<void>;
  /** True when the review service answers a cheap request right now. */
  healthy(): Promise<boolean>;
  /** Entries that failed alone during this sync cycle: not pushed again until the next one. */
  readonly struck: Set<string>;
}

/** Whether a failed push may be the fault of one of its entries (and so is worth splitting). */
export function isolates(error: unknown): boolean {
  if (error instanceof ServiceError) return error.problem.status === 400 || error.problem.status === 413 || error.problem.status >= 500;
  return error instanceof OfflineError && error.delivered;
}

const describe = (error: unknown): string =>
  error instanceof ServiceError ? `HTTP ${error.problem.status}: ${error.problem.detail}` : error instanceof Error ? error.message : String(error);

/** The refusal a set-aside entry shows: it may have been applied, so it keeps its attempts. */
export function setAsideProblem(error: unknown, strikes: number): Problem {
  return {
    type: PROBLEM_TYPES.internal,
    title: 'Set aside after repeated failures',
    status: 500,
    detail:
      `The review service failed on this action ${strikes} times while it accepted your other actions (last: ${describe(error)}). ` +
      'It was set aside so the rest of your work can sync. It may have been applied: "re-apply" sends it again with the same id ' +
      '(the service applies it at most once), or discard it.',
  };
}

/**
 * Handles a push of `batch` that failed with `error` (for which `isolates` is true). Several entries:
 * pushes each half on its own and returns null. One entry: a whole refusal answers it invalid; a
 * failure counts a strike when the service is otherwise healthy (set aside at POISON_STRIKES),
 * and throws when the service itself is failing (then it is no entry's fault).
 */
export async function isolateFailure(host: IsolationHost, batch: OutboxRow[], error: unknown): Promise<MutationResult[] | null> {
  if (batch.length > 1) {
    const mid = Math.ceil(batch.length / 2);
    await host.pushBatch(batch.slice(0, mid));
    await host.pushBatch(batch.slice(mid));
    return null;
  }
  const entry = batch[0]!;
  if (error instanceof ServiceError && error.problem.status < 500) return [{ id: entry.id, outcome: 'invalid', problem: error.problem }];
  if (!(await host.healthy())) throw error;
  const strikes = host.store.transaction(() => host.store.strikeOutbox(entry.id));
  host.struck.add(entry.id);
  if (strikes >= POISON_STRIKES) return [{ id: entry.id, outcome: 'invalid', problem: setAsideProblem(error, strikes) }];
  return null;
}

/** The next entries of a lane to push, oldest first, leaving out those struck in this cycle. */
export function nextBatch(store: Store, userId: string, size: number, struck: ReadonlySet<string>, lane: OutboxLane = 'review'): OutboxRow[] {
  return store
    .pendingOutbox(userId, size + struck.size, lane)
    .filter((e) => !struck.has(e.id))
    .slice(0, size);
}
