// `npm run service -- backup <file>` and `npm run service -- restore <file>` (with --data <folder>):
// online backup and restore of the service database with SQLite's backup API (better-sqlite3), safe
// while the service runs — a backup is a consistent snapshot, a restore replaces the live database
// in one locked step. Both check the copy they read (integrity, schema version) before trusting it.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { META_EPOCH, newEpoch } from './http/service-epoch';
import { SCHEMA_VERSION } from './store/migrations';
import { DATABASE_FILE } from './store/sqlite-store';

export const DATA_COMMANDS_USAGE = `usage: npm run service -- backup <file> [--data ./.data/service]
       npm run service -- restore <file> [--data ./.data/service]`;

export class DataCommandError extends Error {}

const TABLES = ['meta', 'users', 'claims', 'history', 'documents', 'claim_documents', 'leases', 'applied_mutations', 'changes'];

/** Opens `file` read-only and checks it is an intact service database this service understands. */
function checkServiceDatabase(file: string, what: string): { version: number; claims: number } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new DataCommandError(`${what} ${file} cannot be opened: ${(e as Error).message}`);
  }
  try {
    let integrity: string;
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    } catch (e) {
      throw new DataCommandError(`${what} ${file} is not a SQLite database: ${(e as Error).message}`);
    }
    if (integrity !== 'ok') throw new DataCommandError(`${what} ${file} is damaged: ${integrity}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = TABLES.filter((t) => !tables.has(t));
    if (version < 1 || missing.length)
      throw new DataCommandError(`${what} ${file} is not a review service database (missing ${missing.join(', ') || 'its schema version'})`);
    if (version > SCHEMA_VERSION)
      throw new DataCommandError(`${what} ${file} has schema version ${version}, newer than this service knows (${SCHEMA_VERSION}); use a newer service`);
    return { version, claims: (db.prepare('SELECT COUNT(*) AS n FROM claims').get() as { n: number }).n };
  } finally {
    db.close();
  }
}

/** Gives a copy of the database an epoch of its own (see http/service-epoch.ts). */
function setNewEpoch(db: Database.Database): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(META_EPOCH, newEpoch());
}

/** Copies the live database into `target` (a new file) while the service may be running. */
export async function backupDatabase(dataDir: string, target: string): Promise<{ claims: number; bytes: number }> {
  const live = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(live)) throw new DataCommandError(`there is no service database in ${dataDir}`);
  if (fs.existsSync(target)) throw new DataCommandError(`${target} already exists; choose a new file name (a backup never overwrites)`);
  const temp = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.partial`);
  fs.rmSync(temp, { force: true });
  const db = new Database(live, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(temp);
  } finally {
    db.close();
  }
  // A backup is a plain rollback-journal file of its own: no -wal beside it is needed to read it.
  const copy = new Database(temp);
  copy.pragma('journal_mode = DELETE');
  setNewEpoch(copy);
  copy.close();
  const { claims } = checkServiceDatabase(temp, 'the new backup');
  fs.renameSync(temp, target);
  return { claims, bytes: fs.statSync(target).size };
}

/** Replaces the live database with the backup in `source`, in one step, whether or not the service runs. */
export async function restoreDatabase(dataDir: string, source: string): Promise<{ claims: number }> {
  if (!fs.existsSync(source)) throw new DataCommandError(`the backup ${source} does not exist`);
  const { claims } = checkServiceDatabase(source, 'the backup');
  fs.mkdirSync(dataDir, { recursive: true });
  const live = path.join(dataDir, DATABASE_FILE);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(live);
  } finally {
    db.close();
  }
  // A new epoch: workstations that synced with the database before the restore see it and rebase.
  const restored = new Database(live);
  try {
    restored.pragma('busy_timeout = 5000');
    setNewEpoch(restored);
  } finally {
    restored.close();
  }
  checkServiceDatabase(live, 'the restored database');
  return { claims };
}

/** Runs `backup` or `restore` when argv names one; null when argv is the service's own command line. */
export async function runDataCommand(argv: readonly string[]): Promise<string | null> {
  const [command, ...rest] = argv;
  if (command !== 'backup' && command !== 'restore') return null;
  let values: { data?: string; db?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: { data: { type: 'string' }, db: { type: 'string' } } }));
  } catch (e) {
    throw new DataCommandError((e as Error).message);
  }
  if (values.db !== undefined || (values.data === undefined && process.env.DATABASE_URL?.trim())) {
    throw new DataCommandError(
      `${command} copies the SQLite database of a --data folder only; on PostgreSQL use its own tools: ` +
        'pg_dump/pg_restore for a copy, continuous WAL archiving for point-in-time recovery (see "Run the service on PostgreSQL" in server/README.md)',
    );
  }
  if (positionals.length !== 1 || !positionals[0]!.trim()) throw new DataCommandError(`${command} needs exactly one file`);
  const dataDir = values.data ?? './.data/service';
  const file = positionals[0]!;
  if (command === 'backup') {
    const r = await backupDatabase(dataDir, file);
    return `backed up ${r.claims} claims (${r.bytes} bytes) from ${dataDir} to ${file}`;
  }
  const r = await restoreDatabase(dataDir, file);
  return `restored ${r.claims} claims from ${file} into ${dataDir}`;
}
