// The service's unit of work (the Tx of ../repository.ts) written once with Kysely. Concurrency is
// explicit: a writing transaction locks the claim row it loads (FOR UPDATE), the lease pool is taken
// with FOR UPDATE SKIP LOCKED in one statement, and changes (and applied mutation ids) are buffered and
// written at commit, the changes under the feed lock (flushChanges). On a dialect without row locks
// (SQLite) `rowLocks` is false.
// Claim rows live in kysely-claim-rows.ts, lease rows in kysely-lease-rows.ts and history rows in
// kysely-history-rows.ts (the classes this one extends).
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DocumentMediaType, HistoryEntry } from '../../../shared/domain';
import type { ChangeKind } from '../change-kinds';
import type { AppliedMutationRecord, ChangeRecord, Tx } from '../repository';
import { KyselyAuditTx } from './kysely-audit';
import { KyselyCporTx } from './kysely-cpor';
import { KyselyHistoryRowsTx } from './kysely-history-rows';
import { runStatement } from './statements';
import type { TxMode } from './kysely-tx-mode';
import type { AppliedMutationsTable, ServiceDatabase } from './schema';

export type { TxMode } from './kysely-tx-mode';
export { HistoryOrderError } from './kysely-history-rows';

type Db = Kysely<ServiceDatabase>;

const appliedRow = (m: AppliedMutationRecord) => ({
  id: m.id,
  reviewer_id: m.reviewerId,
  claim_id: m.claimId,
  kind: m.kind,
  applied_at: m.appliedAt,
  result_version: m.resultVersion,
});
const appliedRecord = (r: Selectable<AppliedMutationsTable>): AppliedMutationRecord => ({
  id: r.id,
  reviewerId: r.reviewer_id,
  claimId: r.claim_id,
  kind: r.kind,
  appliedAt: r.applied_at,
  resultVersion: r.result_version,
});

export class KyselyTx extends KyselyHistoryRowsTx implements Tx {
  readonly audit: KyselyAuditTx;
  readonly cpor: KyselyCporTx;
  /** Applied mutations recorded in this transaction, written with the feed before commit. */
  private pendingApplied: AppliedMutationRecord[] = [];
  /** Mutation ids read (and locked) ahead by preloadAppliedMutations: null when not applied before this transaction. */
  private readonly preloaded = new Map<string, AppliedMutationRecord | null>();

  constructor(db: Db, mode: TxMode) {
    super(db, mode);
    this.audit = new KyselyAuditTx(db, mode.dialect);
    this.cpor = new KyselyCporTx(db, mode.dialect, (claimId) => {
      this.pendingChanges = this.pendingChanges.filter((c) => c.claim_id !== claimId);
    });
  }

