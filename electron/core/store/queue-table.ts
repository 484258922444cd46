// The queue's own narrow table (migration 5): one row per cached claim with a sort key and an index per
// sort (carrying the filter columns and search text, migration 10), FTS5 trigram search (zh-TW
// included), a capped count through the search's matches, a page that sorts the matches when they are
// few and walks the sort's index when they are many, and the next claim as LIMIT 1 on a partial index.
// Rows are written only from a claim's local view (context.reindex); nothing here derives a state.
import type { QueueItem } from '../../../shared/contracts';
import type { Db } from './database';
import { badInput, fail } from '../problems';
import type { QueueIndex, QueueSelect } from './queries';

/** Counting stops here: the queue says "2,000+" rather than walking every row. */
export const QUEUE_COUNT_CAP = 2_000;

const STATUS_RANK: Record<string, number> = { submitted: 1, 'in-review': 2, 'partner-action-needed': 3, rejected: 4, approved: 5 };
/** Sorts after every ISO instant: no deadline or no submission sorts last. */
const LAST = '~';

/** Each sort's key, the columns of its index after in_batch: the ORDER BY and the keyset cursor. */
const KEYS: Record<QueueSelect['sort'], string[]> = {
  urgency: ['urgency_key', 'submitted_key', 'id'],
  target: ['target_key', 'urgency_key', 'id'],
  submitted: ['submitted_key', 'id'],
  partner: ['partner_key', 'urgency_key', 'id'],
  customer: ['customer_key', 'urgency_key', 'id'],
  status: ['status_rank', 'urgency_key', 'id'],
};

/** The index of each sort: its key columns, then the filter columns and the search text (migration 10). */
const SORT_INDEX: Record<QueueSelect['sort'], string> = {
  urgency: 'queue_by_urgency',
  target: 'queue_by_target',
  submitted: 'queue_by_submitted',
  partner: 'queue_by_partner',
  customer: 'queue_by_customer',
  status: 'queue_by_status',
};

/** A page's cursor: the sort and the key of its last row, opaque to the page (base64url JSON). */
function encodeCursor(sort: string, key: unknown[]): string {
  return Buffer.from(JSON.stringify([sort, ...key])).toString('base64url');
}

function decodeCursor(sort: QueueSelect['sort'], after: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const key = Array.isArray(parsed) && parsed[0] === sort ? parsed.slice(1) : null;
  if (!key || key.length !== KEYS[sort].length || !key.every((v) => typeof v === 'string' || typeof v === 'number')) {
    fail(badInput('after', `not a cursor of the ${sort} sort: pass the "next" of the previous page, with the same sort`));
  }
  return key;
}

/** The row's columns besides its id and item, compared with the stored row before an update. */
const KEY_COLUMNS = [
  'in_batch',
  'status',
  'derived_state',
  'urgent_due',
  'urgency_key',
  'target_key',
  'submitted_key',
  'partner_key',
  'customer_key',
  'status_rank',
  'pending',
  'conflict',
  'local_decision',
  'stale_at',
  'search_text',
] as const;
type KeyColumn = (typeof KEY_COLUMNS)[number];
/** The stored row's key columns (rid null: no row yet) and whether the claim is in the batch, in one read. */
const OLD_ROW_SQL = `SELECT q.rowid AS rid, ${KEY_COLUMNS.map((c) => `q.${c}`).join(', ')}, coalesce((SELECT in_batch FROM claims WHERE id = ?), 0) AS batch
  FROM (SELECT 1) LEFT JOIN queue q ON q.id = ?`;
const INSERT_SQL = `INSERT INTO queue (id, ${KEY_COLUMNS.join(', ')}, item_json) VALUES (${['id', ...KEY_COLUMNS, 'item_json'].map(() => '?').join(', ')})`;
/** The UPDATE of the key columns in `mask` (bit i: KEY_COLUMNS[i]) and the item, by rowid; built once per mask. */
const updates = new Map<number, string>();
function updateSql(mask: number): string {
  let sql = updates.get(mask);
  if (!sql) {
    const set = [...KEY_COLUMNS.filter((_, i) => mask & (1 << i)), 'item_json'];
    sql = `UPDATE queue SET ${set.map((c) => `${c} = ?`).join(', ')} WHERE rowid = ?`;
    updates.set(mask, sql);
  }
  return sql;
}

