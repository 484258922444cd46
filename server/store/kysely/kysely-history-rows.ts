// The history rows of the unit of work: reading a claim's history and appending entries, one claim at a
// time or a pull's worth in one statement, each checked to follow its claim's last entry. Each append is
// buffered as a change for the feed (written at commit by KyselyTx.flushChanges).
import { sql } from 'kysely';
import type { HistoryEntry } from '../../../shared/domain';
import type { ClaimIndex, HistoryAppend } from '../repository';
import { json } from './kysely-claim-rows';
import { KyselyLeaseRowsTx } from './kysely-lease-rows';
import { runStatement } from './statements';

/** History appended out of order: another transaction appended first (the claim was not locked). */
export class HistoryOrderError extends Error {}

export abstract class KyselyHistoryRowsTx extends KyselyLeaseRowsTx {
  /** Changes made in this transaction, written to the feed at commit. */
  protected pendingChanges: { claim_id: string; kind: string; at: string; version: number | null; actor_id: string | null }[] = [];

  async history(claimId: string): Promise<HistoryEntry[]> {
    const { rows } = await runStatement(this.db, this.mode.dialect, 'history', { claimId }, (v) =>
      this.db.selectFrom('history').select(['seq', 'at', 'actor', 'event']).where('claim_id', '=', v.claimId).orderBy('seq'),
    );
    return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, ...(r.event as object) }) as HistoryEntry);
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
}
