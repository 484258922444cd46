// The local store's schema as numbered, one-way migrations. Migration N takes a database at
// user_version N-1 to N; each runs in its own transaction with its user_version bump. Never edit a
// released migration: add the next one.

export interface Migration {
  version: number;
  /** What this step adds, for error messages and the tests. */
  summary: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    summary: 'leased batch cache, outbox, document index, key-value settings and session',
    sql: `
      CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        server_json TEXT NOT NULL,
        server_version INTEGER NOT NULL,
        in_batch INTEGER NOT NULL DEFAULT 1,
        pulled_at TEXT NOT NULL
      );
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        base_version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'conflict', 'invalid')),
        problem_json TEXT,
        attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX outbox_by_claim ON outbox (claim_id, seq);
      CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        file_name TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        last_used_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    summary: 'queue index columns (sort, filter, search) and the service claim kept beside a conflict',
    sql: `
      ALTER TABLE claims ADD COLUMN status TEXT;
      ALTER TABLE claims ADD COLUMN derived_state TEXT;
      ALTER TABLE claims ADD COLUMN urgent_due TEXT;
      ALTER TABLE claims ADD COLUMN submitted_at TEXT;
      ALTER TABLE claims ADD COLUMN partner_name TEXT;
      ALTER TABLE claims ADD COLUMN customer_name TEXT;
      ALTER TABLE claims ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
      ALTER TABLE claims ADD COLUMN item_json TEXT;
      UPDATE claims SET
        status = json_extract(server_json, '$.status'),
        derived_state = json_extract(server_json, '$.derivedState'),
        submitted_at = json_extract(server_json, '$.submittedAt'),
        partner_name = json_extract(server_json, '$.partner.name'),
        customer_name = json_extract(server_json, '$.customer.name');
      CREATE INDEX claims_by_urgency ON claims (in_batch, urgent_due);
      ALTER TABLE outbox ADD COLUMN server_json TEXT;
    `,
  },
  {
    version: 3,
    summary: 'offline sign-in verifiers, the log of discarded actions, and which claim holds which document',
    sql: `
      CREATE TABLE credentials (
        service_url TEXT NOT NULL,
        username TEXT NOT NULL,
        verifier TEXT NOT NULL,
        user_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (service_url, username)
      );
      CREATE TABLE discarded (
        id TEXT PRIMARY KEY,
        entry_json TEXT NOT NULL,
        server_json TEXT,
        discarded_at TEXT NOT NULL
      );
      CREATE TABLE claim_documents (
        claim_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (claim_id, sha256)
      );
      CREATE INDEX claim_documents_by_sha ON claim_documents (sha256);
      INSERT OR IGNORE INTO claim_documents (claim_id, sha256)
        SELECT c.id, json_extract(d.value, '$.sha256') FROM claims c, json_each(c.server_json, '$.documents') d;
    `,
  },
  {
    version: 4,
    summary: "QA audit mode: the sampled decisions with their claims and documents, drafts, the audit outbox and the service's audits",
    sql: `
      CREATE TABLE audit_items (
        user_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        item_json TEXT NOT NULL,
        claim_json TEXT NOT NULL,
        sampled_at TEXT NOT NULL,
        pulled_at TEXT NOT NULL,
        PRIMARY KEY (user_id, claim_id)
      );
      CREATE TABLE audit_documents (
        claim_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (claim_id, sha256)
      );
      CREATE INDEX audit_documents_by_sha ON audit_documents (sha256);
      CREATE TABLE audit_drafts (
        user_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        draft_json TEXT NOT NULL,
        PRIMARY KEY (user_id, claim_id)
      );
      CREATE TABLE audit_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        body_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'refused')),
        problem_json TEXT,
        attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX audit_outbox_by_claim ON audit_outbox (claim_id, seq);
      CREATE TABLE audit_records (
        id TEXT PRIMARY KEY,
        claim_id TEXT NOT NULL,
        record_json TEXT NOT NULL,
        submitted_at TEXT NOT NULL
      );
      CREATE INDEX audit_records_by_claim ON audit_records (claim_id, submitted_at);
    `,
  },
  {
    version: 5,
    summary: 'the queue as its own narrow table: sort keys with an index per sort, the next claim on a partial index, FTS5 trigram search',
    // Rows are (re)built from each claim's local view by the workstation, once, on the first open after
    // this migration (claims without a queue row); claims.item_json and its columns are no longer read.
    sql: `
      CREATE TABLE queue (
        id TEXT PRIMARY KEY,
        in_batch INTEGER NOT NULL,
        status TEXT NOT NULL,
        derived_state TEXT,
        urgent_due TEXT,
        urgency_key TEXT NOT NULL,
        submitted_key TEXT NOT NULL,
        partner_key TEXT NOT NULL,
        customer_key TEXT NOT NULL,
        status_rank INTEGER NOT NULL,
        pending INTEGER NOT NULL,
        conflict INTEGER NOT NULL,
        local_decision TEXT,
        stale_at TEXT,
        search_text TEXT NOT NULL,
        item_json TEXT NOT NULL
      );
      CREATE INDEX queue_by_urgency ON queue (in_batch, urgency_key, submitted_key, id);
      CREATE INDEX queue_by_submitted ON queue (in_batch, submitted_key, id);
      CREATE INDEX queue_by_partner ON queue (in_batch, partner_key, urgency_key, id);
      CREATE INDEX queue_by_customer ON queue (in_batch, customer_key, urgency_key, id);
      CREATE INDEX queue_by_status ON queue (in_batch, status_rank, urgency_key, id);
      CREATE INDEX queue_by_stale ON queue (stale_at) WHERE stale_at IS NOT NULL;
      CREATE INDEX queue_next ON queue (urgency_key, submitted_key, id)
        WHERE in_batch = 1 AND local_decision IS NULL AND conflict = 0 AND (status = 'in-review' OR derived_state = 'disputed');
      CREATE VIRTUAL TABLE queue_fts USING fts5(search_text, content = 'queue', content_rowid = 'rowid', tokenize = 'trigram');
      CREATE TRIGGER queue_fts_insert AFTER INSERT ON queue BEGIN
        INSERT INTO queue_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
      END;
      CREATE TRIGGER queue_fts_delete AFTER DELETE ON queue BEGIN
        INSERT INTO queue_fts (queue_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
      END;
      CREATE TRIGGER queue_fts_update AFTER UPDATE OF search_text ON queue WHEN old.search_text IS NOT new.search_text BEGIN
        INSERT INTO queue_fts (queue_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO queue_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
      END;
    `,
  },
  {
    version: 6,
    summary: 'reliability: failure strikes per outbox entry, entries exported to another machine, and the log of applied actions kept for a restored service',
    sql: `
      ALTER TABLE outbox ADD COLUMN strikes INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN exported_at TEXT;
      CREATE TABLE applied_log (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        entry_json TEXT NOT NULL,
        applied_at TEXT NOT NULL
      );
      CREATE INDEX applied_log_by_time ON applied_log (applied_at);
    `,
  },
  {
    version: 7,
    summary: 'PoE assist: page text per document (hash + assist version) and results per claim (claim version + assist version)',
    sql: `
      CREATE TABLE assist_pages (
        sha256 TEXT NOT NULL,
        assist_version INTEGER NOT NULL,
        pages_json TEXT NOT NULL,
        text_kind TEXT NOT NULL,
        error TEXT,
        minhash_json TEXT NOT NULL,
        analysed_at TEXT NOT NULL,
        PRIMARY KEY (sha256, assist_version)
      );
      CREATE TABLE assist_results (
        claim_id TEXT PRIMARY KEY,
        claim_version INTEGER NOT NULL,
        assist_version INTEGER NOT NULL,
        documents_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
        result_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 8,
    summary:
      "one outbox: the QA lead's submitted audits become entries of the outbox (lane 'audit', kind 'audit-submit'), refused ones invalid, nothing dropped",
    sql: `
      ALTER TABLE outbox ADD COLUMN lane TEXT NOT NULL DEFAULT 'review' CHECK (lane IN ('review', 'audit'));
      INSERT INTO outbox (id, user_id, claim_id, base_version, kind, payload_json, created_at, state, problem_json, attempts, lane)
        SELECT id, user_id, claim_id, 0, 'audit-submit', body_json, created_at, CASE state WHEN 'refused' THEN 'invalid' ELSE 'pending' END,
               problem_json, attempts, 'audit'
        FROM audit_outbox ORDER BY seq;
      DROP TABLE audit_outbox;
      CREATE INDEX outbox_by_lane ON outbox (lane, user_id, state, seq);
    `,
  },
  {
    version: 9,
    summary: 'the queue sorts by the 10-day decision target: its due time as a sort key with an index; rows are rebuilt to carry it',
    // Emptying the queue makes the workstation rebuild every row from its claim's local view on the next
    // open (claims without a queue row, as after migration 5), which fills target_key, the target and the rounds.
    sql: `
      ALTER TABLE queue ADD COLUMN target_key TEXT NOT NULL DEFAULT '~';
      CREATE INDEX queue_by_target ON queue (in_batch, target_key, urgency_key, id);
      DELETE FROM queue;
    `,
  },
  {
    version: 10,
    summary: "the queue's sort indexes carry the filter and search columns; its trigram index matches the lowercased text exactly",
    // A page is found by walking the sort's index and testing each entry's status, derived state,
    // pending count, due time and search text there; only the page's own rows are read from the table.
    // The search text is lowercased when written, so trigrams without folding make a phrase match
    // exactly "is a substring of", the same test as LIKE on the index entry.
    sql: `
      DROP TABLE queue_fts;
      CREATE VIRTUAL TABLE queue_fts USING fts5(search_text, content = 'queue', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 1');
      INSERT INTO queue_fts (queue_fts) VALUES ('rebuild');
      DROP INDEX queue_by_urgency;
      DROP INDEX queue_by_target;
      DROP INDEX queue_by_submitted;
      DROP INDEX queue_by_partner;
      DROP INDEX queue_by_customer;
      DROP INDEX queue_by_status;
      CREATE INDEX queue_by_urgency ON queue (in_batch, urgency_key, submitted_key, id, status, derived_state, pending, urgent_due, search_text);
      CREATE INDEX queue_by_target ON queue (in_batch, target_key, urgency_key, id, status, derived_state, pending, urgent_due, search_text);
      CREATE INDEX queue_by_submitted ON queue (in_batch, submitted_key, id, status, derived_state, pending, urgent_due, search_text);
      CREATE INDEX queue_by_partner ON queue (in_batch, partner_key, urgency_key, id, status, derived_state, pending, urgent_due, search_text);
      CREATE INDEX queue_by_customer ON queue (in_batch, customer_key, urgency_key, id, status, derived_state, pending, urgent_due, search_text);
      CREATE INDEX queue_by_status ON queue (in_batch, status_rank, urgency_key, id, status, derived_state, pending, urgent_due, search_text);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