const json = (v: unknown): string => JSON.stringify(v);
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** An FTS5 phrase: the word in double quotes, inner quotes doubled, so no query syntax gets through. */
const phrase = (w: string): string => `"${w.replace(/"/g, '""')}"`;

interface ItemRow {
  item_json: string;
  pending: number;
  conflict: number;
}
const toItem = (r: ItemRow): QueueItem => ({ ...(JSON.parse(r.item_json) as QueueItem), pending: r.pending, conflict: r.conflict === 1 });

export class QueueTable {
  constructor(private readonly db: Db) {}

  /** Statements are cached by SQL text on the connection (database.ts: cacheStatements). */
  private st(sql: string) {
    return this.db.prepare<unknown[]>(sql);
  }

  /**
   * Writes the claim's row; whether it is in the batch is the claims table's say. An existing row gets
   * only the columns whose value moved (and its item): SQLite rewrites every index on a column named
   * in an UPDATE, changed or not, and a checklist tick or a comment moves no sort key, so it writes one
   * page of the table instead of nine (its indexes, and FTS5 only when the search text moved).
   */
  put(id: string, ix: QueueIndex, pending: number, conflict: boolean): void {
    const old = this.st(OLD_ROW_SQL).get(id, id) as (Record<KeyColumn, string | number | null> & { rid: number | null; batch: number }) | undefined;
    const values: (string | number | null)[] = [
      old?.batch ?? 0,
      ix.status,
      ix.derivedState,
      ix.urgentDue,
      ix.urgentDue ?? LAST,
      ix.targetDue ?? LAST,
      ix.submittedAt ?? LAST,
      ix.partnerName.toLowerCase(),
      ix.customerName.toLowerCase(),
      STATUS_RANK[ix.status] ?? 6,
      pending,
      conflict ? 1 : 0,
      ix.item.localDecision,
      ix.staleAt,
      ix.searchText,
    ];
    const item = json(ix.item);
    if (!old || old.rid === null) {
      this.st(INSERT_SQL).run(id, ...values, item);
      return;
    }
    let mask = 0;
    const moved: (string | number | null)[] = [];
    KEY_COLUMNS.forEach((c, i) => {
      if (old[c] === values[i]) return;
      mask |= 1 << i;
      moved.push(values[i]!);
    });
    this.st(updateSql(mask)).run(...moved, item, old.rid);
  }

  setInBatch(id: string, inBatch: boolean): void {
    this.st('UPDATE queue SET in_batch = ? WHERE id = ?').run(inBatch ? 1 : 0, id);
  }

  /** Drops rows of claims the store no longer holds. */
  forgetMissing(): void {
    this.st('DELETE FROM queue WHERE id NOT IN (SELECT id FROM claims)').run();
  }

  /** The row as the queue shows it, or null when the claim is not in the batch. */
  item(id: string): QueueItem | null {
    const r = this.st('SELECT item_json, pending, conflict FROM queue WHERE id = ? AND in_batch = 1').get(id) as ItemRow | undefined;
    return r ? toItem(r) : null;
  }

  /** Claims whose row must be (re)built: none yet (first open after the migration) or a derived state due to move by `now`. */
  staleIds(now: string): string[] {
    return (
      this.st(
        `SELECT id FROM claims WHERE id NOT IN (SELECT id FROM queue)
       UNION SELECT id FROM queue WHERE stale_at IS NOT NULL AND stale_at <= ?`,
      ).all(now) as { id: string }[]
    ).map((r) => r.id);
  }

  /** The most urgent claim still awaiting the reviewer's decision, other than `except`: LIMIT 1 on the partial index. */
  next(except: string | null): string | null {
    const r = this.st(
      `SELECT id FROM queue INDEXED BY queue_next
       WHERE in_batch = 1 AND local_decision IS NULL AND conflict = 0 AND (status = 'in-review' OR derived_state = 'disputed') AND id IS NOT ?
       ORDER BY urgency_key, submitted_key, id LIMIT 1`,
    ).get(except) as { id: string } | undefined;
    return r?.id ?? null;
  }

