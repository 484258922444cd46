// The service's unit of work (the Tx of ../repository.ts) written once with Kysely. Concurrency is
// explicit: a writing transaction locks the claim row it loads (FOR UPDATE), the lease pool is taken
// with FOR UPDATE SKIP LOCKED in one statement, and changes (and applied mutation ids) are buffered and
// written at commit, the changes under the feed lock (flushChanges). On a dialect without row locks
// (SQLite) `rowLocks` is false.
// Claim rows live in kysely-claim-rows.ts and lease rows in kysely-lease-rows.ts (the classes this one extends).
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DocumentMediaType, HistoryEntry } from '../../../shared/domain';
import type { ChangeKind } from '../change-kinds';
import type { AppliedMutationRecord, ChangeRecord, ClaimIndex, HistoryAppend, Tx } from '../repository';
import { KyselyAuditTx } from './kysely-audit';
import { KyselyCporTx } from './kysely-cpor';
import { json } from './kysely-claim-rows';
import { KyselyLeaseRowsTx } from './kysely-lease-rows';
import { runStatement } from './statements';
import type { TxMode } from './kysely-tx-mode';
import type { AppliedMutationsTable, ServiceDatabase } from './schema';

export type { TxMode } from './kysely-tx-mode';

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

/** History appended out of order: another transaction appended first (the claim was not locked). */
export class HistoryOrderError extends Error {}

export class KyselyTx extends KyselyLeaseRowsTx implements Tx {
  readonly audit: KyselyAuditTx;
  readonly cpor: KyselyCporTx;
  private pendingChanges: { claim_id: string; kind: string; at: string; version: number | null; actor_id: string | null }[] = [];
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

