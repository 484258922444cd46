// The outbox's table (migrations 1, 6 and 8): every action recorded on this workstation that the review
// service has not answered yet, in one table with one set of states (pending, conflict, invalid),
// attempts, failure strikes and exports. A lane says who pushes an entry: the reviewer's mutations
// ('review', POST /mutations in batches) or the QA lead's audits ('audit', one submission each). Also the
// log of explicitly discarded actions. Callers get domain types, never rows.
import type { Claim, MutationKind, OutboxEntry, Problem } from '../../../shared/contracts';
import type { Db } from './database';

export type OutboxState = OutboxEntry['state'];
/** Which push an entry goes out with; every method reads the review lane unless told otherwise. */
export type OutboxLane = 'review' | 'audit';
/** The kind of an audit entry: an audit (or a correction) as submitted. */
export const AUDIT_SUBMIT_KIND = 'audit-submit';

export interface OutboxRow {
  seq: number;
  id: string;
  userId: string;
  claimId: string;
  baseVersion: number;
  kind: MutationKind;
  payload: Record<string, unknown>;
  createdAt: string;
  state: OutboxState;
  problem: Problem | null;
  attempts: number;
  /** The service's claim as it answered a conflict or invalid outcome. */
  server: Claim | null;
}

const json = (v: unknown): string => JSON.stringify(v);
const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

/** An outbox row as SQLite returns it (also read by the salvage of a damaged profile). */
export interface RawOutbox {
  seq: number;
  id: string;
  user_id: string;
  claim_id: string;
  base_version: number;
  kind: string;
  payload_json: string;
  created_at: string;
  state: OutboxState;
  problem_json: string | null;
  attempts: number;
  server_json: string | null;
}
const outboxRow = (r: RawOutbox): OutboxRow => ({
  seq: r.seq,
  id: r.id,
  userId: r.user_id,
  claimId: r.claim_id,
  baseVersion: r.base_version,
  kind: r.kind as MutationKind,
  payload: JSON.parse(r.payload_json) as Record<string, unknown>,
  createdAt: r.created_at,
  state: r.state,
  problem: parse<Problem>(r.problem_json),
  attempts: r.attempts,
  server: parse<Claim>(r.server_json),
});

export const toEntry = (r: OutboxRow): OutboxEntry => ({
  id: r.id,
  claimId: r.claimId,
  baseVersion: r.baseVersion,
  kind: r.kind,
  payload: r.payload,
  createdAt: r.createdAt,
  state: r.state,
  problem: r.problem,
  attempts: r.attempts,
});

/** The outbox and discarded-action tables; the Store (queries.ts) builds on these. */
export class OutboxTables {
  constructor(readonly db: Db) {}

  private rows(sql: string, ...args: unknown[]): OutboxRow[] {
    return (this.db.prepare(sql).all(...args) as RawOutbox[]).map(outboxRow);
  }

