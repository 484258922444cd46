// The store's hot statements (those a push runs per mutation) compiled once per dialect: Kysely builds
// an operation tree and compiles it to SQL on every call, which costs more than SQLite running the
// statement. A statement is built once with a marker in place of each value, compiled, and from then on
// run as that SQL with the call's values in the markers' places (the SQLite driver keeps its prepared
// statement by SQL text, so that is prepared once too).
import type { Compilable, CompiledQuery, Kysely, QueryResult, RawBuilder } from 'kysely';
import type { Dialect } from './dialect-sql';
import type { ServiceDatabase } from './schema';

interface Template {
  compiled: CompiledQuery;
  /** Per parameter of the SQL: the name of the value that goes there, or null for a constant of the statement. */
  slots: (string | null)[];
}

const MARK = '\u0000statement-value:';
const templates = new Map<string, Template>();

/** A query builder, or raw SQL (compiled against the database it will run on). */
type Buildable<R> = Compilable<R> | RawBuilder<R>;

function template<V extends Record<string, unknown>>(db: Kysely<ServiceDatabase>, id: string, names: string[], build: (v: V) => Buildable<unknown>): Template {
  const marks = Object.fromEntries(names.map((n) => [n, `${MARK}${n}`])) as unknown as V;
  const q = build(marks);
  const compiled = 'isRawBuilder' in q ? q.compile(db) : q.compile();
  const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? p.slice(MARK.length) : null));
  // A value must only ever be bound: one written into the SQL text (or left out) would be frozen at its first call.
  const unbound = names.filter((n) => !slots.includes(n));
  if (unbound.length || compiled.sql.includes(MARK)) throw new Error(`statement ${id}: ${unbound.join(', ') || 'a value'} must be a bound parameter`);
  return { compiled, slots };
}

/**
 * Runs the statement `key` (one shape of SQL per key and dialect) with `values`. `build` makes it from
 * its values and is called once; whatever changes the SQL's shape (a lock clause, a column list) belongs
 * in the key, never in the values.
 */
export async function runStatement<V extends Record<string, unknown>, R>(
  db: Kysely<ServiceDatabase>,
  dialect: Dialect,
  key: string,
  values: V,
  build: (v: V) => Buildable<R>,
): Promise<QueryResult<R>> {
  const id = `${dialect}|${key}`;
  let t = templates.get(id);
  if (!t) {
    t = template(db, id, Object.keys(values), build);
    templates.set(id, t);
  }
  const constants = t.compiled.parameters;
  const parameters = t.slots.map((name, i) => (name === null ? constants[i] : values[name]));
  return db.executeQuery<R>({ ...(t.compiled as CompiledQuery<R>), parameters });
}
