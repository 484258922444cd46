// How a Kysely transaction may behave on its engine: the dialect, whether it takes row locks, and the
// lock expressions that serialise feed writers, mutation ids and tenant decisions (none on SQLite).
import type { RawBuilder } from 'kysely';
import type { Dialect } from './dialect-sql';

export interface TxMode {
  dialect: Dialect;
  /** Row locks are available (PostgreSQL) and this transaction writes. */
  rowLocks: boolean;
  /** Read-only: writing the change feed is a bug. */
  readOnly?: boolean;
  /** The expression that takes the lock serialising writers of the change feed until commit (none on SQLite: its writers never interleave). */
  feedLock?: RawBuilder<unknown>;
  /** The expression that serialises, until commit, the transactions handling one mutation id (none on SQLite). */
  mutationLock?: (id: string) => RawBuilder<unknown>;
  /** The same for several ids in one statement, taken in the order given (callers sort them: no two pushes wait on each other in a circle). */
  mutationLocks?: (ids: readonly string[]) => RawBuilder<unknown>;
  /** The expression that serialises, until commit, the partner-of-record decisions on one tenant (none on SQLite). */
  tenantLock?: (tenantId: string) => RawBuilder<unknown>;
}
