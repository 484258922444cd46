// The typed query layer of the local store: every SQL statement of the workstation lives here and in the
// table groups it builds on (outbox-table.ts, document-table.ts, queue-table.ts, applied-log.ts), behind
// functions that take and return domain types. Callers never see SQL or rows.
import type { Claim, QueueItem } from '../../../shared/contracts';
import { AppliedLog } from './applied-log';
import type { Db } from './database';
import { DocumentTables } from './document-table';
import { QueueTable } from './queue-table';

export { AUDIT_SUBMIT_KIND, toEntry, type OutboxLane, type OutboxRow, type OutboxState } from './outbox-table';
export type { CredentialRow, DocumentRow } from './document-table';

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
  /** The cursor of the previous page (its `next`): keyset paging in the sort's order. */
  after?: string;
}

const json = (v: unknown): string => JSON.stringify(v);

export class Store extends DocumentTables {
  /** The queue's own table (sorts, search, next claim). */
  readonly queue: QueueTable;
  /** Applied actions kept for a rebase onto a restored service (reliability, issue 13). */
  readonly applied: AppliedLog;
  constructor(db: Db) {
    super(db);
    this.queue = new QueueTable(db);
    this.applied = new AppliedLog(db);
  }

  /** Runs `fn` in one IMMEDIATE transaction: all of its writes happen, or none. */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (e) {
      // Its key-value writes are undone: whoever kept a value read meanwhile reads it again.
      this.kvWrites++;
      throw e;
    }
  }

  /** Copies the write-ahead log into the database file as far as readers allow, without waiting for them (off any action's path). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  close(): void {
    this.db.close();
  }

  /** Grows with every key-value write (committed or not): a value kept by keptValue is read again once this moved. */
  private kvWrites = 0;
  private readonly kept = new Map<string, { atWrite: number; value: unknown }>();

  // ── key-value: settings, session, cursor, calendar, sync state ──
  getValue<T>(key: string): T | null {
    const row = this.db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }
  /**
   * getValue for a value read on every action or request (the calendar, the service's epoch): parsed once
   * and kept until the next key-value write. The object is shared: callers must not change it.
   */
  keptValue<T>(key: string): T | null {
    const known = this.kept.get(key);
    if (known && known.atWrite === this.kvWrites) return known.value as T | null;
    const value = this.getValue<T>(key);
    this.kept.set(key, { atWrite: this.kvWrites, value });
    return value;
  }
  setValue(key: string, value: unknown): void {
    this.kvWrites++;
    this.db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, json(value));
  }
  deleteValue(key: string): void {
    this.kvWrites++;
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
    const gone = this.db.prepare('DELETE FROM claims WHERE in_batch = 0 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.claim_id = claims.id)').run().changes;
    this.db.prepare('DELETE FROM claim_documents WHERE claim_id NOT IN (SELECT id FROM claims)').run();
    if (gone > 0) this.queue.forgetMissing();
    return gone;
  }
  setQueueIndex(id: string, ix: QueueIndex, pending: number, conflict: boolean): void {
    this.queue.put(id, ix, pending, conflict);
  }
  listQueue(q: QueueSelect): { items: QueueItem[]; total: number; capped: boolean; next: string | null } {
    return this.queue.list(q);
  }
}
