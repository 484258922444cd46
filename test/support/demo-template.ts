// The demo world's companies and users (what `--demo --demo-claims 0` seeds: the start most tests make)
// seeded once per run into a template and copied for each service a test starts: a SQLite file copy, or
// on PostgreSQL a database created from the template database. Seeding runs the migrations and a scrypt
// hash; a copy takes a fraction of that. The copy carries no service epoch, so every service gets its own.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { META_EPOCH } from '../../server/http/service-epoch';
import { startService, type ServiceOptions } from '../../server/service';
import { DATABASE_FILE } from '../../server/store/sqlite-store';

/** The folder holding the run's SQLite template (set by test/support/run-global.ts). */
export const DEMO_TEMPLATE_ENV = 'POE_TEST_DEMO_TEMPLATE';

/** Seeds the demo's cast into `dataDir` (SQLite) or `databaseUrl` (PostgreSQL), as a first `--demo --demo-claims 0` start does, minus the epoch. */
export async function seedDemoTemplate(target: { dataDir: string; databaseUrl?: string }): Promise<void> {
  const svc = await startService({ port: 0, ...target, demo: true, demoClaims: 0, log: false });
  await svc.close();
  if (target.databaseUrl) {
    const db = new pg.Client({ connectionString: target.databaseUrl });
    await db.connect();
    try {
      await db.query('DELETE FROM meta WHERE key = $1', [META_EPOCH]);
    } finally {
      await db.end();
    }
  } else {
    const db = new Database(path.join(target.dataDir, DATABASE_FILE));
    try {
      db.prepare('DELETE FROM meta WHERE key = ?').run(META_EPOCH);
    } finally {
      db.close();
    }
  }
}

/**
 * Copies the run's SQLite template into `dataDir` when that holds no database yet; false when it does, or
 * when this run has no template (a file run outside vitest): the service then seeds, or keeps, as usual.
 */
export function copyDemoTemplate(dataDir: string): boolean {
  const dir = process.env[DEMO_TEMPLATE_ENV];
  const file = dir ? path.join(dir, DATABASE_FILE) : '';
  const target = path.join(dataDir, DATABASE_FILE);
  if (!file || !fs.existsSync(file) || fs.existsSync(target)) return false;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.copyFileSync(file, target);
  return true;
}

/** Options that ask for what the template holds: the demo's cast for the default seed and no claims. */
export const wantsDemoCast = (opts: Partial<ServiceOptions>): boolean =>
  opts.demo === true && opts.demoClaims === 0 && opts.seed === undefined && opts.demoFirstReviewable === undefined && opts.databaseUrl === undefined;

/** startService's options on SQLite: when they ask for the demo's cast in a new folder, the template copied there and the seeding off. */
export function onDemoTemplate<T extends Partial<ServiceOptions> & { dataDir: string }>(opts: T): T {
  return wantsDemoCast(opts) && copyDemoTemplate(opts.dataDir) ? { ...opts, demo: false } : opts;
}
