// The service schema as numbered, one-way migrations, one list for both engines: each names its DDL
// per dialect where the types differ (SQLite: TEXT instants and JSON, INTEGER booleans, BLOB; PostgreSQL:
// timestamptz, jsonb, boolean, bytea, identity columns, plpgsql for the immutability triggers). One
// runner (./migrate.ts, Kysely's Migrator) applies them on either engine, each in its own transaction.
import { DatabaseFromFutureError } from '../../common/migrations';

export { DatabaseFromFutureError } from '../../common/migrations';

export interface ServiceMigration {
  /** 1, 2, …: SQLite's user_version after it (kept for backups and older tools). */
  version: number;
  /** The migration's name in Kysely's migration table. */
  key: string;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly ServiceMigration[] = [
  {
    version: 1,
    key: '0001-initial',
    name: 'initial schema: users, sessions, claims with history, documents, leases, mutations, changes',
    sqlite: `
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
    postgres: `
        CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE companies (id text PRIMARY KEY, name text NOT NULL, mpn_id text NOT NULL);
        CREATE TABLE users (
          id text PRIMARY KEY, username text NOT NULL UNIQUE, name text NOT NULL, role text NOT NULL,
          password_hash text NOT NULL, company_id text REFERENCES companies(id), tenant_id text);
        CREATE TABLE sessions (
          token_hash text PRIMARY KEY, user_id text NOT NULL REFERENCES users(id),
          created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, revoked_at timestamptz);
        -- Wrong passwords per (username, client address), shared by every instance.
        CREATE TABLE login_failures (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, pair text NOT NULL, at timestamptz NOT NULL);
        CREATE INDEX login_failures_pair ON login_failures (pair, at);
        CREATE TABLE claims (
          id text PRIMARY KEY, company_id text NOT NULL REFERENCES companies(id), tenant_id text NOT NULL,
          created_at timestamptz NOT NULL, facts jsonb NOT NULL,
          version integer NOT NULL, status text NOT NULL, derived_state text, reviewable boolean NOT NULL,
          urgent_due timestamptz, timer_due timestamptz, latest_poe_at timestamptz,
          lease_id text, lease_expires_at timestamptz);
        CREATE INDEX claims_pool ON claims (urgent_due, id) WHERE reviewable;
        CREATE INDEX claims_company ON claims (company_id);
        CREATE INDEX claims_tenant ON claims (tenant_id);
        CREATE INDEX claims_timer ON claims (timer_due) WHERE timer_due IS NOT NULL;
        CREATE INDEX claims_lease ON claims (lease_id);
        CREATE INDEX claims_listing ON claims (created_at DESC, id);
        CREATE TABLE history (
          claim_id text NOT NULL REFERENCES claims(id), seq integer NOT NULL, at timestamptz NOT NULL,
          actor_id text NOT NULL, actor jsonb NOT NULL, event jsonb NOT NULL, PRIMARY KEY (claim_id, seq));
        CREATE TABLE documents (
          sha256 text PRIMARY KEY, media_type text NOT NULL, size integer NOT NULL, bytes bytea NOT NULL, created_at timestamptz NOT NULL);
        CREATE TABLE claim_documents (
          ord bigint GENERATED ALWAYS AS IDENTITY, claim_id text NOT NULL REFERENCES claims(id), sha256 text NOT NULL REFERENCES documents(sha256),
          file_name text NOT NULL, media_type text NOT NULL, size integer NOT NULL, uploaded_at timestamptz NOT NULL,
          PRIMARY KEY (claim_id, sha256));
        CREATE INDEX claim_documents_sha ON claim_documents (sha256);
        CREATE TABLE document_truth (claim_id text NOT NULL, sha256 text NOT NULL, truth jsonb NOT NULL, PRIMARY KEY (claim_id, sha256));
        CREATE TABLE leases (
          id text PRIMARY KEY, reviewer_id text NOT NULL REFERENCES users(id), created_at timestamptz NOT NULL,
          expires_at timestamptz NOT NULL, ended_at timestamptz, end_kind text CHECK (end_kind IN ('released', 'expired')));
        CREATE INDEX leases_reviewer ON leases (reviewer_id) WHERE ended_at IS NULL;
        CREATE INDEX leases_open ON leases (expires_at) WHERE ended_at IS NULL;
        CREATE TABLE applied_mutations (
          id text PRIMARY KEY, reviewer_id text NOT NULL, claim_id text NOT NULL, kind text NOT NULL,
          applied_at timestamptz NOT NULL, result_version integer NOT NULL);
        -- Numbers are handed out under the feed lock at commit time (see kysely/kysely-tx.ts), so they commit in order.
        CREATE TABLE changes (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, claim_id text NOT NULL, kind text NOT NULL, at timestamptz NOT NULL);
      `,
  },
  {
    version: 2,
    key: '0002-audits',
    name: 'QA audits: samples of decided claims, immutable audits with their corrections, reviewer sampling profiles',
    sqlite: `
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
    postgres: `
        CREATE TABLE audit_samples (
          id text PRIMARY KEY, drawn_by text NOT NULL REFERENCES users(id), drawn_at timestamptz NOT NULL, spec jsonb NOT NULL, summary jsonb NOT NULL);
        CREATE TABLE audit_items (
          claim_id text PRIMARY KEY REFERENCES claims(id), sample_id text NOT NULL REFERENCES audit_samples(id),
          decision_seq integer NOT NULL, decision jsonb NOT NULL, reviewer_id text NOT NULL, decided_at timestamptz NOT NULL,
          stratum text NOT NULL, sampled_at timestamptz NOT NULL, sampled_by jsonb NOT NULL, sampled_by_id text NOT NULL,
          partner_name text NOT NULL, customer_name text NOT NULL);
        CREATE INDEX audit_items_sample ON audit_items (sample_id);
        CREATE INDEX audit_items_reviewer ON audit_items (reviewer_id, decided_at);
        CREATE TABLE audits (
          ord bigint GENERATED ALWAYS AS IDENTITY, id text PRIMARY KEY, claim_id text NOT NULL REFERENCES audit_items(claim_id),
          corrects text REFERENCES audits(id), auditor_id text NOT NULL, auditor jsonb NOT NULL, submitted_at timestamptz NOT NULL,
          blind boolean NOT NULL, findings jsonb NOT NULL, reviewer_id text NOT NULL, decided_at timestamptz NOT NULL);
        CREATE UNIQUE INDEX audits_first ON audits (claim_id) WHERE corrects IS NULL;
        CREATE UNIQUE INDEX audits_correction ON audits (corrects) WHERE corrects IS NOT NULL;
        CREATE INDEX audits_reviewer ON audits (reviewer_id, decided_at);
        CREATE FUNCTION audits_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'audits are immutable; submit a correction'; END $$;
        CREATE TRIGGER audits_no_update BEFORE UPDATE OR DELETE ON audits FOR EACH ROW EXECUTE FUNCTION audits_immutable();
        CREATE TRIGGER audits_no_truncate BEFORE TRUNCATE ON audits FOR EACH STATEMENT EXECUTE FUNCTION audits_immutable();
        CREATE TABLE audit_reviewers (
          reviewer_id text PRIMARY KEY REFERENCES users(id), experience text NOT NULL CHECK (experience IN ('new', 'experienced')),
          custom_rate double precision CHECK (custom_rate IS NULL OR (custom_rate >= 0 AND custom_rate <= 1)),
          updated_by text NOT NULL, updated_at timestamptz NOT NULL);
      `,
  },
  {
    version: 3,
    key: '0003-change-patches',
    name: 'the change feed as patches: the version a change made and who caused it (old rows keep nulls: readers fetch those claims whole)',
    sqlite: `
      ALTER TABLE changes ADD COLUMN version INTEGER;
      ALTER TABLE changes ADD COLUMN actor_id TEXT;
    `,
    postgres: `
        ALTER TABLE changes ADD COLUMN version integer;
        ALTER TABLE changes ADD COLUMN actor_id text;
      `,
  },
  {
    version: 4,
    key: '0004-cpor',
    name: "CPOR process: partner users' roles, the per-user notification feed, the e-mail outbox",
    sqlite: `
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
    postgres: `
        ALTER TABLE users ADD COLUMN partner_role text;
        CREATE TABLE notifications (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id text NOT NULL REFERENCES users(id), claim_id text NOT NULL,
          kind text NOT NULL, params jsonb NOT NULL, at timestamptz NOT NULL, read_at timestamptz);
        CREATE INDEX notifications_user ON notifications (user_id, read_at);
        CREATE TABLE email_outbox (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, recipient text NOT NULL, subject text NOT NULL, body text NOT NULL,
          created_at timestamptz NOT NULL, sent_at timestamptz, attempts integer NOT NULL DEFAULT 0, last_error text);
        CREATE INDEX email_outbox_pending ON email_outbox (sent_at);
      `,
  },
  {
    version: 5,
    key: '0005-one-query-layer',
    name: 'one query layer for both engines: SQLite keeps the lease expiry on the claim row and numbers attachments as PostgreSQL does; indexes for the batched reads',
    sqlite: `
      ALTER TABLE claims ADD COLUMN lease_expires_at TEXT;
      UPDATE claims SET lease_expires_at = (SELECT l.expires_at FROM leases l WHERE l.id = claims.lease_id AND l.ended_at IS NULL)
        WHERE lease_id IS NOT NULL;
      UPDATE claims SET lease_id = NULL WHERE lease_id IS NOT NULL AND lease_expires_at IS NULL;
      ALTER TABLE claim_documents ADD COLUMN ord INTEGER;
      UPDATE claim_documents SET ord = rowid;
      CREATE TRIGGER claim_documents_ord AFTER INSERT ON claim_documents WHEN NEW.ord IS NULL
        BEGIN UPDATE claim_documents SET ord = NEW.rowid WHERE rowid = NEW.rowid; END;
      DROP INDEX claims_pool;
      CREATE INDEX claims_pool ON claims (urgent_due, id) WHERE reviewable;
      CREATE INDEX claims_listing ON claims (created_at DESC, id);
      CREATE INDEX notifications_user_id ON notifications (user_id, id);
    `,
    postgres: `
      CREATE INDEX notifications_user_id ON notifications (user_id, id);
    `,
  },
  {
    version: 6,
    key: '0006-assist-agreements',
    name: 'PoE assist: whether the reviewer agreed with each suggestion, recorded with the decision',
    sqlite: `
      CREATE TABLE assist_agreements (
        claim_id TEXT NOT NULL REFERENCES claims(id), decision_seq INTEGER NOT NULL, ord INTEGER NOT NULL,
        reviewer_id TEXT NOT NULL, decided_at TEXT NOT NULL, code TEXT NOT NULL, product_id TEXT,
        verdict TEXT NOT NULL CHECK (verdict IN ('applies', 'clear')), confidence REAL NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
        PRIMARY KEY (claim_id, decision_seq, ord));
      CREATE INDEX assist_agreements_decided ON assist_agreements (decided_at, reviewer_id);
    `,
    postgres: `
      CREATE TABLE assist_agreements (
        claim_id text NOT NULL REFERENCES claims(id), decision_seq integer NOT NULL, ord integer NOT NULL,
        reviewer_id text NOT NULL, decided_at timestamptz NOT NULL, code text NOT NULL, product_id text,
        verdict text NOT NULL CHECK (verdict IN ('applies', 'clear')), confidence double precision NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
        PRIMARY KEY (claim_id, decision_seq, ord));
      CREATE INDEX assist_agreements_decided ON assist_agreements (decided_at, reviewer_id);
    `,
  },
  {
    version: 7,
    key: '0007-audit-product-findings',
    name: 'QA audits: per-product findings (old audits keep null: they have none)',
    sqlite: `ALTER TABLE audits ADD COLUMN product_findings TEXT;`,
    postgres: `ALTER TABLE audits ADD COLUMN product_findings jsonb;`,
  },
  {
    version: 8,
    key: '0008-lease-pool-order',
    name: "the lease pool's index in the pool's order (most urgent first, no deadline last), so a pull reads the first free rows instead of sorting the pool",
    // SQLite keeps NULLs first in an index: the order "nulls last" is an expression of its own. PostgreSQL's
    // ascending index already keeps NULLs last, so claims_pool serves it as it is.
    sqlite: `
      DROP INDEX claims_pool;
      CREATE INDEX claims_pool ON claims ((urgent_due IS NULL), urgent_due, id) WHERE reviewable;
    `,
    postgres: `SELECT 1;`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The one "database from the future" error (common/migrations.ts), worded for the service. */
export function serviceFromFuture(found: number | string, known: number, where: string): DatabaseFromFutureError {
  return new DatabaseFromFutureError(
    where,
    found,
    known,
    `The service database ${where} has schema version ${found}, newer than this service knows (${known}). ` +
      'It was written by a newer version of the review service; run that version, or point --data or --db at another database.',
  );
}
