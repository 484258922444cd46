// Kysely's SqliteDialect on better-sqlite3, made to speak the store's types as PostgreSQL does: JSON
// columns come back parsed, boolean columns as booleans, booleans are bound as 1/0, and prepared
// statements are kept (Kysely's driver prepares every query anew). Migrations run in transactions
// (SQLite's DDL is transactional; Kysely's adapter does not claim it).
import type Database from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, type DialectAdapter, type SqliteDatabase, type SqliteStatement } from 'kysely';

/** Columns holding JSON text (jsonb on PostgreSQL) and 0/1 booleans, by the name they are selected as. */
const JSON_COLUMNS = new Set([
  'facts',
  'actor',
  'event',
  'truth',
  'params',
  'spec',
  'summary',
  'decision',
  'sampled_by',
  'auditor',
  'findings',
  'product_findings',
  'documents',
  'history',
]);
const BOOLEAN_COLUMNS = new Set(['reviewable', 'blind']);
const MAX_CACHED_STATEMENTS = 500;

type Row = Record<string, unknown>;

function decode(row: unknown): unknown {
  const r = row as Row;
  for (const key of Object.keys(r)) {
    const v = r[key];
    if (typeof v === 'string' && JSON_COLUMNS.has(key)) r[key] = JSON.parse(v);
    else if (typeof v === 'number' && BOOLEAN_COLUMNS.has(key)) r[key] = v === 1;
  }
  return r;
}
const encode = (params: readonly unknown[]): unknown[] => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

/** The better-sqlite3 handle as Kysely's driver sees it, with the conversions above. */
function typedDatabase(raw: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  const statement = (text: string): Database.Statement => {
    let st = cache.get(text);
    if (!st) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      st = raw.prepare(text);
      cache.set(text, st);
    }
    return st;
  };
  return {
    close: () => raw.close(),
    prepare(text: string): SqliteStatement {
      const st = statement(text);
      return {
        reader: st.reader,
        all: (params) => st.all(encode(params)).map(decode),
        run: (params) => st.run(encode(params)),
        *iterate(params) {
          for (const row of st.iterate(encode(params))) yield decode(row);
        },
      };
    },
  };
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class ServiceSqliteDialect extends SqliteDialect {
  constructor(raw: Database.Database) {
    super({ database: typedDatabase(raw) });
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
