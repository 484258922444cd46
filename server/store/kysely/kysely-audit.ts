// The audit storage interface (../audit-repository.ts) written once with Kysely: samples, immutable
// audits with their corrections, reviewers' sampling profiles. Runs inside its KyselyTx's transaction.
import { sql, type Kysely } from 'kysely';
import type { AuditedDecision, FindingRecord, ProductFindingRecord } from '../../../shared/contracts';
import { DECISION_EVENTS, type Actor, type HistoryEntry } from '../../../shared/domain';
import type {
  AssistAgreementRow,
  AssistAgreementsAt,
  AuditFilter,
  AuditItemRecord,
  AuditRow,
  AuditSampleRecord,
  AuditTx,
  DecisionFilter,
  DecisionRow,
  ReviewerProfileRecord,
} from '../audit-repository';
import type { Selectable } from 'kysely';
import type { Dialect } from './dialect-sql';
import type { AuditItemsTable, AuditsTable, ServiceDatabase } from './schema';

type Db = Kysely<ServiceDatabase>;
const DECISION_EVENT_KINDS = Object.keys(DECISION_EVENTS);
const json = (v: unknown): string => JSON.stringify(v);

export class KyselyAuditTx implements AuditTx {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** Submission order of audits: PostgreSQL's identity column; SQLite's rowid (its table has no ord). */
  private get submitOrder() {
    return sql.ref(this.dialect === 'sqlite' ? 'a.rowid' : 'a.ord');
  }

