// The SQLite implementation of the audit storage interface: all SQL of samples, audits and reviewer
// sampling profiles. It runs inside the transaction of the store's Tx it belongs to.
import type Database from 'better-sqlite3';
import type { AuditedDecision, FindingRecord, ProductFindingRecord } from '../../shared/contracts';
import { DECISION_EVENTS, type Actor, type HistoryEntry } from '../../shared/domain';
import type { AuditFilter, AuditItemRecord, AuditRow, AuditSampleRecord, AuditTx, DecisionFilter, DecisionRow, ReviewerProfileRecord } from './audit-repository';

type Row = Record<string, unknown>;
const DECISION_EVENT_KINDS = Object.keys(DECISION_EVENTS);

const ITEM_SELECT = `SELECT i.*, (
    SELECT a.id FROM audits a WHERE a.claim_id = i.claim_id AND NOT EXISTS (SELECT 1 FROM audits b WHERE b.corrects = a.id)
  ) AS audit_id FROM audit_items i`;
const AUDIT_SELECT = 'SELECT a.*, (SELECT b.id FROM audits b WHERE b.corrects = a.id) AS corrected_by FROM audits a';

export class SqliteAuditTx implements AuditTx {
  constructor(private readonly db: Database.Database) {}

  private item(r: Row): AuditItemRecord {
    return {
      claimId: r.claim_id as string, sampleId: r.sample_id as string, decision: JSON.parse(r.decision as string) as AuditedDecision,
      stratum: r.stratum as string, sampledAt: r.sampled_at as string, sampledBy: JSON.parse(r.sampled_by as string) as Actor,
      partnerName: r.partner_name as string, customerName: r.customer_name as string, auditId: (r.audit_id as string | null) ?? null,
    };
  }

  private audit(r: Row): AuditRow {
    return {
      id: r.id as string, claimId: r.claim_id as string, corrects: (r.corrects as string | null) ?? null, correctedBy: (r.corrected_by as string | null) ?? null,
      auditor: JSON.parse(r.auditor as string) as Actor, submittedAt: r.submitted_at as string, blind: r.blind === 1,
      findings: JSON.parse(r.findings as string) as FindingRecord[],
      productFindings: r.product_findings ? (JSON.parse(r.product_findings as string) as ProductFindingRecord[]) : [], reviewerId: r.reviewer_id as string, decidedAt: r.decided_at as string,
    };
  }

  async unsampledDecisions(f: DecisionFilter): Promise<DecisionRow[]> {
    const where = [
      `json_extract(h.event, '$.kind') IN (SELECT value FROM json_each(@kinds))`,
      `json_extract(h.actor, '$.role') = 'reviewer'`,
      'NOT EXISTS (SELECT 1 FROM audit_items i WHERE i.claim_id = h.claim_id)',
    ];
    const params: Record<string, unknown> = { kinds: JSON.stringify(DECISION_EVENT_KINDS) };
    if (f.from) { where.push('h.at >= @from'); params.from = f.from; }
    if (f.to) { where.push('h.at < @to'); params.to = f.to; }
    if (f.reviewerIds) { where.push('h.actor_id IN (SELECT value FROM json_each(@reviewers))'); params.reviewers = JSON.stringify(f.reviewerIds); }
    const rows = this.db.prepare(`SELECT h.claim_id, h.seq, h.at, h.actor, h.event FROM history h WHERE ${where.join(' AND ')} ORDER BY h.claim_id, h.seq`).all(params) as Row[];
    return rows.map((r) => ({
      claimId: r.claim_id as string,
      entry: { seq: r.seq as number, at: r.at as string, actor: JSON.parse(r.actor as string), ...JSON.parse(r.event as string) } as HistoryEntry,
    }));
  }

  async insertSample(s: AuditSampleRecord): Promise<void> {
    this.db.prepare('INSERT INTO audit_samples (id, drawn_by, drawn_at, spec, summary) VALUES (?, ?, ?, ?, ?)').run(s.id, s.drawnById, s.drawnAt, JSON.stringify(s.spec), JSON.stringify(s.summary));
  }