  /** Writes the buffered applied mutations, then the changes: under the feed lock, so feed numbers commit in the order they are handed out. */
  async flushChanges(): Promise<void> {
    if (this.pendingApplied.length) {
      const applied = this.pendingApplied;
      this.pendingApplied = [];
      await this.db.insertInto('applied_mutations').values(applied.map(appliedRow)).execute();
    }
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

  /** The bytes of a document at least one claim holds, in one statement compiled once (the document route of staff, who may read every claim). */
  async heldDocumentBytes(sha256: string): Promise<{ mediaType: DocumentMediaType; bytes: Uint8Array } | null> {
    const [r] = (
      await runStatement(this.db, this.mode.dialect, 'held-document-bytes', { sha256 }, (v) =>
        this.db
          .selectFrom('documents as d')
          .select(['d.media_type', 'd.bytes'])
          .where('d.sha256', '=', v.sha256)
          .where((eb) => eb.exists(eb.selectFrom('claim_documents as cd').select('cd.claim_id').whereRef('cd.sha256', '=', 'd.sha256'))),
      )
    ).rows;
    // The driver's Buffer is a Uint8Array already: answered as it is, not copied.
    return r ? { mediaType: r.media_type as DocumentMediaType, bytes: r.bytes } : null;
  }
  async lockTenant(tenantId: string): Promise<void> {
    const lock = this.mode.tenantLock?.(tenantId);
    if (lock) await lock.execute(this.db);
  }
  async preloadAppliedMutations(ids: readonly string[]): Promise<void> {
    const fresh = [...new Set(ids)].filter((id) => !this.preloaded.has(id)).sort();
    if (!fresh.length) return;
    // The locks first, in one statement and in id order: under READ COMMITTED the read after them sees a twin that committed while we waited.
    const locks = this.mode.mutationLocks?.(fresh);
    if (locks) await locks.execute(this.db);
    const rows = await this.db.selectFrom('applied_mutations').selectAll().where('id', 'in', fresh).execute();
    for (const id of fresh) this.preloaded.set(id, null);
    for (const r of rows) this.preloaded.set(r.id, appliedRecord(r));
  }
  /** Locks the id first: the same push sent twice at once is applied by one and answered `duplicate` to the other. */
  async findAppliedMutation(id: string): Promise<AppliedMutationRecord | null> {
    const recorded = this.pendingApplied.find((m) => m.id === id);
    if (recorded) return recorded;
    const known = this.preloaded.get(id);
    if (known !== undefined) return known;
    // The lock first, in its own statement: under READ COMMITTED the read after it sees a twin that committed while we waited.
    const lock = this.mode.mutationLock?.(id);
    if (lock) await lock.execute(this.db);
    const [r] = (
      await runStatement(this.db, this.mode.dialect, 'applied-mutation', { id }, (v) =>
        this.db.selectFrom('applied_mutations').selectAll().where('id', '=', v.id),
      )
    ).rows;
    return r?.id ? appliedRecord(r) : null;
  }
  async recordAppliedMutation(m: AppliedMutationRecord): Promise<void> {
    this.pendingApplied.push(m);
  }

  async addChange(claimId: string, kind: ChangeKind, at: string, actorId: string | null = null): Promise<void> {
    this.pendingChanges.push({ claim_id: claimId, kind, at, version: null, actor_id: actorId });
  }
  /** Each change with the history entry it appended (joined on the version it made), null for lease events and older rows. */
  async changesAfter(after: number, limit: number): Promise<ChangeRecord[]> {
    const rows = await this.db
      .selectFrom('changes as c')
      .leftJoin('history as h', (j) => j.onRef('h.claim_id', '=', 'c.claim_id').onRef('h.seq', '=', 'c.version'))
      .select(['c.seq', 'c.claim_id', 'c.kind', 'c.at', 'c.version', 'c.actor_id', 'h.at as h_at', 'h.actor', 'h.event'])
      .where('c.seq', '>', after)
      .orderBy('c.seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      claimId: r.claim_id,
      kind: r.kind as ChangeKind,
      at: r.at,
      version: r.version,
      actorId: r.actor_id,
      entry: r.event === null || r.version === null ? null : ({ seq: r.version, at: r.h_at, actor: r.actor, ...(r.event as object) } as HistoryEntry),
    }));
  }
  /**
   * Runs `fn` inside a savepoint: when it throws, its writes are rolled back (PostgreSQL must roll back
   * to the savepoint before the transaction can go on) and so are the feed entries it buffered.
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    // One name for every savepoint (ROLLBACK TO takes the latest of that name, the innermost one still
    // open): the statement is the same text each time, so it is compiled and prepared once.
    const name = sql.id('sp');
    const buffered = this.pendingChanges.length;
    const recorded = this.pendingApplied.length;
    const locked = [...this.locked];
    await runStatement(this.db, this.mode.dialect, 'savepoint', {}, () => sql`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = await fn();
    } catch (e) {
      await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(this.db);
      this.pendingChanges = this.pendingChanges.slice(0, buffered);
      this.pendingApplied = this.pendingApplied.slice(0, recorded);
      // Row locks taken inside the savepoint are gone with it.
      this.locked.clear();
      for (const id of locked) this.locked.add(id);
      throw e;
    }
    // On PostgreSQL it is kept on success (the commit takes it with the rest), saving a round trip. SQLite
    // releases it: an open savepoint makes every page written after it go to the statement journal
    // again, and each write checks every open savepoint, so a hundred kept ones slow each mutation down.
    if (this.mode.dialect === 'sqlite') await runStatement(this.db, this.mode.dialect, 'release-savepoint', {}, () => sql`RELEASE SAVEPOINT ${name}`);
    return result;
  }
  async lastChangeSeq(): Promise<number> {
    return Number(
      (
        await this.db
          .selectFrom('changes')
          .select((eb) => eb.fn.max<number>('seq').as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  }
}
