// The service store on SQLite: the Kysely store (kysely/kysely-tx.ts) with the SQLite dialect on
// better-sqlite3 in WAL mode. One writing connection, whose transactions run one after another and
// commit in groups (one fsync for all the writers waiting), and a second read-only connection for read snapshots, which never wait for the writer.
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

/** At most this many transactions share one commit (bounds how long the first of them waits for the rest). */
const MAX_GROUP = 64;

interface Unit {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class SqliteStore implements Store {
  readonly engine = 'sqlite';
  private closed = false;
  private readonly queued: Unit[] = [];
  private draining = false;
  private drained: Promise<void> = Promise.resolve();

  /** `reader` is a second, read-only connection: in WAL its transactions see the last commit and never block the writer. */
  constructor(
    private readonly raw: Database.Database,
    readonly db: Kysely<ServiceDatabase>,
    private readonly reader: Kysely<ServiceDatabase>,
  ) {}

  private open(): void {
    if (this.closed) throw new Error('The service database is closed');
  }

  /**
   * Group commit: transactions asked for while the connection is busy wait in `queued`; when it is free,
   * every one waiting (up to MAX_GROUP) runs, one after another as before, in one SQLite transaction, each
   * inside its own savepoint, and the group commits once. A unit that throws is rolled back to its
   * savepoint alone (its caller gets the error, the others go on); every unit is answered only after the
   * COMMIT that made it durable (synchronous=FULL), so concurrent writers share one fsync instead of
   * queueing one each.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    this.open();
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ fn: fn as Unit['fn'], resolve: resolve as Unit['resolve'], reject });
      if (!this.draining) this.drained = this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queued.length) {
        // Statements and the commit run synchronously: let the requests that have arrived meanwhile ask first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const group = this.queued.splice(0, MAX_GROUP);
        await this.db
          .connection()
          .execute((conn) => this.runGroup(conn, group))
          .catch((e: unknown) => {
            // Not a unit's own error (those are answered in runGroup): the group did not commit.
            for (const u of group) u.reject(e);
          });
      }
    } finally {
      this.draining = false;
    }
  }

  /** Runs `group` in one transaction, each unit in a savepoint; answers each unit once (a unit's promise ignores a second answer). */
  private async runGroup(conn: Kysely<ServiceDatabase>, group: Unit[]): Promise<void> {
    this.open();
    const done: { unit: Unit; result: unknown }[] = [];
    this.raw.exec('BEGIN IMMEDIATE');
    try {
      for (const unit of group) {
        this.raw.exec('SAVEPOINT unit');
        try {
          const tx = new KyselyTx(conn, WRITE_MODE);
          const result = await unit.fn(tx);
          await tx.flushChanges();
          this.raw.exec('RELEASE unit');
          done.push({ unit, result });
        } catch (e) {
          // SQLite rolled the whole transaction back (disk full, I/O error): the units before it are undone too.
          if (!this.raw.inTransaction) throw e;
          this.raw.exec('ROLLBACK TO unit');
          this.raw.exec('RELEASE unit');
          unit.reject(e);
        }
      }
      this.raw.exec('COMMIT');
    } catch (e) {
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
      throw e;
    }
    for (const d of done) d.unit.resolve(d.result);
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
    // The transactions asked for before (their groups), then those queued on each connection; then both close.
    while (this.draining) await this.drained;
    await this.db.connection().execute(async () => undefined);
    await this.reader.connection().execute(async () => undefined);
    this.closed = true;
    await this.reader.destroy();
    await this.db.destroy();
  }
}
