// The service database: numbered one-way migrations tracked by user_version, each in its own
// transaction, WAL mode, and a database from a newer service refused.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, MIGRATIONS, migrate, SCHEMA_VERSION } from '../../server/store/migrations';
import { DATABASE_FILE, openSqliteStore } from '../../server/store/sqlite-store';
import { removeDir, tempDir } from '../support/service';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});
const newDb = () => {
  const dir = tempDir('poe-store-');
  dirs.push(dir);
  return { dir, file: path.join(dir, DATABASE_FILE) };
};

describe('service database migrations', () => {
  it('bring a new database to the latest version, in WAL mode', async () => {
    const { dir, file } = newDb();
    const store = openSqliteStore(dir);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    db.close();
  });

  it('run each migration in its own transaction: a failing one leaves the database at the version before', () => {
    const { file } = newDb();
    const db = new Database(file);
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); SELECT no_such_function();' }];
    expect(() => migrate(db, file, broken)).toThrow(/no_such_function/);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    const fixed = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'fixed', sql: 'CREATE TABLE half_done (x INTEGER);' }];
    expect(migrate(db, file, fixed)).toBe(SCHEMA_VERSION + 1);
    db.close();
  });

  it('refuse a database whose version is newer than the service knows', () => {
    const { file } = newDb();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    expect(() => migrate(db, file)).toThrow(DatabaseFromFutureError);
    db.close();
  });

  it('keep data written through the store after it is closed and opened again', async () => {
    const { dir } = newDb();
    const first = openSqliteStore(dir);
    await first.transaction((tx) => tx.setMeta('probe', 'kept'));
    await expect(first.transaction(async (tx) => {
      await tx.setMeta('probe', 'rolled back');
      throw new Error('abort');
    })).rejects.toThrow('abort');
    await first.close();
    const second = openSqliteStore(dir);
    expect(await second.transaction((tx) => tx.getMeta('probe'))).toBe('kept');
    await second.close();
  });
});
