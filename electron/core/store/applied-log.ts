// reliability (issue 13): the log of outbox entries the service answered applied (or duplicate), kept
// for a retention period after they leave the outbox. Should the service be restored from a backup
// taken before it applied them, the rebase (../rebase.ts) puts them back into the outbox, at their old
// places, with their ids: the service applies each again exactly once, or answers duplicate. Both lanes
// of the outbox are kept: the reviewer's mutations and the QA lead's audits (and corrections).
import type { Db } from './database';
import type { OutboxLane, OutboxRow } from './queries';

/** An applied entry as kept, with the lane it was pushed in. */
export type AppliedEntry = OutboxRow & { lane: OutboxLane };

/** How long an applied action is kept for a rebase: restores from older backups cannot be rebased fully. */
export const APPLIED_RETENTION_DAYS = 30;

export class AppliedLog {
  constructor(private readonly db: Db) {}

  /** Records an entry the service applied; call in the transaction that removes it from the outbox. */
  record(entry: OutboxRow, at: string, lane: OutboxLane = 'review'): void {
    this.recordAll([entry], at, lane);
  }

  /** Records entries the service applied (a push's answers), then drops those past retention once. */
  recordAll(entries: readonly OutboxRow[], at: string, lane: OutboxLane = 'review'): void {
    const insert = this.db.prepare(
      'INSERT INTO applied_log (id, user_id, claim_id, entry_json, applied_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET applied_at = excluded.applied_at',
    );
    for (const entry of entries) {
      const { server: _server, problem: _problem, ...rest } = entry;
      insert.run(entry.id, entry.userId, entry.claimId, JSON.stringify({ ...rest, lane }), at);
    }
    const cutoff = new Date(Date.parse(at) - APPLIED_RETENTION_DAYS * 86_400_000).toISOString();
    this.db.prepare('DELETE FROM applied_log WHERE applied_at < ?').run(cutoff);
  }

  /** The applied entries of `userId` still kept, in their old outbox order. */
  ofUser(userId: string): AppliedEntry[] {
    const rows = this.db.prepare('SELECT entry_json FROM applied_log WHERE user_id = ?').all(userId) as { entry_json: string }[];
    return rows
      .map((r) => {
        // Entries kept before audits were logged carry no lane: they are the reviewer's.
        const kept = JSON.parse(r.entry_json) as Omit<AppliedEntry, 'server' | 'problem' | 'lane'> & { lane?: OutboxLane };
        return { ...kept, lane: kept.lane ?? 'review', server: null, problem: null };
      })
      .sort((a, b) => a.seq - b.seq);
  }

  /**
   * Puts applied entries back into the outbox, pending, at their old places (their old seq, which the
   * outbox never reuses), counted as attempted (they did reach the service once: never undoable).
   * Removes them from the log.
   */
  restore(entries: readonly AppliedEntry[]): void {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO outbox (seq, id, user_id, claim_id, base_version, kind, payload_json, created_at, state, problem_json, attempts, lane)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', NULL, ?, ?)`,
    );
    const forget = this.db.prepare('DELETE FROM applied_log WHERE id = ?');
    for (const e of entries) {
      insert.run(e.seq, e.id, e.userId, e.claimId, e.baseVersion, e.kind, JSON.stringify(e.payload), e.createdAt, Math.max(1, e.attempts), e.lane);
      forget.run(e.id);
    }
  }

  /** Bases every review entry of `claimId` at most on `version` (the restored service has no later one). */
  clampBase(claimId: string, version: number): void {
    this.db.prepare("UPDATE outbox SET base_version = ? WHERE claim_id = ? AND base_version > ? AND lane = 'review'").run(version, claimId, version);
  }
}
