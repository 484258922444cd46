// The service store on PostgreSQL (Kysely's PostgresDialect on a `pg` pool): opens and migrates the
// database, runs each unit of work as a READ COMMITTED transaction (READ ONLY for reads), serialises
// change-feed writers at commit with a transaction-level advisory lock, retries deadlocks and lost
// races once they are rolled back, and runs singleton jobs (the timer sweep) under pg_try_advisory_lock.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { isReading } from '../read-intent';
import type { ReadOptions, ReadTx, Store, Tx } from '../repository';
import { migrateService } from '../migrate';
import { KyselyTx, HistoryOrderError, type TxMode } from './kysely-tx';
import type { ServiceDatabase } from './schema';

/** Advisory lock keys (first int of the two-int form is the service's namespace). */
const LOCK_SPACE = 0x504f45; // "POE"
const FEED_LOCK = 1;
/** Namespace of the per-mutation-id locks (second int: hashtext of the id). */
const MUTATION_SPACE = LOCK_SPACE + 1;
/** Namespace of the per-tenant locks taken by decisions on the partner of record (second int: hashtext of the tenant id). */
const TENANT_SPACE = LOCK_SPACE + 2;
const JOB_LOCKS: Record<string, number> = { 'timer-sweep': 2 };

const TIMESTAMPTZ = 1184;
const INT8 = 20;
/** Instants come back as the ISO-8601 strings the application stores; counts and identities as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMPTZ) {
      const parse = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (s: string) => Date;
      return (s: string) => parse(s).toISOString();
    }
    if (oid === INT8) return (s: string) => Number(s);
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Errors after which the whole transaction is rolled back and may simply run again. */
function retryable(e: unknown): boolean {
  if (e instanceof HistoryOrderError) return true;
  const code = (e as { code?: string }).code;
  // deadlock, serialization failure, or a lost race on a key another transaction just inserted (e.g. the same mutation id)
  return code === '40P01' || code === '40001' || code === '23505';
}
const MAX_ATTEMPTS = 5;

export interface PostgresStoreOptions {
  /** Connections per service instance (default 10). */
  poolSize?: number;
}

export class PostgresStore implements Store {
  readonly engine = 'postgres';
  private readonly writeMode: TxMode = {
    dialect: 'postgres',
    rowLocks: true,
    feedLock: sql`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, ${FEED_LOCK})`,
    mutationLock: (id) => sql`SELECT pg_advisory_xact_lock(${MUTATION_SPACE}, hashtext(${id}))`,
    mutationLocks: (ids) =>
      sql`SELECT pg_advisory_xact_lock(${MUTATION_SPACE}, hashtext(t.id)) FROM unnest(cast(${[...ids]} as text[])) WITH ORDINALITY AS t(id, n) ORDER BY t.n`,
    tenantLock: (id) => sql`SELECT pg_advisory_xact_lock(${TENANT_SPACE}, hashtext(${id}))`,
  };
  private readonly readMode: TxMode = { dialect: 'postgres', rowLocks: false, readOnly: true };

  constructor(readonly db: Kysely<ServiceDatabase>) {}

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const reading = isReading();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db
          .transaction()
          .setIsolationLevel('read committed')
          .setAccessMode(reading ? 'read only' : 'read write')
          .execute(async (trx) => {
            const tx = new KyselyTx(trx, reading ? this.readMode : this.writeMode);
            const result = await fn(tx);
            await tx.flushChanges();
            return result;
          });
      } catch (e) {
        if (attempt >= MAX_ATTEMPTS || reading || !retryable(e)) throw e;
      }
    }
  }

  /** A consistent read-only snapshot: one REPEATABLE READ, READ ONLY transaction, no row locks, never waits for a writer. */
  async read<T>(fn: (tx: ReadTx) => Promise<T>, opts: ReadOptions = {}): Promise<T> {
    if (opts.oneQuery) return fn(new KyselyTx(this.db, this.readMode));
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => fn(new KyselyTx(trx, this.readMode)));
  }

  /** Runs `fn` as the only runner of job `name` (session advisory lock held on one pooled connection); null when skipped. */
  async exclusive<T>(name: string, fn: () => Promise<T>, opts: { wait?: boolean } = {}): Promise<T | null> {
    const key = JOB_LOCKS[name] ?? 100;
    return this.db.connection().execute(async (conn) => {
      if (opts.wait) await sql`SELECT pg_advisory_lock(${LOCK_SPACE}, ${key})`.execute(conn);
      else if (!(await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${LOCK_SPACE}, ${key}) AS ok`.execute(conn)).rows[0]?.ok) return null;
      try {
        return await fn();
      } finally {
        await sql`SELECT pg_advisory_unlock(${LOCK_SPACE}, ${key})`.execute(conn);
      }
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Connects to `url`, migrates (one instance at a time), and returns the store. */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types, options: '-c TimeZone=UTC' });
  const db = new Kysely<ServiceDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateService(db, {
      engine: 'postgres',
      where: redact(url),
      exec: (trx, ddl) =>
        sql
          .raw(ddl)
          .execute(trx)
          .then(() => undefined),
    });
  } catch (e) {
    await db.destroy();
    throw new Error(`PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
  }
  return new PostgresStore(db);
}

/** The URL without its password, for messages. */
export const redact = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
