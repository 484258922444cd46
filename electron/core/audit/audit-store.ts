// The typed query layer of the workstation's audit mode: every SQL statement over the audit tables of the
// local store (sampled decisions with their claims, their documents, drafts and the service's audits),
// and the audit lane of the one outbox (store/outbox-table.ts). Callers get domain types, never rows;
// transactions are the Store's.
import type { AuditDraft, AuditOutboxEntry, AuditRecord, AuditSubmit, Claim, MutationKind, SampleItem } from '../../../shared/contracts';
import type { Db } from '../store/database';
import { AUDIT_SUBMIT_KIND, type OutboxRow, type Store } from '../store/queries';

export interface LocalItem {
  item: SampleItem;
  claim: Claim;
}

/** An audit entry of the outbox, with the submission it carries. */
export interface AuditOutboxRow extends AuditOutboxEntry {
  seq: number;
  userId: string;
  body: AuditSubmit;
}

const json = (v: unknown): string => JSON.stringify(v);
const auditRow = (r: OutboxRow): AuditOutboxRow => {
  const body = r.payload as unknown as AuditSubmit;
  return {
    seq: r.seq,
    id: r.id,
    userId: r.userId,
    claimId: r.claimId,
    corrects: body.corrects,
    createdAt: r.createdAt,
    state: r.state,
    problem: r.problem,
    attempts: r.attempts,
    body,
  };
};

export const toOutboxEntry = ({ seq: _seq, userId: _user, body: _body, ...entry }: AuditOutboxRow): AuditOutboxEntry => entry;

export class AuditStore {
  private readonly db: Db;
  constructor(private readonly store: Store) {
    this.db = store.db;
  }

  // ── sampled decisions ──
  putItem(userId: string, item: SampleItem, claim: Claim, at: string): void {
    this.db
      .prepare(
        `INSERT INTO audit_items (user_id, claim_id, item_json, claim_json, sampled_at, pulled_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id, claim_id) DO UPDATE SET item_json = excluded.item_json, claim_json = excluded.claim_json, pulled_at = excluded.pulled_at`,
      )
      .run(userId, item.claimId, json(item), json(claim), item.sampledAt, at);
    this.db.prepare('DELETE FROM audit_documents WHERE claim_id = ?').run(claim.id);
    const link = this.db.prepare('INSERT OR IGNORE INTO audit_documents (claim_id, sha256, file_name, media_type, size) VALUES (?, ?, ?, ?, ?)');
    for (const d of claim.documents) link.run(claim.id, d.sha256, d.fileName, d.mediaType, d.size);
  }
  item(userId: string, claimId: string): LocalItem | null {
    const r = this.db.prepare('SELECT item_json, claim_json FROM audit_items WHERE user_id = ? AND claim_id = ?').get(userId, claimId) as
      { item_json: string; claim_json: string } | undefined;
    return r ? { item: JSON.parse(r.item_json) as SampleItem, claim: JSON.parse(r.claim_json) as Claim } : null;
  }
  items(userId: string): SampleItem[] {
    return (
      this.db.prepare('SELECT item_json FROM audit_items WHERE user_id = ? ORDER BY sampled_at DESC, claim_id').all(userId) as { item_json: string }[]
    ).map((r) => JSON.parse(r.item_json) as SampleItem);
  }
  /** The reference of a document some sampled claim holds (file name, media type, size). */
  documentRef(sha256: string): { fileName: string; mediaType: string; size: number } | null {
    const r = this.db.prepare('SELECT file_name AS fileName, media_type AS mediaType, size FROM audit_documents WHERE sha256 = ? LIMIT 1').get(sha256) as
      { fileName: string; mediaType: string; size: number } | undefined;
    return r ?? null;
  }

  // ── drafts ──
  draft(userId: string, claimId: string): AuditDraft | null {
    const r = this.db.prepare('SELECT draft_json FROM audit_drafts WHERE user_id = ? AND claim_id = ?').get(userId, claimId) as
      { draft_json: string } | undefined;
    return r ? (JSON.parse(r.draft_json) as AuditDraft) : null;
  }
  putDraft(userId: string, draft: AuditDraft): void {
    this.db
      .prepare(
        'INSERT INTO audit_drafts (user_id, claim_id, draft_json) VALUES (?, ?, ?) ON CONFLICT (user_id, claim_id) DO UPDATE SET draft_json = excluded.draft_json',
      )
      .run(userId, draft.claimId, json(draft));
  }
  deleteDraft(userId: string, claimId: string): void {
    this.db.prepare('DELETE FROM audit_drafts WHERE user_id = ? AND claim_id = ?').run(userId, claimId);
  }

  // ── the audit lane of the outbox ──
  insertOutbox(userId: string, body: AuditSubmit, at: string): void {
    this.store.insertOutbox(
      {
        id: body.id,
        userId,
        claimId: body.claimId,
        baseVersion: 0,
        kind: AUDIT_SUBMIT_KIND as MutationKind,
        payload: body,
        createdAt: at,
        state: 'pending',
        problem: null,
        attempts: 0,
      },
      'audit',
    );
  }
  /** The claim's latest audit entry of `userId` (waiting, or answered as conflict or invalid). */
  outboxFor(userId: string, claimId: string): AuditOutboxRow | null {
    const row = this.store
      .outboxForClaim(claimId, undefined, 'audit')
      .filter((r) => r.userId === userId)
      .at(-1);
    return row ? auditRow(row) : null;
  }
  outboxCounts(userId: string | null): { pending: number; refused: number } {
    return this.store.laneCounts(userId ?? '', 'audit');
  }

  // ── the service's audits ──
  putRecord(r: AuditRecord): void {
    this.db
      .prepare(
        'INSERT INTO audit_records (id, claim_id, record_json, submitted_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET record_json = excluded.record_json',
      )
      .run(r.id, r.claimId, json(r), r.submittedAt);
  }
  records(claimId: string): AuditRecord[] {
    return (
      this.db.prepare('SELECT record_json FROM audit_records WHERE claim_id = ? ORDER BY submitted_at, rowid').all(claimId) as { record_json: string }[]
    ).map(
      // Records cached before product findings existed have none.
      (r) => {
        const rec = JSON.parse(r.record_json) as Omit<AuditRecord, 'productFindings'> & Partial<Pick<AuditRecord, 'productFindings'>>;
        return { ...rec, productFindings: rec.productFindings ?? [] };
      },
    );
  }
}
