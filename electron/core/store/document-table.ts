// The document index's tables: the cached PoE files (size, type, name, last use for eviction) and which
// documents the batch still needs, and the offline sign-in verifiers. Callers get domain types, never rows.
import type { User } from '../../../shared/contracts';
import { OutboxTables } from './outbox-table';

export interface DocumentRow {
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  fetchedAt: string;
  lastUsedAt: string;
}

export interface CredentialRow {
  verifier: string;
  user: User;
}

interface RawDocument {
  sha256: string;
  size: number;
  media_type: string;
  file_name: string;
  fetched_at: string;
  last_used_at: string;
}
const documentRow = (r: RawDocument): DocumentRow => ({
  sha256: r.sha256,
  size: r.size,
  mediaType: r.media_type,
  fileName: r.file_name,
  fetchedAt: r.fetched_at,
  lastUsedAt: r.last_used_at,
});

/** The documents and credentials tables, on top of the outbox's; the Store (queries.ts) builds on these. */
export class DocumentTables extends OutboxTables {
  // ── documents ──
  document(sha256: string): DocumentRow | null {
    const r = this.db.prepare('SELECT * FROM documents WHERE sha256 = ?').get(sha256) as RawDocument | undefined;
    return r ? documentRow(r) : null;
  }
  putDocument(d: DocumentRow): void {
    this.db
      .prepare(
        `INSERT INTO documents (sha256, size, media_type, file_name, fetched_at, last_used_at) VALUES (@sha256, @size, @mediaType, @fileName, @fetchedAt, @lastUsedAt)
         ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, fetched_at = excluded.fetched_at, last_used_at = excluded.last_used_at`,
      )
      .run(d);
  }
  touchDocument(sha256: string, at: string): void {
    this.db.prepare('UPDATE documents SET last_used_at = ? WHERE sha256 = ?').run(at, sha256);
  }
  deleteDocument(sha256: string): void {
    this.db.prepare('DELETE FROM documents WHERE sha256 = ?').run(sha256);
  }
  documentBytes(): number {
    return (this.db.prepare('SELECT coalesce(sum(size), 0) AS n FROM documents').get() as { n: number }).n;
  }
  /** The document's reference as a claim in the store lists it (file name, media type, size). */
  documentRef(sha256: string): { fileName: string; mediaType: string; size: number } | null {
    const r = this.db
      .prepare(
        `SELECT json_extract(d.value, '$.fileName') AS fileName, json_extract(d.value, '$.mediaType') AS mediaType, json_extract(d.value, '$.size') AS size
         FROM claim_documents cd JOIN claims c ON c.id = cd.claim_id, json_each(c.server_json, '$.documents') d
         WHERE cd.sha256 = @sha AND json_extract(d.value, '$.sha256') = @sha LIMIT 1`,
      )
      .get({ sha: sha256 }) as { fileName: string; mediaType: string; size: number } | undefined;
    return r ?? null;
  }
  /** Documents of claims in the batch that are not cached yet, those of the most urgent claims first. */
  missingBatchDocuments(): string[] {
    return (
      this.db
        .prepare(
          `SELECT cd.sha256 FROM claim_documents cd JOIN claims c ON c.id = cd.claim_id LEFT JOIN queue q ON q.id = c.id
         WHERE c.in_batch = 1 AND cd.sha256 NOT IN (SELECT sha256 FROM documents)
         GROUP BY cd.sha256 ORDER BY min(coalesce(q.urgency_key, '~') || coalesce(q.submitted_key, '~') || c.id), cd.sha256`,
        )
        .all() as { sha256: string }[]
    ).map((r) => r.sha256);
  }
  /** Cached documents no claim of the batch (or with unsynced actions) needs, least recently used first. */
  evictableDocuments(): DocumentRow[] {
    return (
      this.db
        .prepare(
          `SELECT d.* FROM documents d WHERE d.sha256 NOT IN (
           SELECT cd.sha256 FROM claim_documents cd JOIN claims c ON c.id = cd.claim_id
           WHERE c.in_batch = 1 OR EXISTS (SELECT 1 FROM outbox o WHERE o.claim_id = c.id))
         ORDER BY d.last_used_at, d.sha256`,
        )
        .all() as RawDocument[]
    ).map(documentRow);
  }

  // ── offline sign-in verifiers ──
  credential(serviceUrl: string, username: string): CredentialRow | null {
    const r = this.db.prepare('SELECT verifier, user_json FROM credentials WHERE service_url = ? AND username = ?').get(serviceUrl, username) as
      { verifier: string; user_json: string } | undefined;
    return r ? { verifier: r.verifier, user: JSON.parse(r.user_json) as User } : null;
  }
  putCredential(serviceUrl: string, username: string, verifier: string, user: User, at: string): void {
    this.db
      .prepare(
        `INSERT INTO credentials (service_url, username, verifier, user_json, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (service_url, username) DO UPDATE SET verifier = excluded.verifier, user_json = excluded.user_json, updated_at = excluded.updated_at`,
      )
      .run(serviceUrl, username, verifier, JSON.stringify(user), at);
  }
}
