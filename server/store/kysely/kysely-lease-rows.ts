// The lease rows of the unit of work: creating, extending and ending leases, and taking free claims
// into a lease in one statement (FOR UPDATE SKIP LOCKED where row locks exist).
import { sql, type ExpressionBuilder } from 'kysely';
import type { LeaseRecord } from '../repository';
import { KyselyClaimRowsTx } from './kysely-claim-rows';
import type { LeasesTable, ServiceDatabase } from './schema';
import { runStatement } from './statements';

export abstract class KyselyLeaseRowsTx extends KyselyClaimRowsTx {
  private lease(r: LeasesTable | undefined): LeaseRecord | null {
    return r
      ? {
          id: r.id,
          reviewerId: r.reviewer_id,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          endedAt: r.ended_at,
          endKind: r.end_kind as LeaseRecord['endKind'],
        }
      : null;
  }
  async insertLease(l: LeaseRecord): Promise<void> {
    await this.db
      .insertInto('leases')
      .values({ id: l.id, reviewer_id: l.reviewerId, created_at: l.createdAt, expires_at: l.expiresAt, ended_at: l.endedAt, end_kind: l.endKind })
      .execute();
  }
  async getLease(id: string): Promise<LeaseRecord | null> {
    return this.lease(await this.db.selectFrom('leases').selectAll().where('id', '=', id).executeTakeFirst());
  }
  async activeLeaseOfReviewer(reviewerId: string, now: string): Promise<LeaseRecord | null> {
    return this.lease(
      await this.db
        .selectFrom('leases')
        .selectAll()
        .where('reviewer_id', '=', reviewerId)
        .where('ended_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('expires_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    );
  }
  async activeLeaseOfClaim(claimId: string, now: string): Promise<LeaseRecord | null> {
    const { rows } = await runStatement(this.db, this.mode.dialect, 'active-lease-of-claim', { claimId, now }, (v) =>
      this.db
        .selectFrom('claims as c')
        .innerJoin('leases as l', 'l.id', 'c.lease_id')
        .selectAll('l')
        .where('c.id', '=', v.claimId)
        .where('l.ended_at', 'is', null)
        .where('l.expires_at', '>', v.now),
    );
    return this.lease(rows[0]);
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
    const key = `lease-available${this.mode.rowLocks ? '-locking' : ''}`;
    const { rows } = await runStatement(this.db, this.mode.dialect, key, { leaseId, now, limit }, (v) => {
      // `reviewable` as the bare column, as the partial index claims_pool states it, so the pick reads that index in its order.
      let pick = this.db
        .selectFrom('claims as c')
        .select('c.id')
        .where(sql<boolean>`c.reviewable`)
        .where((eb) => eb.or([eb('c.lease_id', 'is', null), eb('c.lease_expires_at', '<=', v.now)]));
      // Most urgent first, claims without a deadline last (SQLite's index keeps that order as an expression).
      pick =
        this.mode.dialect === 'sqlite'
          ? pick
              .orderBy(sql`c.urgent_due IS NULL`)
              .orderBy('c.urgent_due')
              .orderBy('c.id')
          : pick.orderBy('c.urgent_due', (ob) => ob.asc().nullsLast()).orderBy('c.id');
      pick = pick.limit(v.limit);
      if (this.mode.rowLocks) pick = pick.forUpdate().skipLocked();
      // A materialised CTE: the pick runs once. As `id IN (subquery)` a plan may run the subquery again,
      // and with SKIP LOCKED and LIMIT a second run can pick other rows than the first.
      return this.db
        .with(
          (wb) => wb('picked').materialized(),
          () => pick,
        )
        .updateTable('claims')
        .set((eb) => ({ lease_id: v.leaseId, lease_expires_at: this.leaseExpiry(eb, v.leaseId) }))
        .where('id', 'in', (eb) => eb.selectFrom('picked').select('picked.id'))
        .returning(['id', 'urgent_due']);
    });
    return rows.sort((a, b) => (a.urgent_due ?? '~').localeCompare(b.urgent_due ?? '~') || a.id.localeCompare(b.id)).map((r) => r.id);
  }
  /** A re-lease of `ids`: those that await a reviewer and are free by their own row, skipping rows another pull is taking. */
  async leaseTheseClaims(leaseId: string, ids: readonly string[], now: string): Promise<string[]> {
    if (ids.length === 0) return [];
    let pick = this.db
      .selectFrom('claims as c')
      .select('c.id')
      .where('c.id', 'in', [...ids])
      .where('c.reviewable', '=', true)
      .where((eb) => eb.or([eb('c.lease_id', 'is', null), eb('c.lease_expires_at', '<=', now)]));
    if (this.mode.rowLocks) pick = pick.forUpdate().skipLocked();
    const rows = await this.db
      .with(
        (wb) => wb('picked').materialized(),
        () => pick,
      )
      .updateTable('claims')
      .set((eb) => ({ lease_id: leaseId, lease_expires_at: this.leaseExpiry(eb, leaseId) }))
      .where('id', 'in', (eb) => eb.selectFrom('picked').select('picked.id'))
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
  /** The lease's expiry, read inside the statement that takes claims into it. */
  private leaseExpiry(eb: ExpressionBuilder<ServiceDatabase, 'claims'>, leaseId: string) {
    return eb.selectFrom('leases').select('leases.expires_at').where('leases.id', '=', leaseId);
  }
  async claimIdsInLease(leaseId: string): Promise<string[]> {
    return (
      await this.db
        .selectFrom('claims')
        .select('id')
        .where('lease_id', '=', leaseId)
        .orderBy('urgent_due', (ob) => ob.asc().nullsLast())
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
  }
  /** Conditional: a lease already ended frees nothing again, so two sweepers or a sweeper and a release never both report its claims. */
  async endLease(id: string, at: string, kind: 'released' | 'expired'): Promise<string[]> {
    if (this.mode.dialect === 'postgres') {
      // One statement: the lease's end and its claims' release.
      const freed = await this.db
        .with('ended', (db) =>
          db.updateTable('leases').set({ ended_at: at, end_kind: kind }).where('id', '=', id).where('ended_at', 'is', null).returning('id'),
        )
        .updateTable('claims')
        .set({ lease_id: null, lease_expires_at: null })
        .where('lease_id', 'in', (eb) => eb.selectFrom('ended').select('ended.id'))
        .returning('id')
        .execute();
      return freed.map((r) => r.id).sort();
    }
    const ended = await this.db
      .updateTable('leases')
      .set({ ended_at: at, end_kind: kind })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .returning('id')
      .execute();
    if (!ended.length) return [];
    const rows = await this.db.updateTable('claims').set({ lease_id: null, lease_expires_at: null }).where('lease_id', '=', id).returning('id').execute();
    return rows.map((r) => r.id).sort();
  }
  async leasesExpiredBy(now: string): Promise<LeaseRecord[]> {
    const rows = await this.db
      .selectFrom('leases')
      .selectAll()
      .where('ended_at', 'is', null)
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.lease(r)!);
  }
}
