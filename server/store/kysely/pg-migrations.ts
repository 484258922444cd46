// The PostgreSQL schema of the service, as Kysely migrations (run by Kysely's Migrator, which keeps its
// own table and lock, so several instances starting together migrate once). The same tables as the
// SQLite schema in ../migrations.ts with PostgreSQL's types: timestamptz, jsonb, boolean, bytea,
// identity columns, and plpgsql triggers that keep submitted audits immutable.
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await sql`
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
        -- Numbers are handed out under the feed lock at commit time (see kysely-store.ts), so they commit in order.
        CREATE TABLE changes (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, claim_id text NOT NULL, kind text NOT NULL, at timestamptz NOT NULL);
      `.execute(db);
    },
  },
  '0002-audits': {
    async up(db: Kysely<unknown>) {
      await sql`
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
      `.execute(db);
    },
  },
  '0003-change-patches': {
    // The change feed as patches (SQLite migration 3): the version a change made and who caused it; old rows keep nulls.
    async up(db: Kysely<unknown>) {
      await sql`
        ALTER TABLE changes ADD COLUMN version integer;
        ALTER TABLE changes ADD COLUMN actor_id text;
      `.execute(db);
    },
  },
  '0004-cpor': {
    // The CPOR process (SQLite migration 4): partner users' roles, the per-user notification feed, the e-mail outbox.
    async up(db: Kysely<unknown>) {
      await sql`
        ALTER TABLE users ADD COLUMN partner_role text;
        CREATE TABLE notifications (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id text NOT NULL REFERENCES users(id), claim_id text NOT NULL,
          kind text NOT NULL, params jsonb NOT NULL, at timestamptz NOT NULL, read_at timestamptz);
        CREATE INDEX notifications_user ON notifications (user_id, read_at);
        CREATE TABLE email_outbox (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, recipient text NOT NULL, subject text NOT NULL, body text NOT NULL,
          created_at timestamptz NOT NULL, sent_at timestamptz, attempts integer NOT NULL DEFAULT 0, last_error text);
        CREATE INDEX email_outbox_pending ON email_outbox (sent_at);
      `.execute(db);
    },
  },
  '0005-audit-product-findings': {
    // Per-product findings of QA audits (SQLite migration 5); old audits keep null: they have none.
    async up(db: Kysely<unknown>) {
      await sql`ALTER TABLE audits ADD COLUMN product_findings jsonb;`.execute(db);
    },
  },
};

/** The migrations in order; append new ones with the next number. */
export const pgMigrations: MigrationProvider = { getMigrations: async () => MIGRATIONS };