  /** One page in the sort's order after the cursor `q.after` (keyset on the sort's index; never OFFSET), and the cursor of the next. */
  list(q: QueueSelect): { items: QueueItem[]; total: number; capped: boolean; next: string | null } {
    const where = ['q.in_batch = 1'];
    const params: Record<string, unknown> = {};
    // One parameter per value: a literal list is tested on each entry without a lookup table.
    const oneOf = (column: string, name: string, values: readonly string[] | undefined) => {
      if (!values?.length) return;
      values.forEach((v, i) => (params[`${name}${i}`] = v));
      where.push(`${column} IN (${values.map((_, i) => `@${name}${i}`).join(', ')})`);
    };
    oneOf('q.status', 's', q.statuses);
    oneOf('q.derived_state', 'd', q.derivedStates);
    if (q.dueBefore !== undefined) {
      where.push('q.urgent_due IS NOT NULL AND q.urgent_due < @dueBefore');
      params.dueBefore = q.dueBefore;
    }
    if (q.dueAfter !== undefined) {
      where.push('q.urgent_due >= @dueAfter');
      params.dueAfter = q.dueAfter;
    }
    if (q.pendingOnly) where.push('q.pending > 0');
    // Every word is a substring of the row's lowercased search text. Words of 3+ characters have
    // trigrams: the FTS5 phrase (no case folding, migration 10) is exactly that test, and lists the rows
    // in rowid order. A shorter word is LIKE on lowercased text, escaped. The index walk tests every
    // word with LIKE on the index entry.
    const long = q.words.filter((w) => [...w].length >= 3);
    const likes: string[] = [];
    const short: string[] = [];
    q.words.forEach((w, i) => {
      const like = `q.search_text LIKE @w${i} ESCAPE '\\'`;
      likes.push(like);
      if ([...w].length < 3) short.push(like);
      params[`w${i}`] = `%${likeEscape(w)}%`;
    });
    if (long.length) params.match = long.map(phrase).join(' AND ');
    const filter = where.join(' AND ');
    const throughMatches = `queue_fts f CROSS JOIN queue q ON q.rowid = f.rowid WHERE f.queue_fts MATCH @match AND ${[filter, ...short].join(' AND ')}`;
    const alongIndex = `queue q INDEXED BY ${SORT_INDEX[q.sort]} WHERE ${[filter, ...likes].join(' AND ')}`;
    // The count is of the whole filtered queue, not of what follows the cursor, and stops past the cap:
    // through the search's matches when it has long words, else along the sort's index.
    const countSql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${long.length ? throughMatches : alongIndex} LIMIT ${QUEUE_COUNT_CAP + 1})`;
    const counted = (this.st(countSql).get(params) as { n: number }).n;
    // The page: when the count read every match (fewer than the cap), sort those; otherwise at least
    // the cap's worth of rows qualify, and walking the sort's index in order stops after the page.
    const keys = KEYS[q.sort];
    const cols = keys.map((k) => `q.${k}`).join(', ');
    let after = '';
    if (q.after !== undefined) {
      decodeCursor(q.sort, q.after).forEach((v, i) => (params[`k${i}`] = v));
      after = ` AND (${cols}) > (${keys.map((_, i) => `@k${i}`).join(', ')})`;
    }
    const from = long.length && counted <= QUEUE_COUNT_CAP ? throughMatches : alongIndex;
    const rows = this.st(`SELECT q.item_json, q.pending, q.conflict, ${cols} FROM ${from}${after} ORDER BY ${cols} LIMIT @limit`).all({
      ...params,
      limit: q.limit + 1,
    }) as (ItemRow & Record<string, unknown>)[];
    const more = rows.length > q.limit;
    const shown = more ? rows.slice(0, q.limit) : rows;
    const last = shown.at(-1);
    return {
      items: shown.map(toItem),
      total: Math.min(counted, QUEUE_COUNT_CAP),
      capped: counted > QUEUE_COUNT_CAP,
      next:
        more && last
          ? encodeCursor(
              q.sort,
              keys.map((k) => last[k]),
            )
          : null,
    };
  }
}