  async insertItem(i: Omit<AuditItemRecord, 'auditId'>): Promise<void> {
    this.db.prepare(`INSERT INTO audit_items (claim_id, sample_id, decision_seq, decision, reviewer_id, decided_at, stratum, sampled_at, sampled_by, sampled_by_id, partner_name, customer_name)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      i.claimId, i.sampleId, i.decision.seq, JSON.stringify(i.decision), i.decision.reviewer.id, i.decision.at, i.stratum, i.sampledAt,
      JSON.stringify(i.sampledBy), i.sampledBy.id, i.partnerName, i.customerName);
  }

  async getItem(claimId: string): Promise<AuditItemRecord | null> {
    const r = this.db.prepare(`${ITEM_SELECT} WHERE i.claim_id = ?`).get(claimId) as Row | undefined;
    return r ? this.item(r) : null;
  }

  async listItems(f: { state: 'open' | 'audited' | 'all'; sampledById?: string }, limit: number, offset: number): Promise<{ items: AuditItemRecord[]; total: number }> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (f.state === 'open') where.push('NOT EXISTS (SELECT 1 FROM audits a WHERE a.claim_id = i.claim_id)');
    if (f.state === 'audited') where.push('EXISTS (SELECT 1 FROM audits a WHERE a.claim_id = i.claim_id)');
    if (f.sampledById) { where.push('i.sampled_by_id = @by'); params.by = f.sampledById; }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit_items i ${clause}`).get(params) as { n: number }).n;
    const rows = this.db.prepare(`${ITEM_SELECT} ${clause} ORDER BY i.sampled_at, i.decided_at, i.claim_id LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as Row[];
    return { items: rows.map((r) => this.item(r)), total };
  }

  async insertAudit(a: Omit<AuditRow, 'correctedBy'>): Promise<void> {
    this.db.prepare(`INSERT INTO audits (id, claim_id, corrects, auditor_id, auditor, submitted_at, blind, findings, product_findings, reviewer_id, decided_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      a.id, a.claimId, a.corrects, a.auditor.id, JSON.stringify(a.auditor), a.submittedAt, a.blind ? 1 : 0, JSON.stringify(a.findings), JSON.stringify(a.productFindings), a.reviewerId, a.decidedAt);
  }

  async getAudit(id: string): Promise<AuditRow | null> {
    const r = this.db.prepare(`${AUDIT_SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
    return r ? this.audit(r) : null;
  }

  async auditsOfClaim(claimId: string): Promise<AuditRow[]> {
    return (this.db.prepare(`${AUDIT_SELECT} WHERE a.claim_id = ? ORDER BY a.submitted_at, a.rowid`).all(claimId) as Row[]).map((r) => this.audit(r));
  }

  async listAudits(f: AuditFilter, limit: number, offset: number): Promise<{ audits: AuditRow[]; total: number }> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (!f.history) where.push('NOT EXISTS (SELECT 1 FROM audits b WHERE b.corrects = a.id)');
    if (f.reviewerId) { where.push('a.reviewer_id = @reviewer'); params.reviewer = f.reviewerId; }
    if (f.from) { where.push('a.decided_at >= @from'); params.from = f.from; }
    if (f.to) { where.push('a.decided_at < @to'); params.to = f.to; }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audits a ${clause}`).get(params) as { n: number }).n;
    const rows = this.db.prepare(`${AUDIT_SELECT} ${clause} ORDER BY a.decided_at DESC, a.claim_id, a.submitted_at DESC, a.rowid DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as Row[];
    return { audits: rows.map((r) => this.audit(r)), total };
  }

  async reviewers(): Promise<Actor[]> {
    return (this.db.prepare("SELECT id, name, role FROM users WHERE role = 'reviewer' ORDER BY name, id").all() as Actor[]);
  }

  async reviewerProfiles(): Promise<ReviewerProfileRecord[]> {
    return (this.db.prepare('SELECT * FROM audit_reviewers ORDER BY reviewer_id').all() as Row[]).map((r) => ({
      reviewerId: r.reviewer_id as string, experience: r.experience as ReviewerProfileRecord['experience'], customRate: (r.custom_rate as number | null) ?? null,
      updatedBy: r.updated_by as string, updatedAt: r.updated_at as string,
    }));
  }

  async setReviewerProfile(p: ReviewerProfileRecord): Promise<void> {
    this.db.prepare(`INSERT INTO audit_reviewers (reviewer_id, experience, custom_rate, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (reviewer_id) DO UPDATE SET experience = excluded.experience, custom_rate = excluded.custom_rate, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
      .run(p.reviewerId, p.experience, p.customRate, p.updatedBy, p.updatedAt);
  }
}
