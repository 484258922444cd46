// The few SQL fragments the Kysely store writes per dialect, so one query can do what took several:
// a claim's documents aggregated into its row (JSON), and the statements that take a lock and write in
// one round trip on PostgreSQL (SQLite has no row or advisory locks: its writers never interleave).
import { sql, type RawBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** An instant as the application writes it (ISO-8601, milliseconds, Z) inside JSON built by PostgreSQL. */
const isoText = (column: string): RawBuilder<string> => sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The documents of the claim aliased `c`, oldest first, as one JSON array column named `documents`. */
export function documentsOfClaim(dialect: Dialect): RawBuilder<unknown> {
  if (dialect === 'postgres') {
    return sql`coalesce((SELECT json_agg(json_build_object('sha256', d.sha256, 'fileName', d.file_name, 'mediaType', d.media_type, 'size', d.size,
      'uploadedAt', ${isoText('d.uploaded_at')}) ORDER BY d.uploaded_at, d.ord) FROM claim_documents d WHERE d.claim_id = c.id), '[]'::json)`;
  }
  return sql`(SELECT json_group_array(json_object('sha256', d.sha256, 'fileName', d.file_name, 'mediaType', d.media_type, 'size', d.size,
    'uploadedAt', d.uploaded_at) ORDER BY d.uploaded_at, d.ord) FROM claim_documents d WHERE d.claim_id = c.id)`;
}

/**
 * The history of the claim aliased `c`, in order, as one JSON array column named `history` of
 * { seq, at, actor, event } (instants as the application writes them).
 */
export function historyOfClaim(dialect: Dialect): RawBuilder<unknown> {
  if (dialect === 'postgres') {
    return sql`coalesce((SELECT json_agg(json_build_object('seq', h.seq, 'at', ${isoText('h.at')}, 'actor', h.actor, 'event', h.event) ORDER BY h.seq)
      FROM history h WHERE h.claim_id = c.id), '[]'::json)`;
  }
  return sql`(SELECT json_group_array(json_object('seq', h.seq, 'at', h.at, 'actor', json(h.actor), 'event', json(h.event)) ORDER BY h.seq)
    FROM history h WHERE h.claim_id = c.id)`;
}
