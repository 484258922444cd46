// Chooses the service's database: PostgreSQL when a URL is given (shared by several instances, with
// its login throttle in the database), else SQLite in the data folder (one process, throttle in memory).
import type { LoginAttempts } from '../app/login-throttle';
import type { Store } from './repository';
import { openSqliteStore } from './sqlite-store';

export interface OpenedStore {
  store: Store;
  /** Failed sign-ins kept where every instance sees them; undefined: in this process. */
  loginAttempts?: LoginAttempts;
  /** True when other processes may use the same database at the same time. */
  shared: boolean;
}

export async function openStore(opts: { dataDir: string; databaseUrl?: string }): Promise<OpenedStore> {
  if (opts.databaseUrl) {
    const { openPostgresStore } = await import('./kysely/postgres-store');
    const { KyselyLoginAttempts } = await import('./kysely/kysely-login-attempts');
    const store = await openPostgresStore(opts.databaseUrl);
    return { store, loginAttempts: new KyselyLoginAttempts(store.db), shared: true };
  }
  return { store: await openSqliteStore(opts.dataDir), shared: false };
}
