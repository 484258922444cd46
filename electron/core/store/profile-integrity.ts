// reliability (issue 13): damage in pages that opening the profile would not read (overwritten in the
// middle of a table) is looked for at open, read-only and before anything writes, with SQLite's
// `quick_check`, and answered like any damaged profile (profile-health.ts): a message in both languages,
// the file untouched, the unsynced actions salvaged. Measured at 10,000 cached claims (72 MB): the whole
// file costs 0.35 to 0.6 s of CPU, the cached service data alone about 0.2 s, the reviewer's own work
// (outbox, applied log, settings, drafts) about 1 ms. So the own work is checked at every open, the
// cached service data at the first open of each day, and the derived tables (the queue, its search
// index and the assist's results, rebuilt from the others) never at open.
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DAMAGE_CODES, damaged } from './profile-health';

/** Where the time of the last full check at open is kept (kv). */
export const CHECKED_AT_KEY = 'profile.checkedAt';
/** How often the cached service data is checked at open. */
export const FULL_CHECK_EVERY_MS = 24 * 3_600_000;

/** Tables rebuilt from the others: never checked at open. */
const DERIVED = /^(queue|queue_fts(_.*)?|assist_pages|assist_results)$/;
/** The cached copy of the service's data: big, checked once a day. */
const CACHED = new Set(['claims', 'claim_documents', 'documents', 'audit_items', 'audit_documents']);
/** How many problems the message names (the first few say enough). */
const REPORTED = 5;

const quickCheck = (db: Database.Database, table: string): string[] =>
  (db.pragma(`quick_check("${table.replace(/"/g, '""')}")`) as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');

/**
 * Checks the profile's database at `file` before it is opened for writing; answers whether the cached
 * service data was checked too (the caller then records `now` under CHECKED_AT_KEY). Throws
 * ProfileDamagedError, with a salvage, when SQLite finds damage.
 */
export function checkIntegrity(file: string, now: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0) return false;
  let problems: string[];
  let full = false;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[])
        .map((r) => r.name)
        .filter((name) => !DERIVED.test(name));
      problems = tables.filter((name) => !CACHED.has(name)).flatMap((name) => quickCheck(db, name));
      if (problems.length === 0) {
        const row = tables.includes('kv') ? (db.prepare('SELECT value FROM kv WHERE key = ?').get(CHECKED_AT_KEY) as { value: string } | undefined) : undefined;
        const last = row ? Date.parse(JSON.parse(row.value) as string) : NaN;
        full = !(Date.parse(now) - last < FULL_CHECK_EVERY_MS);
        if (full) problems = tables.filter((name) => CACHED.has(name)).flatMap((name) => quickCheck(db, name));
      }
    } finally {
      db.close();
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!DAMAGE_CODES.has(code)) throw error;
    problems = [`${code}: ${(error as Error).message}`];
  }
  if (problems.length > 0) throw damaged(file, `quick_check: ${[...new Set(problems)].slice(0, REPORTED).join('; ')}`);
  return full;
}
