// The store's compiled-once statements (server/store/kysely/statements.ts) on a real in-memory SQLite:
// later calls bind their own values in the markers' places, constants of the statement stay, and a
// value that would be frozen into the SQL text is refused when the statement is first built.
import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceDatabase } from '../../server/store/kysely/schema';
import { ServiceSqliteDialect } from '../../server/store/kysely/sqlite-dialect';
import { runStatement } from '../../server/store/kysely/statements';

let raw: Database.Database;
let db: Kysely<ServiceDatabase>;
beforeEach(() => {
  raw = new Database(':memory:');
  raw.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  raw.exec("INSERT INTO meta VALUES ('a', '1'), ('b', '2'), ('c', '3')");
  db = new Kysely<ServiceDatabase>({ dialect: new ServiceSqliteDialect(raw) });
});
afterEach(async () => {
  await db.destroy();
});

describe('statements compiled once', () => {
  it('runs each later call with its own values, keeping the statement’s constants', async () => {
    const read = (key: string) =>
      runStatement(db, 'sqlite', 'test-meta-except-c', { key }, (v) => db.selectFrom('meta').select('value').where('key', '=', v.key).where('key', '<>', 'c'));
    expect((await read('a')).rows).toEqual([{ value: '1' }]);
    expect((await read('b')).rows).toEqual([{ value: '2' }]);
    expect((await read('c')).rows).toEqual([]);
  });

  it('binds every value of an update in its place, whatever order the values were given in', async () => {
    const set = (key: string, value: string) =>
      runStatement(db, 'sqlite', 'test-meta-set', { value, key }, (v) => db.updateTable('meta').set({ value: v.value }).where('key', '=', v.key));
    await set('a', 'x');
    await set('b', 'y');
    expect(raw.prepare('SELECT key, value FROM meta ORDER BY key').all()).toEqual([
      { key: 'a', value: 'x' },
      { key: 'b', value: 'y' },
      { key: 'c', value: '3' },
    ]);
  });

  it('refuses a statement that writes a value into its SQL text instead of binding it', async () => {
    await expect(runStatement(db, 'sqlite', 'test-meta-raw', { key: 'a' }, (v) => sql`SELECT value FROM meta WHERE key = '${sql.raw(v.key)}'`)).rejects.toThrow(
      /test-meta-raw: key must be a bound parameter/,
    );
  });
});
