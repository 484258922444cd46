// The service's unit of work (the Tx of ../repository.ts) written once with Kysely. Concurrency is
// explicit: a writing transaction locks the claim row it loads (FOR UPDATE), the lease pool is taken
// with FOR UPDATE SKIP LOCKED in one statement, and changes are buffered and written at commit under
// the feed lock (flushChanges). On a dialect without row locks (SQLite) `rowLocks` is false.
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { ClaimFacts } from '../../../shared/contracts';
import type { HistoryEntry } from '../../../shared/domain';
import type { ChangeKind } from '../change-kinds';
import type { AppliedMutationRecord, ChangeRecord, ClaimFilter, ClaimIndex, ClaimRecord, LeaseRecord, Tx } from '../repository';
import { KyselyAuditTx } from './kysely-audit';
import { KyselyCporTx } from './kysely-cpor';
import { KyselyRecordsTx } from './kysely-records';
import { documentsOfClaim, type Dialect } from './dialect-sql';
import type { ClaimsTable, LeasesTable, ServiceDatabase } from './schema';

type Db = Kysely<ServiceDatabase>;
const json = (v: unknown): string => JSON.stringify(v);

export interface TxMode {
  dialect: Dialect;
  /** Row locks are available (PostgreSQL) and this transaction writes. */
  rowLocks: boolean;
  /** Read-only: writing the change feed is a bug. */
  readOnly?: boolean;
  /** The expression that takes the lock serialising writers of the change feed until commit (none on SQLite: its writers never interleave). */
  feedLock?: RawBuilder<unknown>;
  /** The expression that serialises, until commit, the transactions handling one mutation id (none on SQLite). */
  mutationLock?: (id: string) => RawBuilder<unknown>;
  /** The expression that serialises, until commit, the partner-of-record decisions on one tenant (none on SQLite). */
  tenantLock?: (tenantId: string) => RawBuilder<unknown>;
}

/** History appended out of order: another transaction appended first (the claim was not locked). */
export class HistoryOrderError extends Error {}

export class KyselyTx extends KyselyRecordsTx implements Tx {
  readonly audit: KyselyAuditTx;
  readonly cpor: KyselyCporTx;
  private pendingChanges: { claim_id: string; kind: string; at: string; version: number | null; actor_id: string | null }[] = [];
  private savepoints = 0;
  /** Claims this transaction has locked already (FOR UPDATE): appending to them needs no second lock. */
  private readonly locked = new Set<string>();

  constructor(db: Db, private readonly mode: TxMode) {
    super(db);
    this.audit = new KyselyAuditTx(db, mode.dialect);
    this.cpor = new KyselyCporTx(db, (claimId) => { this.pendingChanges = this.pendingChanges.filter((c) => c.claim_id !== claimId); });
  }

  /** Writes the buffered changes: under the feed lock, so feed numbers commit in the order they are handed out. */
  async flushChanges(): Promise<void> {
    if (!this.pendingChanges.length) return;
    if (this.mode.readOnly) throw new Error('a read-only transaction tried to write the change feed');
    const rows = this.pendingChanges;
    this.pendingChanges = [];
    if (!this.mode.feedLock) {
      await this.db.insertInto('changes').values(rows).execute();
      return;
    }
    // One round trip: the lock (a materialised CTE, volatile) is taken before any row, and so any feed number, is made.
    const values = sql.join(rows.map((r) => sql`(${r.claim_id}, ${r.kind}, cast(${r.at} as timestamptz), cast(${r.version} as integer), ${r.actor_id})`));
    await sql`WITH feed_lock AS (${this.mode.feedLock}) INSERT INTO changes (claim_id, kind, at, version, actor_id)
      SELECT v.* FROM feed_lock, (VALUES ${values}) AS v(claim_id, kind, at, version, actor_id)`.execute(this.db);
  }

