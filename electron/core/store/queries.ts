// The typed query layer of the local store: every SQL statement of the workstation lives here, behind
// functions that take and return domain types. Callers never see SQL or rows.
import type { Claim, MutationKind, OutboxEntry, Problem, QueueItem, User } from '../../../shared/contracts';
import type { Db } from './database';
import { QueueTable } from './queue-table';

export type OutboxState = OutboxEntry['state'];

export interface OutboxRow {
  seq: number;
  id: string;
  userId: string;
  claimId: string;
  baseVersion: number;
  kind: MutationKind;
  payload: Record<string, unknown>;
  createdAt: string;
  state: OutboxState;
  problem: Problem | null;
  attempts: number;
  /** The service's claim as it answered a conflict or invalid outcome. */
  server: Claim | null;
}

/** The queue columns of a claim, computed from its local view. */
export interface QueueIndex {
  status: string;
  derivedState: string | null;
  urgentDue: string | null;
  /** The open 10-day decision target's due time: the "target" sort. */
  targetDue: string | null;
  submittedAt: string | null;
  partnerName: string;
  customerName: string;
  searchText: string;
  /** The next instant the derived state may move at (an open deadline's end): the row is rebuilt then. */
  staleAt: string | null;
  item: Omit<QueueItem, 'pending' | 'conflict'>;
}

export interface QueueSelect {
  statuses?: readonly string[];
  derivedStates?: readonly string[];
  dueBefore?: string;
  dueAfter?: string;
  pendingOnly?: boolean;
  words: readonly string[];
  sort: 'urgency' | 'target' | 'submitted' | 'partner' | 'customer' | 'status';
  limit: number;
  offset: number;
}

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

const json = (v: unknown): string => JSON.stringify(v);
const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

interface RawOutbox {
  seq: number; id: string; user_id: string; claim_id: string; base_version: number; kind: string; payload_json: string;
  created_at: string; state: OutboxState; problem_json: string | null; attempts: number; server_json: string | null;
}
const outboxRow = (r: RawOutbox): OutboxRow => ({
  seq: r.seq, id: r.id, userId: r.user_id, claimId: r.claim_id, baseVersion: r.base_version, kind: r.kind as MutationKind,
  payload: JSON.parse(r.payload_json) as Record<string, unknown>, createdAt: r.created_at, state: r.state,
  problem: parse<Problem>(r.problem_json), attempts: r.attempts, server: parse<Claim>(r.server_json),
});

export const toEntry = (r: OutboxRow): OutboxEntry => ({
  id: r.id, claimId: r.claimId, baseVersion: r.baseVersion, kind: r.kind, payload: r.payload, createdAt: r.createdAt,
  state: r.state, problem: r.problem, attempts: r.attempts,
});

interface RawDocument { sha256: string; size: number; media_type: string; file_name: string; fetched_at: string; last_used_at: string }
const documentRow = (r: RawDocument): DocumentRow => ({ sha256: r.sha256, size: r.size, mediaType: r.media_type, fileName: r.file_name, fetchedAt: r.fetched_at, lastUsedAt: r.last_used_at });

export class Store {
  /** The queue's own table (sorts, search, next claim). */
  readonly queue: QueueTable;
  constructor(readonly db: Db) {
    this.queue = new QueueTable(db);
  }

