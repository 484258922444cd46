// Runs the service migrations (./migrations.ts) on either engine with Kysely's Migrator: its own table
// and lock (several PostgreSQL instances starting together migrate once), one transaction per
// migration, and a database that has run migrations this service does not know is refused. SQLite
// databases from before the Migrator (tracked by user_version alone) are adopted as they are.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { MIGRATIONS, serviceFromFuture, type ServiceMigration } from './migrations';

export type Engine = 'sqlite' | 'postgres';
const TABLE = 'service_migrations';

export interface MigrateOptions {
  engine: Engine;
  /** Runs one migration's DDL (several statements) inside the migration's transaction. */
  exec: (trx: Kysely<unknown>, ddl: string) => Promise<void>;
  /** The database, named in messages (a file, or a URL without its password). */
  where: string;
  migrations?: readonly ServiceMigration[];
}

// The Migrator's own table is not part of the typed service schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

async function executedNames(db: AnyDb): Promise<string[] | null> {
  try {
    return (await db.selectFrom(TABLE).select('name').execute()).map((r) => r.name as string);
  } catch {
    return null;
  }
}

/** A SQLite database migrated before the Migrator: its first user_version migrations count as run. */
async function adoptUserVersion(db: AnyDb, list: readonly ServiceMigration[], where: string, known: number): Promise<void> {
  const userVersion = Number((await sql<{ user_version: number }>`PRAGMA user_version`.execute(db)).rows[0]?.user_version ?? 0);
  if (userVersion > known) throw serviceFromFuture(userVersion, known, where);
  if (userVersion === 0 || (await executedNames(db)) !== null) return;
  await sql`CREATE TABLE service_migrations (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)`.execute(db);
  const adopted = list.filter((m) => m.version <= userVersion).map((m) => ({ name: m.key, timestamp: new Date().toISOString() }));
  if (adopted.length) await db.insertInto(TABLE).values(adopted).execute();
}

/** Brings the database up to the last of `migrations`, one migration per transaction; returns its version. */
export async function migrateService(db: AnyDb, o: MigrateOptions): Promise<number> {
  const list = o.migrations ?? MIGRATIONS;
  const known = list[list.length - 1]?.version ?? 0;
  if (o.engine === 'sqlite') await adoptUserVersion(db, list, o.where, known);
  const unknown = ((await executedNames(db)) ?? []).filter((name) => !list.some((m) => m.key === name));
  if (unknown.length) throw serviceFromFuture(unknown.join(', '), known, o.where);
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        list.map((m): [string, Migration] => [
          m.key,
          {
            up: async (trx) => {
              await o.exec(trx, m[o.engine]);
              if (o.engine === 'sqlite') await sql.raw(`PRAGMA user_version = ${m.version}`).execute(trx);
            },
          },
        ]),
      ),
  };
  const migrator = new Migrator({ db, provider, migrationTableName: TABLE, migrationLockTableName: `${TABLE}_lock` });
  let done = 0;
  for (;;) {
    const { error, results } = await migrator.migrateUp();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    if (!results?.length) break;
    done = Math.max(done, ...results.map((r) => list.find((m) => m.key === r.migrationName)?.version ?? 0));
  }
  const executed = new Set((await executedNames(db)) ?? []);
  return Math.max(done, ...list.filter((m) => executed.has(m.key)).map((m) => m.version), 0);
}
