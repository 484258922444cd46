// The service database: numbered one-way migrations run by Kysely's Migrator (user_version kept in
// step), each in its own transaction, WAL mode, a database from before the Migrator adopted, and a
// database from a newer service refused.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, MIGRATIONS, SCHEMA_VERSION } from '../../server/store/migrations';
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
    const store = await openSqliteStore(dir);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    db.close();
  });

  it('run each migration in its own transaction: a failing one leaves the database at the version before', async () => {
    const { dir, file } = newDb();
    const next = { version: SCHEMA_VERSION + 1, key: '9999-next', name: 'next' };
    const broken = [...MIGRATIONS, { ...next, sqlite: 'CREATE TABLE half_done (x INTEGER); SELECT no_such_function();', postgres: '' }];
    await expect(openSqliteStore(dir, { migrations: broken })).rejects.toThrow(/no_such_function/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
    const fixed = await openSqliteStore(dir, { migrations: [...MIGRATIONS, { ...next, sqlite: 'CREATE TABLE half_done (x INTEGER);', postgres: '' }] });
    await fixed.close();
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(after.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 1 });
    after.close();
  });

  it('adopt a database migrated before the Migrator (user_version only) and bring it to the latest version', async () => {
    const { dir, file } = newDb();
    const old = new Database(file);
    for (const m of MIGRATIONS.slice(0, 4)) old.exec(m.sqlite);
    old.pragma('user_version = 4');
    old.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'from before')").run();
    old.close();
    const store = await openSqliteStore(dir);
    expect(await store.transaction((tx) => tx.getMeta('probe'))).toBe('from before');
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect((db.prepare('SELECT name FROM service_migrations ORDER BY name').all() as { name: string }[]).map((r) => r.name)).toEqual(
      MIGRATIONS.map((m) => m.key),
    );
    db.close();
  });

  it('refuse a database whose version is newer than the service knows', async () => {
    const { dir, file } = newDb();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    await expect(openSqliteStore(dir)).rejects.toThrow(DatabaseFromFutureError);
  });

  it('refuse a database that has run a migration this service does not know', async () => {
    const { dir } = newDb();
    await (await openSqliteStore(dir)).close();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.prepare("INSERT INTO service_migrations (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01T00:00:00.000Z')").run();
    db.close();
    await expect(openSqliteStore(dir)).rejects.toThrow(/9999-from-the-future.*newer than this service knows/);
  });

  it('keep data written through the store after it is closed and opened again', async () => {
    const { dir } = newDb();
    const first = await openSqliteStore(dir);
    await first.transaction((tx) => tx.setMeta('probe', 'kept'));
    await expect(
      first.transaction(async (tx) => {
        await tx.setMeta('probe', 'rolled back');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await first.close();
    const second = await openSqliteStore(dir);
    expect(await second.transaction((tx) => tx.getMeta('probe'))).toBe('kept');
    await second.close();
  });

  it('commit the transactions asked for at once together: each answered only once committed, one that throws rolled back alone', async () => {
    const { dir, file } = newDb();
    const store = await openSqliteStore(dir);
    const other = new Database(file, { readonly: true });
    const committed = (key: string) => other.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) ?? null;
    const sawFirstCommitted: boolean[] = [];
    const runs = Array.from({ length: 6 }, (_, i) =>
      store
        .transaction(async (tx) => {
          await tx.setMeta(`group-${i}`, `v${i}`);
          sawFirstCommitted[i] = committed('group-0') !== null;
          if (i === 3) throw new Error('unit 3 refused');
          return i;
        })
        .then((v) => ({ v, durable: committed(`group-${v}`) })),
    );
    // Asked for before close: they run and commit first.
    const closing = store.close();
    const results = await Promise.allSettled(runs);
    await closing;
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      { v: 0, durable: 'v0' },
      { v: 1, durable: 'v1' },
      { v: 2, durable: 'v2' },
      'unit 3 refused',
      { v: 4, durable: 'v4' },
      { v: 5, durable: 'v5' },
    ]);
    // One commit for all: while each ran, the first one's write was done but not committed yet.
    expect(sawFirstCommitted).toEqual([false, false, false, false, false, false]);
    expect(committed('group-3')).toBeNull();
    other.close();
  });
});