  private indexColumns(i: ClaimIndex) {
    return { version: i.version, status: i.status, derived_state: i.derivedState, reviewable: i.reviewable, urgent_due: i.urgentDue, timer_due: i.timerDue, latest_poe_at: i.latestPoeAt };
  }
  async insertClaim(c: ClaimRecord): Promise<void> {
    const { documents: _documents, ...facts } = c.facts;
    await this.db.insertInto('claims').values({
      id: c.facts.id, company_id: c.companyId, tenant_id: c.facts.customer.tenantId, created_at: c.facts.createdAt, facts: json(facts),
      ...this.indexColumns(c.index), lease_id: null, lease_expires_at: null,
    }).execute();
  }
  async updateClaimFacts(id: string, facts: ClaimFacts): Promise<void> {
    const { documents: _documents, ...rest } = facts;
    await this.db.updateTable('claims').set({ facts: json(rest), tenant_id: facts.customer.tenantId }).where('id', '=', id).execute();
  }
  async setClaimIndex(id: string, i: ClaimIndex): Promise<void> {
    await this.db.updateTable('claims').set(this.indexColumns(i)).where('id', '=', id).execute();
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
      index: { version: r.version, status: r.status, derivedState: r.derived_state, reviewable: r.reviewable, urgentDue: r.urgent_due, timerDue: r.timer_due, latestPoeAt: r.latest_poe_at },
    };
  }
  /** In a writing transaction this locks the claim row until commit: loading a claim to change it serialises its writers. */
  async getClaim(id: string): Promise<ClaimRecord | null> {
    const q = this.claims().where('c.id', '=', id);
    if (!this.mode.rowLocks) return this.claim(await q.executeTakeFirst());
    const r = this.claim(await q.forUpdate().executeTakeFirst());
    if (r) this.locked.add(id);
    return r;
  }
  async listClaimIds(filter: ClaimFilter, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
    let q = this.db.selectFrom('claims as c');
    const v = filter.visibility;
    if (v.kind === 'company') q = q.where('c.company_id', '=', v.companyId);
    // Customers see their tenant's claims from the first approval on (shared/domain/visibility.ts), as in sqlite-store.ts.
    if (v.kind === 'tenant') {
      q = q.where('c.tenant_id', '=', v.tenantId).where(({ exists, selectFrom }) => exists(selectFrom('history as h').select('h.seq').whereRef('h.claim_id', '=', 'c.id')
        .where(sql<boolean>`(h.event->>'kind' = 'approved' OR (h.event->>'kind' = 'dispute-resolved' AND h.event->>'outcome' = 'overturn'))`)));
    }
    if (v.kind === 'leased-to') {
      q = q.where(({ exists, selectFrom }) => exists(selectFrom('leases as l').select('l.id').whereRef('l.id', '=', 'c.lease_id')
        .where('l.reviewer_id', '=', v.reviewerId).where('l.ended_at', 'is', null).where('l.expires_at', '>', v.now)));
    }
    if (filter.status) q = q.where('c.status', '=', filter.status);
    if (filter.derivedState) q = q.where('c.derived_state', '=', filter.derivedState);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const ids = (await q.select('c.id').orderBy('c.created_at', 'desc').orderBy('c.id').limit(limit).offset(offset).execute()).map((r) => r.id);
    return { ids, total };
  }
  async claimsOnTenant(tenantId: string, exceptCompanyId: string): Promise<ClaimRecord[]> {
    const rows = await this.claims().where('c.tenant_id', '=', tenantId).where('c.company_id', '<>', exceptCompanyId)
      .where('c.status', '<>', 'draft').orderBy('c.created_at').orderBy('c.id').execute();
    return rows.map((r) => this.claim(r)!);
  }
  async claimIdsWithTimerDue(now: string): Promise<string[]> {
    return (await this.db.selectFrom('claims').select('id').where('timer_due', 'is not', null).where('timer_due', '<', now).orderBy('timer_due').orderBy('id').execute()).map((r) => r.id);
  }

  async history(claimId: string): Promise<HistoryEntry[]> {
    const rows = await this.db.selectFrom('history').select(['seq', 'at', 'actor', 'event']).where('claim_id', '=', claimId).orderBy('seq').execute();
    return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, ...(r.event as object) }) as HistoryEntry);
  }
  /** Safe under READ COMMITTED: the claim row is locked first, so `seq = last + 1` is checked against committed history no one else can extend. */
  async appendHistory(claimId: string, entry: HistoryEntry): Promise<void> {
    const { seq, at, actor, ...event } = entry;
    // One statement: lock the claim (unless this transaction holds it already), check seq follows the last entry, insert.
    const lock = this.mode.rowLocks && !this.locked.has(claimId) ? sql`FOR UPDATE` : sql``;
    const pg = this.mode.dialect === 'postgres';
    const cast = (v: unknown, type: string) => (pg ? sql`cast(${v} as ${sql.raw(type)})` : sql`${v}`);
    const added = await sql<{ seq: number }>`WITH c AS (SELECT id FROM claims WHERE id = ${claimId} ${lock})
      INSERT INTO history (claim_id, seq, at, actor_id, actor, event)
      SELECT c.id, ${cast(seq, 'integer')}, ${cast(at, 'timestamptz')}, ${actor.id}, ${cast(json(actor), 'jsonb')}, ${cast(json(event), 'jsonb')} FROM c
      WHERE coalesce((SELECT max(h.seq) FROM history h WHERE h.claim_id = c.id), 0) = ${cast(seq - 1, 'integer')}
      RETURNING seq`.execute(this.db);
    if (!added.rows.length) throw new HistoryOrderError(`claim ${claimId}: history entry ${seq} does not follow the last one`);
    if (this.mode.rowLocks) this.locked.add(claimId);
    this.pendingChanges.push({ claim_id: claimId, kind: entry.kind, at, version: seq, actor_id: actor.id });
  }

  private lease(r: LeasesTable | undefined): LeaseRecord | null {
    return r ? { id: r.id, reviewerId: r.reviewer_id, createdAt: r.created_at, expiresAt: r.expires_at, endedAt: r.ended_at, endKind: r.end_kind as LeaseRecord['endKind'] } : null;
  }
  async insertLease(l: LeaseRecord): Promise<void> {
    await this.db.insertInto('leases').values({ id: l.id, reviewer_id: l.reviewerId, created_at: l.createdAt, expires_at: l.expiresAt, ended_at: l.endedAt, end_kind: l.endKind }).execute();
  }
  async getLease(id: string): Promise<LeaseRecord | null> {
    return this.lease(await this.db.selectFrom('leases').selectAll().where('id', '=', id).executeTakeFirst());
  }
  async activeLeaseOfReviewer(reviewerId: string, now: string): Promise<LeaseRecord | null> {
    return this.lease(await this.db.selectFrom('leases').selectAll().where('reviewer_id', '=', reviewerId).where('ended_at', 'is', null)
      .where('expires_at', '>', now).orderBy('expires_at', 'desc').limit(1).executeTakeFirst());
  }
  async activeLeaseOfClaim(claimId: string, now: string): Promise<LeaseRecord | null> {
    return this.lease(await this.db.selectFrom('claims as c').innerJoin('leases as l', 'l.id', 'c.lease_id').selectAll('l').where('c.id', '=', claimId)
      .where('l.ended_at', 'is', null).where('l.expires_at', '>', now).executeTakeFirst());
  }
  async extendLease(id: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('leases').set({ expires_at: expiresAt }).where('id', '=', id).execute();
    await this.db.updateTable('claims').set({ lease_expires_at: expiresAt }).where('lease_id', '=', id).execute();
  }
  /**
   * One statement: pick the most urgent free claims and take them. FOR UPDATE SKIP LOCKED passes over
   * rows another pull is taking; whether a row is free is decided by the row alone (lease_id,
   * lease_expires_at), so PostgreSQL's re-check of a row changed meanwhile sees the other lease.
   */
  async leaseAvailableClaims(leaseId: string, now: string, limit: number): Promise<string[]> {
    let pick = this.db.selectFrom('claims as c').select('c.id').where('c.reviewable', '=', true)
      .where((eb) => eb.or([eb('c.lease_id', 'is', null), eb('c.lease_expires_at', '<=', now)]))
      .orderBy('c.urgent_due', (ob) => ob.asc().nullsLast()).orderBy('c.id').limit(limit);
    if (this.mode.rowLocks) pick = pick.forUpdate().skipLocked();
    const rows = await this.db.updateTable('claims').set((eb) => ({ lease_id: leaseId, lease_expires_at: this.leaseExpiry(eb, leaseId) })).where('id', 'in', pick).returning(['id', 'urgent_due']).execute();
    return rows.sort((a, b) => (a.urgent_due ?? '~').localeCompare(b.urgent_due ?? '~') || a.id.localeCompare(b.id)).map((r) => r.id);
  }
  /** A re-lease of `ids`: those that await a reviewer and are free by their own row, skipping rows another pull is taking. */
  async leaseTheseClaims(leaseId: string, ids: readonly string[], now: string): Promise<string[]> {
    if (ids.length === 0) return [];
    let pick = this.db.selectFrom('claims as c').select('c.id').where('c.id', 'in', [...ids]).where('c.reviewable', '=', true)
      .where((eb) => eb.or([eb('c.lease_id', 'is', null), eb('c.lease_expires_at', '<=', now)]));
    if (this.mode.rowLocks) pick = pick.forUpdate().skipLocked();
    const rows = await this.db.updateTable('claims').set((eb) => ({ lease_id: leaseId, lease_expires_at: this.leaseExpiry(eb, leaseId) })).where('id', 'in', pick).returning('id').execute();
    return rows.map((r) => r.id);
  }
  /** The lease's expiry, read inside the statement that takes claims into it. */
  private leaseExpiry(eb: ExpressionBuilder<ServiceDatabase, 'claims'>, leaseId: string) {
    return eb.selectFrom('leases').select('leases.expires_at').where('leases.id', '=', leaseId);
  }
  async claimIdsInLease(leaseId: string): Promise<string[]> {
    return (await this.db.selectFrom('claims').select('id').where('lease_id', '=', leaseId).orderBy('urgent_due', (ob) => ob.asc().nullsLast()).orderBy('id').execute()).map((r) => r.id);
  }
  /** Conditional: a lease already ended frees nothing again, so two sweepers or a sweeper and a release never both report its claims. */
  async endLease(id: string, at: string, kind: 'released' | 'expired'): Promise<string[]> {
    const ended = await this.db.updateTable('leases').set({ ended_at: at, end_kind: kind }).where('id', '=', id).where('ended_at', 'is', null).returning('id').execute();
    if (!ended.length) return [];
    const rows = await this.db.updateTable('claims').set({ lease_id: null, lease_expires_at: null }).where('lease_id', '=', id).returning('id').execute();
    return rows.map((r) => r.id).sort();
  }
  async leasesExpiredBy(now: string): Promise<LeaseRecord[]> {
    const rows = await this.db.selectFrom('leases').selectAll().where('ended_at', 'is', null).where('expires_at', '<=', now).orderBy('expires_at').orderBy('id').execute();
    return rows.map((r) => this.lease(r)!);
  }

  async lockTenant(tenantId: string): Promise<void> {
    const lock = this.mode.tenantLock?.(tenantId);
    if (lock) await lock.execute(this.db);
  }
  /** Locks the id first: the same push sent twice at once is applied by one and answered `duplicate` to the other. */
  async findAppliedMutation(id: string): Promise<AppliedMutationRecord | null> {
    // The lock first, in its own statement: under READ COMMITTED the read after it sees a twin that committed while we waited.
    const lock = this.mode.mutationLock?.(id);
    if (lock) await lock.execute(this.db);
    const r = await this.db.selectFrom('applied_mutations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r?.id) return null;
    return r ? { id: r.id, reviewerId: r.reviewer_id, claimId: r.claim_id, kind: r.kind, appliedAt: r.applied_at, resultVersion: r.result_version } : null;
  }
  async recordAppliedMutation(m: AppliedMutationRecord): Promise<void> {
    await this.db.insertInto('applied_mutations').values({ id: m.id, reviewer_id: m.reviewerId, claim_id: m.claimId, kind: m.kind, applied_at: m.appliedAt, result_version: m.resultVersion }).execute();
  }

  async addChange(claimId: string, kind: ChangeKind, at: string, actorId: string | null = null): Promise<void> {
    this.pendingChanges.push({ claim_id: claimId, kind, at, version: null, actor_id: actorId });
  }
  /** Each change with the history entry it appended (joined on the version it made), null for lease events and older rows. */
  async changesAfter(after: number, limit: number): Promise<ChangeRecord[]> {
    const rows = await this.db.selectFrom('changes as c')
      .leftJoin('history as h', (j) => j.onRef('h.claim_id', '=', 'c.claim_id').onRef('h.seq', '=', 'c.version'))
      .select(['c.seq', 'c.claim_id', 'c.kind', 'c.at', 'c.version', 'c.actor_id', 'h.at as h_at', 'h.actor', 'h.event'])
      .where('c.seq', '>', after).orderBy('c.seq').limit(limit).execute();
    return rows.map((r) => ({
      seq: r.seq, claimId: r.claim_id, kind: r.kind as ChangeKind, at: r.at, version: r.version, actorId: r.actor_id,
      entry: r.event === null || r.version === null ? null : ({ seq: r.version, at: r.h_at, actor: r.actor, ...(r.event as object) } as HistoryEntry),
    }));
  }
  /**
   * Runs `fn` inside a savepoint: when it throws, its writes are rolled back (PostgreSQL must roll back
   * to the savepoint before the transaction can go on) and so are the feed entries it buffered.
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = sql.id(`sp${++this.savepoints}`);
    const buffered = this.pendingChanges.length;
    const locked = [...this.locked];
    await sql`SAVEPOINT ${name}`.execute(this.db);
    try {
      // Kept, not released, on success: the commit takes it with the rest, and it saves a round trip.
      return await fn();
    } catch (e) {
      await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(this.db);
      this.pendingChanges = this.pendingChanges.slice(0, buffered);
      // Row locks taken inside the savepoint are gone with it.
      this.locked.clear();
      for (const id of locked) this.locked.add(id);
      throw e;
    }
  }
  async lastChangeSeq(): Promise<number> {
    return Number((await this.db.selectFrom('changes').select((eb) => eb.fn.max<number>('seq').as('n')).executeTakeFirst())?.n ?? 0);
  }
}
