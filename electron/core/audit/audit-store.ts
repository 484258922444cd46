// The typed query layer of the workstation's audit mode: every SQL statement over the audit tables of the
// local store (sampled decisions with their claims, their documents, drafts, the audit outbox and the
// service's audits). Callers get domain types, never rows; transactions are the Store's.
import type { AuditDraft, AuditOutboxEntry, AuditRecord, AuditSubmit, Claim, Problem, SampleItem } from '../../../shared/contracts';
import type { Db } from '../store/database';

export interface LocalItem {
  item: SampleItem;
  claim: Claim;
}

export interface AuditOutboxRow extends AuditOutboxEntry {
  seq: number;
  userId: string;
  body: AuditSubmit;
}

interface RawOutbox { seq: number; id: string; user_id: string; claim_id: string; body_json: string; created_at: string; state: 'pending' | 'refused'; problem_json: string | null; attempts: number }

const json = (v: unknown): string => JSON.stringify(v);
const outboxRow = (r: RawOutbox): AuditOutboxRow => {
  const body = JSON.parse(r.body_json) as AuditSubmit;
  return {
    seq: r.seq, id: r.id, userId: r.user_id, claimId: r.claim_id, corrects: body.corrects, createdAt: r.created_at, state: r.state,
    problem: r.problem_json === null ? null : (JSON.parse(r.problem_json) as Problem), attempts: r.attempts, body,
  };
};

export const toOutboxEntry = ({ seq: _seq, userId: _user, body: _body, ...entry }: AuditOutboxRow): AuditOutboxEntry => entry;

export class AuditStore {
  constructor(private readonly db: Db) {}

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
    const r = this.db.prepare('SELECT item_json, claim_json FROM audit_items WHERE user_id = ? AND claim_id = ?').get(userId, claimId) as { item_json: string; claim_json: string } | undefined;
    return r ? { item: JSON.parse(r.item_json) as SampleItem, claim: JSON.parse(r.claim_json) as Claim } : null;
  }
  items(userId: string): SampleItem[] {
    return (this.db.prepare('SELECT item_json FROM audit_items WHERE user_id = ? ORDER BY sampled_at DESC, claim_id').all(userId) as { item_json: string }[]).map(
      (r) => JSON.parse(r.item_json) as SampleItem,
    );
  }
  /** The reference of a document some sampled claim holds (file name, media type, size). */
  documentRef(sha256: string): { fileName: string; mediaType: string; size: number } | null {
    const r = this.db.prepare('SELECT file_name AS fileName, media_type AS mediaType, size FROM audit_documents WHERE sha256 = ? LIMIT 1').get(sha256) as
      | { fileName: string; mediaType: string; size: number }
      | undefined;
    return r ?? null;
  }

  // ── drafts ──
  draft(userId: string, claimId: string): AuditDraft | null {
    const r = this.db.prepare('SELECT draft_json FROM audit_drafts WHERE user_id = ? AND claim_id = ?').get(userId, claimId) as { draft_json: string } | undefined;
    return r ? (JSON.parse(r.draft_json) as AuditDraft) : null;
  }
  putDraft(userId: string, draft: AuditDraft): void {
    this.db
      .prepare('INSERT INTO audit_drafts (user_id, claim_id, draft_json) VALUES (?, ?, ?) ON CONFLICT (user_id, claim_id) DO UPDATE SET draft_json = excluded.draft_json')
      .run(userId, draft.claimId, json(draft));
  }
  deleteDraft(userId: string, claimId: string): void {
    this.db.prepare('DELETE FROM audit_drafts WHERE user_id = ? AND claim_id = ?').run(userId, claimId);
  }

  // ── outbox ──
  insertOutbox(userId: string, body: AuditSubmit, at: string): void {
    this.db.prepare('INSERT INTO audit_outbox (id, user_id, claim_id, body_json, created_at) VALUES (?, ?, ?, ?, ?)').run(body.id, userId, body.claimId, json(body), at);
  }
  outboxFor(userId: string, claimId: string): AuditOutboxRow | null {
    const r = this.db.prepare('SELECT * FROM audit_outbox WHERE user_id = ? AND claim_id = ? ORDER BY seq DESC LIMIT 1').get(userId, claimId) as RawOutbox | undefined;
    return r ? outboxRow(r) : null;
  }
  pendingOutbox(userId: string): AuditOutboxRow[] {
    return (this.db.prepare("SELECT * FROM audit_outbox WHERE user_id = ? AND state = 'pending' ORDER BY seq").all(userId) as RawOutbox[]).map(outboxRow);
  }
  outboxCounts(userId: string | null): { pending: number; refused: number } {
    return this.db
      .prepare("SELECT coalesce(sum(state = 'pending'), 0) AS pending, coalesce(sum(state = 'refused'), 0) AS refused FROM audit_outbox WHERE user_id = ?")
      .get(userId ?? '') as { pending: number; refused: number };
  }
  countAttempt(id: string): void {
    this.db.prepare('UPDATE audit_outbox SET attempts = attempts + 1 WHERE id = ?').run(id);
  }
  refuseOutbox(id: string, problem: Problem): void {
    this.db.prepare("UPDATE audit_outbox SET state = 'refused', problem_json = ? WHERE id = ?").run(json(problem), id);
  }
  deleteOutbox(id: string): void {
    this.db.prepare('DELETE FROM audit_outbox WHERE id = ?').run(id);
  }

  // ── the service's audits ──
  putRecord(r: AuditRecord): void {
    this.db
      .prepare('INSERT INTO audit_records (id, claim_id, record_json, submitted_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET record_json = excluded.record_json')
      .run(r.id, r.claimId, json(r), r.submittedAt);
  }
  records(claimId: string): AuditRecord[] {
    return (this.db.prepare('SELECT record_json FROM audit_records WHERE claim_id = ? ORDER BY submitted_at, rowid').all(claimId) as { record_json: string }[]).map(
      (r) => JSON.parse(r.record_json) as AuditRecord,
    );
  }
}