  /** Runs `fn` in one IMMEDIATE transaction: all of its writes happen, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.db.close();
  }

  // ── key-value: settings, session, cursor, calendar, sync state ──
  getValue<T>(key: string): T | null {
    const row = this.db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }
  setValue(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, json(value));
  }
  deleteValue(key: string): void {
    this.db.prepare('DELETE FROM kv WHERE key = ?').run(key);
  }

  // ── claims: the service's copy, whether it is in the batch, and its queue index ──
  serverClaim(id: string): Claim | null {
    const row = this.db.prepare('SELECT server_json FROM claims WHERE id = ?').get(id) as { server_json: string } | undefined;
    return row ? (JSON.parse(row.server_json) as Claim) : null;
  }
  /** The version of the service's copy, without reading the claim. */
  serverVersion(id: string): number | null {
    const row = this.db.prepare('SELECT server_version FROM claims WHERE id = ?').get(id) as { server_version: number } | undefined;
    return row?.server_version ?? null;
  }
  isInBatch(id: string): boolean {
    const row = this.db.prepare('SELECT in_batch FROM claims WHERE id = ?').get(id) as { in_batch: number } | undefined;
    return row?.in_batch === 1;
  }
  /** Stores the service's copy of a claim and which documents it holds; the local view is separate. */
  putServerClaim(claim: Claim, at: string, inBatch: boolean): void {
    this.db
      .prepare(
        `INSERT INTO claims (id, server_json, server_version, in_batch, pulled_at) VALUES (@id, @json, @version, @inBatch, @at)
         ON CONFLICT (id) DO UPDATE SET server_json = excluded.server_json, server_version = excluded.server_version,
           in_batch = MAX(claims.in_batch, excluded.in_batch), pulled_at = excluded.pulled_at`,
      )
      .run({ id: claim.id, json: json(claim), version: claim.version, inBatch: inBatch ? 1 : 0, at });
    this.db.prepare('DELETE FROM claim_documents WHERE claim_id = ?').run(claim.id);
    const link = this.db.prepare('INSERT OR IGNORE INTO claim_documents (claim_id, sha256) VALUES (?, ?)');
    for (const d of claim.documents) link.run(claim.id, d.sha256);
  }
  setInBatch(id: string, inBatch: boolean): void {
    this.db.prepare('UPDATE claims SET in_batch = ? WHERE id = ?').run(inBatch ? 1 : 0, id);
    this.queue.setInBatch(id, inBatch);
  }
  batchClaimIds(): string[] {
    return (this.db.prepare('SELECT id FROM claims WHERE in_batch = 1 ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  }
  allClaimIds(): string[] {
    return (this.db.prepare('SELECT id FROM claims ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  }
  /** Drops claims that left the batch and hold no unsynced action. */
  forgetClaimsOutsideBatch(): number {
    const gone = this.db
      .prepare('DELETE FROM claims WHERE in_batch = 0 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.claim_id = claims.id)')
      .run().changes;
    this.db.prepare('DELETE FROM claim_documents WHERE claim_id NOT IN (SELECT id FROM claims)').run();
    if (gone > 0) this.queue.forgetMissing();
    return gone;
  }
  setQueueIndex(id: string, ix: QueueIndex, pending: number, conflict: boolean): void {
    this.queue.put(id, ix, pending, conflict);
  }
  listQueue(q: QueueSelect): { items: QueueItem[]; total: number; capped: boolean } {
    return this.queue.list(q);
  }

  // ── outbox ──
  insertOutbox(r: Omit<OutboxRow, 'seq' | 'server'>): void {
    this.db
      .prepare(
        `INSERT INTO outbox (id, user_id, claim_id, base_version, kind, payload_json, created_at, state, problem_json, attempts)
         VALUES (@id, @userId, @claimId, @baseVersion, @kind, @payload, @createdAt, @state, @problem, @attempts)`,
      )
      .run({ ...r, payload: json(r.payload), problem: r.problem && json(r.problem) });
  }
  outboxEntry(id: string): OutboxRow | null {
    const r = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as RawOutbox | undefined;
    return r ? outboxRow(r) : null;
  }
  /** Entries of one claim in outbox order, optionally only in the given states. */
  outboxForClaim(claimId: string, states?: readonly OutboxState[]): OutboxRow[] {
    const rows = this.db.prepare('SELECT * FROM outbox WHERE claim_id = ? ORDER BY seq').all(claimId) as RawOutbox[];
    return rows.map(outboxRow).filter((r) => !states || states.includes(r.state));
  }
  /** The next pending entries of `userId` to push, oldest first (never those exported to another machine). */
  pendingOutbox(userId: string, limit: number): OutboxRow[] {
    return (this.db.prepare("SELECT * FROM outbox WHERE state = 'pending' AND user_id = ? AND exported_at IS NULL ORDER BY seq LIMIT ?").all(userId, limit) as RawOutbox[]).map(outboxRow);
  }
  /** Marks entries as handed to another machine by outbox.export: they stay, are never pushed from here. */
  markExported(ids: readonly string[], at: string): void {
    const st = this.db.prepare('UPDATE outbox SET exported_at = coalesce(exported_at, ?) WHERE id = ?');
    for (const id of ids) st.run(at, id);
  }
  /** When the entry was exported to another machine, or null. */
  exportedAt(id: string): string | null {
    return (this.db.prepare('SELECT exported_at FROM outbox WHERE id = ?').get(id) as { exported_at: string | null } | undefined)?.exported_at ?? null;
  }
  /** Every entry of `userId`, pending or not, in outbox order. */
  outboxOfUser(userId: string): OutboxRow[] {
    return (this.db.prepare('SELECT * FROM outbox WHERE user_id = ? ORDER BY seq').all(userId) as RawOutbox[]).map(outboxRow);
  }
  unresolvedOutbox(): OutboxRow[] {
    return (this.db.prepare("SELECT * FROM outbox WHERE state <> 'pending' ORDER BY seq").all() as RawOutbox[]).map(outboxRow);
  }
  lastOutbox(userId: string): OutboxRow | null {
    const r = this.db.prepare('SELECT * FROM outbox WHERE user_id = ? ORDER BY seq DESC LIMIT 1').get(userId) as RawOutbox | undefined;
    return r ? outboxRow(r) : null;
  }
  outboxCounts(): { pending: number; conflicts: number } {
    return this.db
      .prepare("SELECT coalesce(sum(state = 'pending'), 0) AS pending, coalesce(sum(state <> 'pending'), 0) AS conflicts FROM outbox")
      .get() as { pending: number; conflicts: number };
  }
  /** Users other than `userId` who still have unsynced entries in this profile. */
  otherOutboxUsers(userId: string): string[] {
    return (this.db.prepare('SELECT DISTINCT user_id FROM outbox WHERE user_id <> ?').all(userId) as { user_id: string }[]).map((r) => r.user_id);
  }
  deleteOutbox(id: string): void {
    this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
  }
  /** Counts a push of these entries, before it is sent: attempts > 0 means the service may have them. */
  countAttempts(ids: readonly string[]): void {
    const st = this.db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE id = ?');
    for (const id of ids) st.run(id);
  }
  /** Takes back the count of a push that certainly never reached the service (or that it refused whole). */
  uncountAttempts(ids: readonly string[]): void {
    const st = this.db.prepare('UPDATE outbox SET attempts = max(attempts - 1, 0) WHERE id = ?');
    for (const id of ids) st.run(id);
  }
  // ── reliability (issue 13): failure strikes of one entry (push isolation) ──
  /** Counts one more failure of this entry pushed alone while the service answered others; returns the count. */
  strikeOutbox(id: string): number {
    this.db.prepare('UPDATE outbox SET strikes = strikes + 1 WHERE id = ?').run(id);
    return (this.db.prepare('SELECT strikes FROM outbox WHERE id = ?').get(id) as { strikes: number } | undefined)?.strikes ?? 0;
  }
  markOutbox(id: string, state: OutboxState, problem: Problem | null, server: Claim | null): void {
    this.db
      .prepare('UPDATE outbox SET state = ?, problem_json = ?, server_json = ? WHERE id = ?')
      .run(state, problem && json(problem), server && json(server), id);
  }
  /** Moves an entry to the end of the outbox, based on `baseVersion`, pending again. */
  requeueOutbox(id: string, baseVersion: number): void {
    const r = this.outboxEntry(id);
    if (!r) return;
    this.deleteOutbox(id);
    // The service answered it (conflict or invalid), so it never applied it: no attempt is outstanding.
    // Set aside after repeated failures (a 5xx problem), it may have been applied: the attempts stay.
    this.insertOutbox({ ...r, baseVersion, state: 'pending', problem: null, attempts: r.problem && r.problem.status >= 500 ? r.attempts : 0 });
  }
  logDiscarded(entry: OutboxEntry, server: Claim | null, at: string): void {
    this.db.prepare('INSERT OR REPLACE INTO discarded (id, entry_json, server_json, discarded_at) VALUES (?, ?, ?, ?)').run(entry.id, json(entry), server && json(server), at);
  }
  discardedLog(): { entry: OutboxEntry; server: Claim | null; discardedAt: string }[] {
    const rows = this.db.prepare('SELECT * FROM discarded ORDER BY discarded_at').all() as { entry_json: string; server_json: string | null; discarded_at: string }[];
    return rows.map((r) => ({ entry: JSON.parse(r.entry_json) as OutboxEntry, server: parse<Claim>(r.server_json), discardedAt: r.discarded_at }));
  }

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
    return (this.db
      .prepare(
        `SELECT cd.sha256 FROM claim_documents cd JOIN claims c ON c.id = cd.claim_id LEFT JOIN queue q ON q.id = c.id
         WHERE c.in_batch = 1 AND cd.sha256 NOT IN (SELECT sha256 FROM documents)
         GROUP BY cd.sha256 ORDER BY min(coalesce(q.urgency_key, '~') || coalesce(q.submitted_key, '~') || c.id), cd.sha256`,
      )
      .all() as { sha256: string }[]).map((r) => r.sha256);
  }
  /** Cached documents no claim of the batch (or with unsynced actions) needs, least recently used first. */
  evictableDocuments(): DocumentRow[] {
    return (this.db
      .prepare(
        `SELECT d.* FROM documents d WHERE d.sha256 NOT IN (
           SELECT cd.sha256 FROM claim_documents cd JOIN claims c ON c.id = cd.claim_id
           WHERE c.in_batch = 1 OR EXISTS (SELECT 1 FROM outbox o WHERE o.claim_id = c.id))
         ORDER BY d.last_used_at, d.sha256`,
      )
      .all() as RawDocument[]).map(documentRow);
  }

  // ── offline sign-in verifiers ──
  credential(serviceUrl: string, username: string): CredentialRow | null {
    const r = this.db.prepare('SELECT verifier, user_json FROM credentials WHERE service_url = ? AND username = ?').get(serviceUrl, username) as
      | { verifier: string; user_json: string }
      | undefined;
    return r ? { verifier: r.verifier, user: JSON.parse(r.user_json) as User } : null;
  }
  putCredential(serviceUrl: string, username: string, verifier: string, user: User, at: string): void {
    this.db
      .prepare(
        `INSERT INTO credentials (service_url, username, verifier, user_json, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (service_url, username) DO UPDATE SET verifier = excluded.verifier, user_json = excluded.user_json, updated_at = excluded.updated_at`,
      )
      .run(serviceUrl, username, verifier, json(user), at);
  }
}
