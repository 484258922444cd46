// Opens the workstation's SQLite file: WAL mode, migrations to the current version (common/migrations.ts runs them). A database written by a newer workstation is refused untouched (never "repaired").
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DatabaseFromFutureError, refuseFromFuture, runMigrations, sqliteUserVersion } from '../../../common/migrations';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

export type Db = Database.Database;

export { DatabaseFromFutureError } from '../../../common/migrations';

/** The profile's database was written by a newer workstation than this one. */
const fromFuture = (file: string) => (found: number, supported: number) =>
  new DatabaseFromFutureError(
    file,
    found,
    supported,
    `The local database ${file} is at schema version ${found}, but this workstation understands versions up to ${supported}. ` +
      'It was written by a newer workstation; it has not been changed. Update the workstation, or use another profile folder.',
  );

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs migrations after the database's version up to `target`, each in its own transaction (common/migrations.ts). */
export function migrate(db: Db, target: number = SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS, file = db.name): void {
  runMigrations(sqliteUserVersion(db), migrations, (m) => db.exec(m.sql), { target, fromFuture: fromFuture(file) });
}

/** Pages of write-ahead log after which a commit checkpoints by itself (see openDatabase). */
export const WAL_BACKSTOP_PAGES = 10_000;

/**
 * Opens (creating when absent) the database at `file` and brings it to the current schema.
 * The version is checked before anything is written, WAL mode included.
 */
export function openDatabase(file: string, options: { target?: number } = {}): Db {
  const target = options.target ?? SCHEMA_VERSION;
  if (existsSync(file)) {
    const probe = new Database(file, { readonly: true, fileMustExist: true });
    const found = (() => {
      try {
        return userVersion(probe);
      } finally {
        probe.close();
      }
    })();
    refuseFromFuture(found, MIGRATIONS, fromFuture(file));
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a committed outbox entry survives a power cut, not only a crash of the process.
    db.pragma('synchronous = FULL');
    // Checkpoints run off the reviewer's path: SQLite's automatic one runs inside whichever commit
    // crosses its threshold (1,000 pages by default), and that was a decision commit more often than
    // not (it writes the most pages), adding the checkpoint's writes and fsync of the database file to
    // it. The sync cycle checkpoints (PASSIVE) after each run instead (Store.checkpoint); the automatic
    // one stays as a backstop at 10,000 pages (about 40 MB of log) for when no cycle runs.
    db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
    db.pragma('busy_timeout = 5000');
    migrate(db, target);
    cacheStatements(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Prepares each SQL text once per connection: the query layer asks for the same few dozen statements on
 * every call, and preparing costs more than running most of them. Bounded, for the dynamic list query.
 */
export function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db) as (sql: string, ...internal: unknown[]) => Database.Statement;
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string, ...internal: unknown[]) => {
    // better-sqlite3's own transaction controller passes extra arguments: leave those alone.
    if (internal.length > 0) return prepare(sql, ...internal);
    let st = cache.get(sql);
    if (!st) {
      if (cache.size >= 500) cache.clear();
      st = prepare(sql);
      cache.set(sql, st);
    }
    return st;
  }) as Db['prepare'];
}
