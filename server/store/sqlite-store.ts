// The service store on SQLite: the Kysely store (kysely/kysely-tx.ts) with the SQLite dialect on
// better-sqlite3 in WAL mode. One writing connection, whose transactions (BEGIN IMMEDIATE) run one
// after another, and a second read-only connection for read snapshots, which never wait for the writer.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { KyselyTx, type TxMode } from './kysely/kysely-tx';
import type { ServiceDatabase } from './kysely/schema';
import { ServiceSqliteDialect } from './kysely/sqlite-dialect';
import { migrateService } from './migrate';
import type { ServiceMigration } from './migrations';
import type { ReadOptions, ReadTx, Store, Tx } from './repository';

export const DATABASE_FILE = 'service.sqlite';

/** SQLite's writers never interleave, so the feed needs no lock and no row is locked. */
const WRITE_MODE: TxMode = { dialect: 'sqlite', rowLocks: false };
const READ_MODE: TxMode = { dialect: 'sqlite', rowLocks: false, readOnly: true };

/** Opens (creating and migrating when needed) the service database in `dataDir`. */
export async function openSqliteStore(dataDir: string, opts: { migrations?: readonly ServiceMigration[] } = {}): Promise<SqliteStore> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const raw = new Database(file);
  const db = new Kysely<ServiceDatabase>({ dialect: new ServiceSqliteDialect(raw) });
  try {
    raw.pragma('journal_mode = WAL');
    // FULL: an answered "applied" survives a power cut (NORMAL in WAL may roll back the last commits),
    // and the workstation deletes its outbox entry on that answer.
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    await migrateService(db, {
      engine: 'sqlite',
      where: file,
      migrations: opts.migrations,
      exec: async (_trx, ddl) => {
        raw.exec(ddl);
      },
    });
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const rawReader = new Database(file, { readonly: true, fileMustExist: true });
  rawReader.pragma('busy_timeout = 5000');
  return new SqliteStore(raw, db, new Kysely<ServiceDatabase>({ dialect: new ServiceSqliteDialect(rawReader) }));
}

export class SqliteStore implements Store {
  readonly engine = 'sqlite';
  private closed = false;

  /** `reader` is a second, read-only connection: in WAL its transactions see the last commit and never block the writer. */
  constructor(
    private readonly raw: Database.Database,
    readonly db: Kysely<ServiceDatabase>,
    private readonly reader: Kysely<ServiceDatabase>,
  ) {}

  private open(): void {
    if (this.closed) throw new Error('The service database is closed');
  }

  /** Kysely's SQLite driver hands its one connection to one caller at a time: transactions queue. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    this.open();
    return this.db.connection().execute(async (conn) => {
      this.open();
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const tx = new KyselyTx(conn, WRITE_MODE);
        const result = await fn(tx);
        await tx.flushChanges();
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (e) {
        if (this.raw.inTransaction) await sql`ROLLBACK`.execute(conn);
        throw e;
      }
    });
  }

  read<T>(fn: (tx: ReadTx) => Promise<T>, opts: ReadOptions = {}): Promise<T> {
    this.open();
    return this.reader.connection().execute(async (conn) => {
      this.open();
      if (opts.oneQuery) return fn(new KyselyTx(conn, READ_MODE));
      await sql`BEGIN`.execute(conn);
      try {
        return await fn(new KyselyTx(conn, READ_MODE));
      } finally {
        await sql`COMMIT`.execute(conn);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Wait for the transactions already queued on each connection, then close both.
    await this.db.connection().execute(async () => undefined);
    await this.reader.connection().execute(async () => undefined);
    this.closed = true;
    await this.reader.destroy();
    await this.db.destroy();
  }
}