  /** Inserts the entry; returns its place in the outbox (its seq). */
  insertOutbox(r: Omit<OutboxRow, 'seq' | 'server'>, lane: OutboxLane = 'review'): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO outbox (id, user_id, claim_id, base_version, kind, payload_json, created_at, state, problem_json, attempts, lane)
         VALUES (@id, @userId, @claimId, @baseVersion, @kind, @payload, @createdAt, @state, @problem, @attempts, @lane)`,
      )
      .run({ ...r, payload: json(r.payload), problem: r.problem && json(r.problem), lane });
    return Number(lastInsertRowid);
  }
  outboxEntry(id: string, lane: OutboxLane = 'review'): OutboxRow | null {
    const r = this.db.prepare('SELECT * FROM outbox WHERE id = ? AND lane = ?').get(id, lane) as RawOutbox | undefined;
    return r ? outboxRow(r) : null;
  }
  /** The state of each of these entries still in the outbox (one statement for a whole push batch; absent: gone). */
  outboxStates(ids: readonly string[], lane: OutboxLane = 'review'): Map<string, OutboxState> {
    const rows = this.db.prepare('SELECT id, state FROM outbox WHERE id IN (SELECT value FROM json_each(?)) AND lane = ?').all(json(ids), lane) as {
      id: string;
      state: OutboxState;
    }[];
    return new Map(rows.map((r) => [r.id, r.state]));
  }
  /** Entries of one claim in outbox order, optionally only in the given states. */
  outboxForClaim(claimId: string, states?: readonly OutboxState[], lane: OutboxLane = 'review'): OutboxRow[] {
    return this.rows('SELECT * FROM outbox WHERE claim_id = ? AND lane = ? ORDER BY seq', claimId, lane).filter((r) => !states || states.includes(r.state));
  }
  /** The next pending entries of `userId` to push, oldest first (never those exported to another machine). */
  pendingOutbox(userId: string, limit: number, lane: OutboxLane = 'review'): OutboxRow[] {
    return this.rows(
      "SELECT * FROM outbox WHERE state = 'pending' AND user_id = ? AND lane = ? AND exported_at IS NULL ORDER BY seq LIMIT ?",
      userId,
      lane,
      limit,
    );
  }
  /** Marks entries as handed to another machine by outbox.export: they stay, are never pushed from here. */
  markExported(ids: readonly string[], at: string): void {
    const st = this.db.prepare('UPDATE outbox SET exported_at = coalesce(exported_at, ?) WHERE id = ?');
    for (const id of ids) st.run(at, id);
  }
  /** When the entry was exported to another machine, or null. */
  exportedAt(id: string): string | null {
    return (this.db.prepare('SELECT exported_at FROM outbox WHERE id = ?').get(id) as { exported_at: string | null } | undefined)?.exported_at ?? null;
  }
  /** Every review entry of `userId`, pending or not, in outbox order. */
  outboxOfUser(userId: string): OutboxRow[] {
    return this.rows("SELECT * FROM outbox WHERE user_id = ? AND lane = 'review' ORDER BY seq", userId);
  }
  /** Review entries the service answered with a conflict or invalid, for the conflicts view. */
  unresolvedOutbox(): OutboxRow[] {
    return this.rows("SELECT * FROM outbox WHERE state <> 'pending' AND lane = 'review' ORDER BY seq");
  }
  lastOutbox(userId: string): OutboxRow | null {
    const r = this.db.prepare("SELECT * FROM outbox WHERE user_id = ? AND lane = 'review' ORDER BY seq DESC LIMIT 1").get(userId) as RawOutbox | undefined;
    return r ? outboxRow(r) : null;
  }
  /** Pending entries of every lane (what waits to sync) and the review lane's conflicts (the conflicts view). */
  outboxCounts(): { pending: number; conflicts: number } {
    return this.db
      .prepare("SELECT coalesce(sum(state = 'pending'), 0) AS pending, coalesce(sum(state <> 'pending' AND lane = 'review'), 0) AS conflicts FROM outbox")
      .get() as { pending: number; conflicts: number };
  }
  /** One lane's pending and answered (conflict or invalid) entries of `userId`. */
  laneCounts(userId: string, lane: OutboxLane): { pending: number; refused: number } {
    return this.db
      .prepare(
        "SELECT coalesce(sum(state = 'pending'), 0) AS pending, coalesce(sum(state <> 'pending'), 0) AS refused FROM outbox WHERE user_id = ? AND lane = ?",
      )
      .get(userId, lane) as { pending: number; refused: number };
  }
  /** Users other than `userId` who still have unsynced entries in this profile (any lane). */
  otherOutboxUsers(userId: string): string[] {
    return (this.db.prepare('SELECT DISTINCT user_id FROM outbox WHERE user_id <> ?').all(userId) as { user_id: string }[]).map((r) => r.user_id);
  }
  deleteOutbox(id: string): void {
    this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
  }
  /** Counts a push of these entries, before it is sent: attempts > 0 means the service may have them. */
  countAttempts(ids: readonly string[]): void {
    const st = this.db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE id = ?');
    for (const id of ids) st.run(id);
  }
  /** Takes back the count of a push that certainly never reached the service (or that it refused whole). */
  uncountAttempts(ids: readonly string[]): void {
    const st = this.db.prepare('UPDATE outbox SET attempts = max(attempts - 1, 0) WHERE id = ?');
    for (const id of ids) st.run(id);
  }
  // ── reliability (issue 13): failure strikes of one entry (push isolation) ──
  /** Counts one more failure of this entry pushed alone while the service answered others; returns the count. */
  strikeOutbox(id: string): number {
    this.db.prepare('UPDATE outbox SET strikes = strikes + 1 WHERE id = ?').run(id);
    return (this.db.prepare('SELECT strikes FROM outbox WHERE id = ?').get(id) as { strikes: number } | undefined)?.strikes ?? 0;
  }
  markOutbox(id: string, state: OutboxState, problem: Problem | null, server: Claim | null): void {
    this.db
      .prepare('UPDATE outbox SET state = ?, problem_json = ?, server_json = ? WHERE id = ?')
      .run(state, problem && json(problem), server && json(server), id);
  }
  /** Moves a review entry to the end of the outbox, based on `baseVersion`, pending again. */
  requeueOutbox(id: string, baseVersion: number): void {
    const r = this.outboxEntry(id);
    if (!r) return;
    this.deleteOutbox(id);
    // The service answered it (conflict or invalid), so it never applied it: no attempt is outstanding.
    // Set aside after repeated failures (a 5xx problem), it may have been applied: the attempts stay.
    this.insertOutbox({ ...r, baseVersion, state: 'pending', problem: null, attempts: r.problem && r.problem.status >= 500 ? r.attempts : 0 });
  }
  logDiscarded(entry: OutboxEntry, server: Claim | null, at: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO discarded (id, entry_json, server_json, discarded_at) VALUES (?, ?, ?, ?)')
      .run(entry.id, json(entry), server && json(server), at);
  }
  discardedLog(): { entry: OutboxEntry; server: Claim | null; discardedAt: string }[] {
    const rows = this.db.prepare('SELECT * FROM discarded ORDER BY discarded_at').all() as {
      entry_json: string;
      server_json: string | null;
      discarded_at: string;
    }[];
    return rows.map((r) => ({ entry: JSON.parse(r.entry_json) as OutboxEntry, server: parse<Claim>(r.server_json), discardedAt: r.discarded_at }));
  }
}