  private items() {
    return this.db
      .selectFrom('audit_items as i')
      .selectAll('i')
      .select((eb) =>
        eb
          .selectFrom('audits as a')
          .select('a.id')
          .whereRef('a.claim_id', '=', 'i.claim_id')
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('audits as b').select('b.id').whereRef('b.corrects', '=', 'a.id'))))
          .as('audit_id'),
      );
  }
  private audits() {
    return this.db
      .selectFrom('audits as a')
      .selectAll('a')
      .select((eb) => eb.selectFrom('audits as b').select('b.id').whereRef('b.corrects', '=', 'a.id').as('corrected_by'));
  }
  private item(r: AuditItemsTable & { audit_id: string | null }): AuditItemRecord {
    return {
      claimId: r.claim_id,
      sampleId: r.sample_id,
      decision: r.decision as AuditedDecision,
      stratum: r.stratum,
      sampledAt: r.sampled_at,
      sampledBy: r.sampled_by as Actor,
      partnerName: r.partner_name,
      customerName: r.customer_name,
      auditId: r.audit_id ?? null,
    };
  }
  private audit(r: Selectable<AuditsTable> & { corrected_by: string | null }): AuditRow {
    return {
      id: r.id,
      claimId: r.claim_id,
      corrects: r.corrects,
      correctedBy: r.corrected_by ?? null,
      auditor: r.auditor as Actor,
      submittedAt: r.submitted_at,
      blind: r.blind,
      findings: r.findings as FindingRecord[],
      productFindings: (r.product_findings as ProductFindingRecord[] | null) ?? [],
      reviewerId: r.reviewer_id,
      decidedAt: r.decided_at,
    };
  }

  async unsampledDecisions(f: DecisionFilter): Promise<DecisionRow[]> {
    let q = this.db
      .selectFrom('history as h')
      .select(['h.claim_id', 'h.seq', 'h.at', 'h.actor', 'h.event'])
      .where(sql<string>`h.event->>'kind'`, 'in', DECISION_EVENT_KINDS)
      .where(sql<string>`h.actor->>'role'`, '=', 'reviewer')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('audit_items as i').select('i.claim_id').whereRef('i.claim_id', '=', 'h.claim_id'))));
    if (f.from) q = q.where('h.at', '>=', f.from);
    if (f.to) q = q.where('h.at', '<', f.to);
    if (f.reviewerIds) q = f.reviewerIds.length ? q.where('h.actor_id', 'in', [...f.reviewerIds]) : q.where(sql<boolean>`false`);
    const rows = await q.orderBy('h.claim_id').orderBy('h.seq').execute();
    return rows.map((r) => ({ claimId: r.claim_id, entry: { seq: r.seq, at: r.at, actor: r.actor, ...(r.event as object) } as HistoryEntry }));
  }

  async insertSample(s: AuditSampleRecord): Promise<void> {
    await this.db
      .insertInto('audit_samples')
      .values({ id: s.id, drawn_by: s.drawnById, drawn_at: s.drawnAt, spec: json(s.spec), summary: json(s.summary) })
      .execute();
  }

  async insertItem(i: Omit<AuditItemRecord, 'auditId'>): Promise<void> {
    await this.db
      .insertInto('audit_items')
      .values({
        claim_id: i.claimId,
        sample_id: i.sampleId,
        decision_seq: i.decision.seq,
        decision: json(i.decision),
        reviewer_id: i.decision.reviewer.id,
        decided_at: i.decision.at,
        stratum: i.stratum,
        sampled_at: i.sampledAt,
        sampled_by: json(i.sampledBy),
        sampled_by_id: i.sampledBy.id,
        partner_name: i.partnerName,
        customer_name: i.customerName,
      })
      .execute();
  }

  async getItem(claimId: string): Promise<AuditItemRecord | null> {
    const r = await this.items().where('i.claim_id', '=', claimId).executeTakeFirst();
    return r ? this.item(r) : null;
  }

  async listItems(
    f: { state: 'open' | 'audited' | 'all'; sampledById?: string },
    limit: number,
    offset: number,
  ): Promise<{ items: AuditItemRecord[]; total: number }> {
    let q = this.db.selectFrom('audit_items as i');
    if (f.state !== 'all') {
      q = q.where(({ not, exists, selectFrom }) => {
        const audited = exists(selectFrom('audits as a').select('a.id').whereRef('a.claim_id', '=', 'i.claim_id'));
        return f.state === 'open' ? not(audited) : audited;
      });
    }
    if (f.sampledById) q = q.where('i.sampled_by_id', '=', f.sampledById);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const keys = (await q.select('i.claim_id').orderBy('i.sampled_at').orderBy('i.decided_at').orderBy('i.claim_id').limit(limit).offset(offset).execute()).map(
      (r) => r.claim_id,
    );
    const items: AuditItemRecord[] = [];
    for (const k of keys) items.push((await this.getItem(k))!);
    return { items, total };
  }

  async insertAudit(a: Omit<AuditRow, 'correctedBy'>): Promise<void> {
    await this.db
      .insertInto('audits')
      .values({
        id: a.id,
        claim_id: a.claimId,
        corrects: a.corrects,
        auditor_id: a.auditor.id,
        auditor: json(a.auditor),
        submitted_at: a.submittedAt,
        blind: a.blind,
        findings: json(a.findings),
        product_findings: json(a.productFindings),
        reviewer_id: a.reviewerId,
        decided_at: a.decidedAt,
      })
      .execute();
  }

  async getAudit(id: string): Promise<AuditRow | null> {
    const r = await this.audits().where('a.id', '=', id).executeTakeFirst();
    return r ? this.audit(r) : null;
  }

  async auditsOfClaim(claimId: string): Promise<AuditRow[]> {
    return (await this.audits().where('a.claim_id', '=', claimId).orderBy('a.submitted_at').orderBy(this.submitOrder).execute()).map((r) => this.audit(r));
  }

  async listAudits(f: AuditFilter, limit: number, offset: number): Promise<{ audits: AuditRow[]; total: number }> {
    let q = this.db.selectFrom('audits as a');
    if (!f.history) q = q.where(({ not, exists, selectFrom }) => not(exists(selectFrom('audits as b').select('b.id').whereRef('b.corrects', '=', 'a.id'))));
    if (f.reviewerId) q = q.where('a.reviewer_id', '=', f.reviewerId);
    if (f.from) q = q.where('a.decided_at', '>=', f.from);
    if (f.to) q = q.where('a.decided_at', '<', f.to);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const ids = (
      await q
        .select('a.id')
        .orderBy('a.decided_at', 'desc')
        .orderBy('a.claim_id')
        .orderBy('a.submitted_at', 'desc')
        .orderBy(this.submitOrder, 'desc')
        .limit(limit)
        .offset(offset)
        .execute()
    ).map((r) => r.id);
    const audits: AuditRow[] = [];
    for (const id of ids) audits.push((await this.getAudit(id))!);
    return { audits, total };
  }

  async insertAssistAgreements(a: AssistAgreementsAt): Promise<void> {
    if (a.items.length === 0) return;
    await this.db
      .insertInto('assist_agreements')
      .values(
        a.items.map((i, ord) => ({
          claim_id: a.claimId,
          decision_seq: a.decisionSeq,
          ord,
          reviewer_id: a.reviewerId,
          decided_at: a.decidedAt,
          code: i.code,
          product_id: i.productId,
          verdict: i.verdict,
          confidence: i.confidence,
          outcome: i.outcome,
        })),
      )
      .execute();
  }

  async assistAgreements(f: DecisionFilter): Promise<AssistAgreementRow[]> {
    let q = this.db.selectFrom('assist_agreements').selectAll();
    if (f.from) q = q.where('decided_at', '>=', f.from);
    if (f.to) q = q.where('decided_at', '<', f.to);
    if (f.reviewerIds) q = f.reviewerIds.length ? q.where('reviewer_id', 'in', [...f.reviewerIds]) : q.where(sql<boolean>`false`);
    const rows = await q.orderBy('decided_at').orderBy('claim_id').orderBy('decision_seq').orderBy('ord').execute();
    return rows.map((r) => ({
      claimId: r.claim_id,
      decisionSeq: r.decision_seq,
      reviewerId: r.reviewer_id,
      decidedAt: r.decided_at,
      code: r.code as AssistAgreementRow['code'],
      productId: r.product_id,
      verdict: r.verdict as AssistAgreementRow['verdict'],
      confidence: r.confidence,
      outcome: r.outcome as AssistAgreementRow['outcome'],
    }));
  }

  async reviewers(): Promise<Actor[]> {
    return (await this.db.selectFrom('users').select(['id', 'name', 'role']).where('role', '=', 'reviewer').orderBy('name').orderBy('id').execute()) as Actor[];
  }

  async reviewerProfiles(): Promise<ReviewerProfileRecord[]> {
    return (await this.db.selectFrom('audit_reviewers').selectAll().orderBy('reviewer_id').execute()).map((r) => ({
      reviewerId: r.reviewer_id,
      experience: r.experience as ReviewerProfileRecord['experience'],
      customRate: r.custom_rate,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
  }

  async setReviewerProfile(p: ReviewerProfileRecord): Promise<void> {
    const row = { experience: p.experience, custom_rate: p.customRate, updated_by: p.updatedBy, updated_at: p.updatedAt };
    await this.db
      .insertInto('audit_reviewers')
      .values({ reviewer_id: p.reviewerId, ...row })
      .onConflict((oc) => oc.column('reviewer_id').doUpdateSet(row))
      .execute();
  }
}
