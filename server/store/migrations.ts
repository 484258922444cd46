// Numbered, one-way schema migrations of the service database. Each runs in its own transaction and
// bumps user_version (common/migrations.ts runs them); a database from a newer service is refused, never "repaired".
import type Database from 'better-sqlite3';
import { DatabaseFromFutureError, runMigrations, sqliteUserVersion } from '../../common/migrations';

export { DatabaseFromFutureError } from '../../common/migrations';

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial schema: users, sessions, claims with history, documents, leases, mutations, changes',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE companies (id TEXT PRIMARY KEY, name TEXT NOT NULL, mpn_id TEXT NOT NULL);
      CREATE TABLE users (
        id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
        password_hash TEXT NOT NULL, company_id TEXT REFERENCES companies(id), tenant_id TEXT);
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT);
      CREATE TABLE claims (
        id TEXT PRIMARY KEY, company_id TEXT NOT NULL REFERENCES companies(id), tenant_id TEXT NOT NULL,
        created_at TEXT NOT NULL, facts TEXT NOT NULL,
        version INTEGER NOT NULL, status TEXT NOT NULL, derived_state TEXT, reviewable INTEGER NOT NULL,
        urgent_due TEXT, timer_due TEXT, latest_poe_at TEXT, lease_id TEXT);
      CREATE INDEX claims_pool ON claims (reviewable, urgent_due);
      CREATE INDEX claims_company ON claims (company_id);
      CREATE INDEX claims_tenant ON claims (tenant_id);
      CREATE INDEX claims_timer ON claims (timer_due);
      CREATE INDEX claims_lease ON claims (lease_id);
      CREATE TABLE history (
        claim_id TEXT NOT NULL REFERENCES claims(id), seq INTEGER NOT NULL, at TEXT NOT NULL,
        actor_id TEXT NOT NULL, actor TEXT NOT NULL, event TEXT NOT NULL, PRIMARY KEY (claim_id, seq));
      CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY, media_type TEXT NOT NULL, size INTEGER NOT NULL, bytes BLOB NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE claim_documents (
        claim_id TEXT NOT NULL REFERENCES claims(id), sha256 TEXT NOT NULL REFERENCES documents(sha256),
        file_name TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, uploaded_at TEXT NOT NULL,
        PRIMARY KEY (claim_id, sha256));
      CREATE INDEX claim_documents_sha ON claim_documents (sha256);
      CREATE TABLE document_truth (
        claim_id TEXT NOT NULL, sha256 TEXT NOT NULL, truth TEXT NOT NULL, PRIMARY KEY (claim_id, sha256));
      CREATE TABLE leases (
        id TEXT PRIMARY KEY, reviewer_id TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL, ended_at TEXT, end_kind TEXT);
      CREATE INDEX leases_reviewer ON leases (reviewer_id, ended_at);
      CREATE INDEX leases_open ON leases (ended_at, expires_at);
      CREATE TABLE applied_mutations (
        id TEXT PRIMARY KEY, reviewer_id TEXT NOT NULL, claim_id TEXT NOT NULL, kind TEXT NOT NULL,
        applied_at TEXT NOT NULL, result_version INTEGER NOT NULL);
      CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, claim_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'QA audits: samples of decided claims, immutable audits with their corrections, reviewer sampling profiles',
    sql: `
      CREATE TABLE audit_samples (
        id TEXT PRIMARY KEY, drawn_by TEXT NOT NULL REFERENCES users(id), drawn_at TEXT NOT NULL,
        spec TEXT NOT NULL, summary TEXT NOT NULL);
      -- A claim is sampled at most once, ever: its id is the key.
      CREATE TABLE audit_items (
        claim_id TEXT PRIMARY KEY REFERENCES claims(id), sample_id TEXT NOT NULL REFERENCES audit_samples(id),
        decision_seq INTEGER NOT NULL, decision TEXT NOT NULL, reviewer_id TEXT NOT NULL, decided_at TEXT NOT NULL,
        stratum TEXT NOT NULL, sampled_at TEXT NOT NULL, sampled_by TEXT NOT NULL, sampled_by_id TEXT NOT NULL,
        partner_name TEXT NOT NULL, customer_name TEXT NOT NULL);
      CREATE INDEX audit_items_sample ON audit_items (sample_id);
      CREATE INDEX audit_items_reviewer ON audit_items (reviewer_id, decided_at);
      CREATE TABLE audits (
        id TEXT PRIMARY KEY, claim_id TEXT NOT NULL REFERENCES audit_items(claim_id), corrects TEXT REFERENCES audits(id),
        auditor_id TEXT NOT NULL, auditor TEXT NOT NULL, submitted_at TEXT NOT NULL, blind INTEGER NOT NULL,
        findings TEXT NOT NULL, reviewer_id TEXT NOT NULL, decided_at TEXT NOT NULL);
      -- One first audit per sampled claim; each audit corrected at most once (a chain, never a fork).
      CREATE UNIQUE INDEX audits_first ON audits (claim_id) WHERE corrects IS NULL;
      CREATE UNIQUE INDEX audits_correction ON audits (corrects) WHERE corrects IS NOT NULL;
      CREATE INDEX audits_reviewer ON audits (reviewer_id, decided_at);
      -- Submitted audits are immutable: corrections are new rows.
      CREATE TRIGGER audits_no_update BEFORE UPDATE ON audits BEGIN SELECT RAISE(ABORT, 'audits are immutable; submit a correction'); END;
      CREATE TRIGGER audits_no_delete BEFORE DELETE ON audits BEGIN SELECT RAISE(ABORT, 'audits are immutable; submit a correction'); END;
      CREATE TABLE audit_reviewers (
        reviewer_id TEXT PRIMARY KEY REFERENCES users(id), experience TEXT NOT NULL CHECK (experience IN ('new', 'experienced')),
        custom_rate REAL CHECK (custom_rate IS NULL OR (custom_rate >= 0 AND custom_rate <= 1)),
        updated_by TEXT NOT NULL, updated_at TEXT NOT NULL);
    `,
  },
  {
    version: 3,
    name: 'the change feed as patches: the version a change made and who caused it (old rows keep nulls: readers fetch those claims whole)',
    sql: `
      ALTER TABLE changes ADD COLUMN version INTEGER;
      ALTER TABLE changes ADD COLUMN actor_id TEXT;
    `,
  },
  {
    version: 4,
    name: "CPOR process: partner users' roles, the per-user notification feed, the e-mail outbox",
    sql: `
      ALTER TABLE users ADD COLUMN partner_role TEXT;
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL REFERENCES users(id), claim_id TEXT NOT NULL,
        kind TEXT NOT NULL, params TEXT NOT NULL, at TEXT NOT NULL, read_at TEXT);
      CREATE INDEX notifications_user ON notifications (user_id, read_at);
      CREATE TABLE email_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT, recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
        created_at TEXT NOT NULL, sent_at TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
      CREATE INDEX email_outbox_pending ON email_outbox (sent_at);
    `,
  },
  {
    version: 5,
    name: 'QA audits: per-product findings (old audits keep null: they have none)',
    sql: `ALTER TABLE audits ADD COLUMN product_findings TEXT;`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings `db` up to SCHEMA_VERSION with the common runner, one migration per transaction. */
export function migrate(db: Database.Database, file: string, migrations = MIGRATIONS): number {
  return runMigrations(sqliteUserVersion(db), migrations, (m) => db.exec(m.sql), {
    fromFuture: (found, known) =>
      new DatabaseFromFutureError(file, found, known,
        `The service database ${file} has schema version ${found}, newer than this service knows (${known}). ` +
          'It was written by a newer version of the review service; run that version, or point --data at another folder.'),
  });
}