  async history(claimId: string): Promise<HistoryEntry[]> {
    const { rows } = await runStatement(this.db, this.mode.dialect, 'history', { claimId }, (v) =>
      this.db.selectFrom('history').select(['seq', 'at', 'actor', 'event']).where('claim_id', '=', v.claimId).orderBy('seq'),
    );
    return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, ...(r.event as object) }) as HistoryEntry);
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
  /**
   * Safe under READ COMMITTED: the claim row is locked first, so `seq = last + 1` is checked against committed history no one else can extend.
   * One statement on PostgreSQL: lock the claim (unless this transaction holds it already), check seq follows the last entry, insert, and set `index`.
   */
  async appendHistory(claimId: string, entry: HistoryEntry, index?: ClaimIndex): Promise<void> {
    const { seq, at, actor, ...event } = entry;
    const locks = this.mode.rowLocks && !this.locked.has(claimId);
    const pg = this.mode.dialect === 'postgres';
    const cast = (v: unknown, type: string) => (pg ? sql`cast(${v} as ${sql.raw(type)})` : sql`${v}`);
    const values = { claimId, seq, at, actorId: actor.id, actor: json(actor), event: json(event), previous: seq - 1 };
    const claim = (v: typeof values) => sql`SELECT id FROM claims WHERE id = ${v.claimId} ${locks ? sql`FOR UPDATE` : sql``}`;
    const insert = (v: typeof values) => sql`INSERT INTO history (claim_id, seq, at, actor_id, actor, event)
      SELECT c.id, ${cast(v.seq, 'integer')}, ${cast(v.at, 'timestamptz')}, ${v.actorId}, ${cast(v.actor, 'jsonb')}, ${cast(v.event, 'jsonb')} FROM c
      WHERE coalesce((SELECT max(h.seq) FROM history h WHERE h.claim_id = c.id), 0) = ${cast(v.previous, 'integer')}
      RETURNING seq`;
    let added: number;
    if (pg && index) {
      // The index columns ride in the same statement; their names are fixed, so the statement's shape is too.
      const cols = Object.entries(this.indexColumns(index));
      const withIndex = { ...values, ...Object.fromEntries(cols.map(([k, v]) => [`ix_${k}`, v])) };
      const result = await runStatement(this.db, this.mode.dialect, `append-history-indexed${locks ? '-locking' : ''}`, withIndex, (v) => {
        const set = sql.join(cols.map(([k]) => sql`${sql.id(k)} = ${(v as Record<string, unknown>)[`ix_${k}`]}`));
        return sql<{
          seq: number;
        }>`WITH c AS (${claim(v)}), added AS (${insert(v)}) UPDATE claims SET ${set} FROM added WHERE claims.id = ${v.claimId} RETURNING added.seq`;
      });
      added = result.rows.length;
    } else {
      // One statement: lock the claim (unless this transaction holds it already), check seq follows the last entry, insert.
      const result = await runStatement(
        this.db,
        this.mode.dialect,
        `append-history${locks ? '-locking' : ''}`,
        values,
        (v) => sql<{ seq: number }>`WITH c AS (${claim(v)}) ${insert(v)}`,
      );
      added = result.rows.length;
      if (added && index) await this.setClaimIndex(claimId, index);
    }
    if (!added) throw new HistoryOrderError(`claim ${claimId}: history entry ${seq} does not follow the last one`);
    if (this.mode.rowLocks) this.locked.add(claimId);
    this.pendingChanges.push({ claim_id: claimId, kind: entry.kind, at, version: seq, actor_id: actor.id });
  }

  /** As appendHistory for several claims at once: the entries (and their index columns) travel as one JSON parameter. */
  async appendHistories(appends: readonly HistoryAppend[]): Promise<void> {
    if (appends.length === 0) return;
    if (new Set(appends.map((a) => a.claimId)).size !== appends.length) throw new Error('appendHistories takes at most one entry per claim');
    const pg = this.mode.dialect === 'postgres';
    const rows = appends.map(({ claimId, entry, index }) => {
      const { seq, at, actor, ...event } = entry;
      // PostgreSQL reads actor and event as jsonb; SQLite stores the text as appendHistory writes it.
      return { claim_id: claimId, seq, at, actor_id: actor.id, actor: pg ? actor : json(actor), event: pg ? event : json(event), ...this.indexColumns(index) };
    });
    const added = pg ? await this.appendHistoriesPostgres(json(rows)) : await this.appendHistoriesSqlite(json(rows), rows.length);
    if (added !== appends.length)
      throw new HistoryOrderError(`${appends.length - added} of ${appends.length} history entries do not follow their claim's last one`);
    for (const { claimId, entry } of appends) {
      if (this.mode.rowLocks) this.locked.add(claimId);
      this.pendingChanges.push({ claim_id: claimId, kind: entry.kind, at: entry.at, version: entry.seq, actor_id: entry.actor.id });
    }
  }
  /** One statement: lock the claims (in id order), insert each entry that follows its claim's last, set the index of those. */
  private async appendHistoriesPostgres(rows: string): Promise<number> {
    const { rows: done } = await runStatement(
      this.db,
      'postgres',
      'append-histories',
      { rows },
      (v) => sql<{ id: string }>`WITH v AS (
          SELECT * FROM jsonb_to_recordset(cast(${v.rows} as jsonb)) AS v(claim_id text, seq integer, at timestamptz, actor_id text, actor jsonb,
            event jsonb, version integer, status text, derived_state text, reviewable boolean, urgent_due timestamptz, timer_due timestamptz,
            latest_poe_at timestamptz)),
        c AS (SELECT id FROM claims WHERE id IN (SELECT claim_id FROM v) ORDER BY id FOR UPDATE),
        added AS (
          INSERT INTO history (claim_id, seq, at, actor_id, actor, event)
          SELECT v.claim_id, v.seq, v.at, v.actor_id, v.actor, v.event FROM v JOIN c ON c.id = v.claim_id
          WHERE coalesce((SELECT max(h.seq) FROM history h WHERE h.claim_id = v.claim_id), 0) = v.seq - 1
          RETURNING claim_id)
        UPDATE claims SET version = v.version, status = v.status, derived_state = v.derived_state, reviewable = v.reviewable,
          urgent_due = v.urgent_due, timer_due = v.timer_due, latest_poe_at = v.latest_poe_at
        FROM added JOIN v ON v.claim_id = added.claim_id WHERE claims.id = added.claim_id RETURNING claims.id`,
    );
    return done.length;
  }
  /** Two statements (SQLite's writers never interleave): insert each entry that follows its claim's last; then, when all did, the index columns. */
  private async appendHistoriesSqlite(rows: string, count: number): Promise<number> {
    const { rows: added } = await runStatement(
      this.db,
      'sqlite',
      'append-histories',
      { rows },
      (v) => sql<{ claim_id: string }>`INSERT INTO history (claim_id, seq, at, actor_id, actor, event)
        SELECT c.id, v.value->>'seq', v.value->>'at', v.value->>'actor_id', v.value->>'actor', v.value->>'event'
        FROM json_each(${v.rows}) v JOIN claims c ON c.id = v.value->>'claim_id'
        WHERE coalesce((SELECT max(h.seq) FROM history h WHERE h.claim_id = c.id), 0) = (v.value->>'seq') - 1
        RETURNING claim_id`,
    );
    if (added.length !== count) return added.length;
    await runStatement(
      this.db,
      'sqlite',
      'set-claim-indexes',
      { rows },
      (v) => sql`UPDATE claims SET version = v.value->>'version', status = v.value->>'status', derived_state = v.value->>'derived_state',
          reviewable = v.value->>'reviewable', urgent_due = v.value->>'urgent_due', timer_due = v.value->>'timer_due', latest_poe_at = v.value->>'latest_poe_at'
        FROM json_each(${v.rows}) v WHERE claims.id = v.value->>'claim_id'`,
    );
    return added.length;
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
