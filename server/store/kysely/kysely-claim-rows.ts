// The claim rows of the unit of work: inserting and updating claims and their index columns, loading a
// claim (locking its row in a writing PostgreSQL transaction) and listing claim ids for a caller.
import { sql, type Kysely } from 'kysely';
import type { ClaimFacts } from '../../../shared/contracts';
import type { ClaimFilter, ClaimIndex, ClaimRecord, ClaimWithHistory } from '../repository';
import type { HistoryEntry } from '../../../shared/domain';
import { KyselyRecordsTx } from './kysely-records';
import { documentsOfClaim, historyOfClaim } from './dialect-sql';
import type { TxMode } from './kysely-tx-mode';
import { runStatement } from './statements';
import type { ClaimsTable, ServiceDatabase } from './schema';

export const json = (v: unknown): string => JSON.stringify(v);

export abstract class KyselyClaimRowsTx extends KyselyRecordsTx {
  /** Claims this transaction has locked already (FOR UPDATE): appending to them needs no second lock. */
  protected readonly locked = new Set<string>();

  constructor(
    db: Kysely<ServiceDatabase>,
    protected readonly mode: TxMode,
  ) {
    super(db);
  }

  protected indexColumns(i: ClaimIndex) {
    return {
      version: i.version,
      status: i.status,
      derived_state: i.derivedState,
      reviewable: i.reviewable,
      urgent_due: i.urgentDue,
      timer_due: i.timerDue,
      latest_poe_at: i.latestPoeAt,
    };
  }
  async insertClaim(c: ClaimRecord): Promise<void> {
    const { documents: _documents, ...facts } = c.facts;
    await this.db
      .insertInto('claims')
      .values({
        id: c.facts.id,
        company_id: c.companyId,
        tenant_id: c.facts.customer.tenantId,
        created_at: c.facts.createdAt,
        facts: json(facts),
        ...this.indexColumns(c.index),
        lease_id: null,
        lease_expires_at: null,
      })
      .execute();
  }
  async updateClaimFacts(id: string, facts: ClaimFacts): Promise<void> {
    const { documents: _documents, ...rest } = facts;
    await this.db
      .updateTable('claims')
      .set({ facts: json(rest), tenant_id: facts.customer.tenantId })
      .where('id', '=', id)
      .execute();
  }
  async setClaimIndex(id: string, i: ClaimIndex): Promise<void> {
    await runStatement(this.db, this.mode.dialect, 'set-claim-index', { ...this.indexColumns(i), id }, ({ id: claimId, ...columns }) =>
      this.db.updateTable('claims').set(columns).where('id', '=', claimId),
    );
  }
  /** Claims (aliased `c`) with their documents in the same row: one query, however many claims. */
  private claims() {
    return this.db.selectFrom('claims as c').selectAll('c').select(documentsOfClaim(this.mode.dialect).as('documents'));
  }
  private claim(r: (ClaimsTable & { documents: unknown }) | undefined): ClaimRecord | null {
    if (!r) return null;
    return {
      facts: { ...(r.facts as Omit<ClaimFacts, 'documents'>), documents: r.documents as ClaimFacts['documents'] },
      companyId: r.company_id,
      index: {
        version: r.version,
        status: r.status,
        derivedState: r.derived_state,
        reviewable: r.reviewable,
        urgentDue: r.urgent_due,
        timerDue: r.timer_due,
        latestPoeAt: r.latest_poe_at,
      },
    };
  }
  /** In a writing transaction this locks the claim row until commit: loading a claim to change it serialises its writers. */
  async getClaim(id: string): Promise<ClaimRecord | null> {
    const locks = this.mode.rowLocks;
    const [row] = (
      await runStatement(this.db, this.mode.dialect, `claim${locks ? '-locking' : ''}`, { id }, (v) => {
        const q = this.claims().where('c.id', '=', v.id);
        return locks ? q.forUpdate() : q;
      })
    ).rows;
    const r = this.claim(row);
    if (r && locks) this.locked.add(id);
    return r;
  }
  /** Claims with their documents and whole history: one query, however many claims. */
  private claimsWithHistory() {
    return this.claims().select(historyOfClaim(this.mode.dialect).as('history'));
  }
  private withHistory(r: ClaimsTable & { documents: unknown; history: unknown }): ClaimWithHistory {
    const entries = r.history as { seq: number; at: string; actor: unknown; event: object }[];
    return { record: this.claim(r)!, history: entries.map((h) => ({ seq: h.seq, at: h.at, actor: h.actor, ...h.event }) as HistoryEntry) };
  }
  /** The claims of `ids` that exist, in that order, with documents and history; a writing PostgreSQL transaction locks their rows (as getClaim). */
  async loadClaims(ids: readonly string[]): Promise<ClaimWithHistory[]> {
    if (ids.length === 0) return [];
    const q = this.claimsWithHistory().where('c.id', 'in', [...ids]);
    const rows = this.mode.rowLocks ? await q.orderBy('c.id').forUpdate().execute() : await q.execute();
    if (this.mode.rowLocks) for (const r of rows) this.locked.add(r.id);
    const byId = new Map(rows.map((r) => [r.id, this.withHistory(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
  /** The claims in a lease, most urgent first, with documents and history, read in one query (no row lock: for the answer). */
  async claimsInLease(leaseId: string): Promise<ClaimWithHistory[]> {
    const rows = await this.claimsWithHistory()
      .where('c.lease_id', '=', leaseId)
      .orderBy('c.urgent_due', (ob) => ob.asc().nullsLast())
      .orderBy('c.id')
      .execute();
    return rows.map((r) => this.withHistory(r));
  }
  /** Other non-draft claims on any of these tenants (the competing claims of several claims in one query). */
  async claimsOnTenants(tenantIds: readonly string[]): Promise<ClaimRecord[]> {
    if (tenantIds.length === 0) return [];
    const rows = await this.claims()
      .where('c.tenant_id', 'in', [...new Set(tenantIds)])
      .where('c.status', '<>', 'draft')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    return rows.map((r) => this.claim(r)!);
  }
  async listClaimIds(filter: ClaimFilter, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
    let q = this.db.selectFrom('claims as c');
    const v = filter.visibility;
    if (v.kind === 'company') q = q.where('c.company_id', '=', v.companyId);
    // Customers see their tenant's claims from the first approval on (shared/domain/visibility.ts), as in sqlite-store.ts.
    if (v.kind === 'tenant') {
      q = q.where('c.tenant_id', '=', v.tenantId).where(({ exists, selectFrom }) =>
        exists(
          selectFrom('history as h')
            .select('h.seq')
            .whereRef('h.claim_id', '=', 'c.id')
            .where(sql<boolean>`(h.event->>'kind' = 'approved' OR (h.event->>'kind' = 'dispute-resolved' AND h.event->>'outcome' = 'overturn'))`),
        ),
      );
    }
    if (v.kind === 'leased-to') {
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('leases as l')
            .select('l.id')
            .whereRef('l.id', '=', 'c.lease_id')
            .where('l.reviewer_id', '=', v.reviewerId)
            .where('l.ended_at', 'is', null)
            .where('l.expires_at', '>', v.now),
        ),
      );
    }
    if (filter.status) q = q.where('c.status', '=', filter.status);
    if (filter.derivedState) q = q.where('c.derived_state', '=', filter.derivedState);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const ids = (await q.select('c.id').orderBy('c.created_at', 'desc').orderBy('c.id').limit(limit).offset(offset).execute()).map((r) => r.id);
    return { ids, total };
  }
  /** Run for each approval a push applies (its competing claims): compiled once (statements.ts). */
  async claimsOnTenant(tenantId: string, exceptCompanyId: string): Promise<ClaimRecord[]> {
    const { rows } = await runStatement(this.db, this.mode.dialect, 'claims-on-tenant', { tenantId, exceptCompanyId }, (v) =>
      this.claims()
        .where('c.tenant_id', '=', v.tenantId)
        .where('c.company_id', '<>', v.exceptCompanyId)
        .where('c.status', '<>', 'draft')
        .orderBy('c.created_at')
        .orderBy('c.id'),
    );
    return rows.map((r) => this.claim(r)!);
  }
  async claimIdsWithTimerDue(now: string): Promise<string[]> {
    return (
      await this.db
        .selectFrom('claims')
        .select('id')
        .where('timer_due', 'is not', null)
        .where('timer_due', '<', now)
        .orderBy('timer_due')
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
  }
}
