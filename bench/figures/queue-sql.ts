// The queue query's baseline: the same filter + sort + search written by hand as SQL against the
// workstation's own database file and schema, statements prepared once, rows decoded to the same
// QueueItems. It is what queue.list costs with no layer at all above SQLite.
import type Database from 'better-sqlite3';
import type { QueueItem } from '../../shared/contracts';

/** The queries the figure runs: each filters, sorts and searches, with the renderer's page size. */
export const QUEUE_QUERIES = [
  { filter: { status: ['in-review' as const] }, sort: 'urgency' as const, search: 'contoso', limit: 2_000, offset: 0 },
  { filter: { status: ['in-review' as const, 'rejected' as const] }, sort: 'submitted' as const, search: 'dynamics', limit: 2_000, offset: 0 },
  { filter: { status: ['in-review' as const] }, sort: 'customer' as const, search: 'power bi', limit: 2_000, offset: 0 },
  { filter: { status: ['in-review' as const, 'rejected' as const] }, sort: 'partner' as const, search: 'northwind', limit: 2_000, offset: 0 },
];
export type QueueQueryInput = (typeof QUEUE_QUERIES)[number];

const ORDER_BY: Record<QueueQueryInput['sort'], string> = {
  urgency: 'urgent_due IS NULL, urgent_due, submitted_at, id',
  submitted: 'submitted_at IS NULL, submitted_at, id',
  customer: 'customer_name COLLATE NOCASE, urgent_due IS NULL, urgent_due, id',
  partner: 'partner_name COLLATE NOCASE, urgent_due IS NULL, urgent_due, id',
};

export interface HandQueue {
  run(q: QueueQueryInput): { claims: QueueItem[]; total: number };
}

/** Prepares, on `db`, one count and one page statement per query of QUEUE_QUERIES. */
export function handWrittenQueue(db: Database.Database): HandQueue {
  const prepared = new Map<QueueQueryInput, { count: Database.Statement; page: Database.Statement; params: unknown[] }>();
  for (const q of QUEUE_QUERIES) {
    const where: string[] = ['in_batch = 1', 'item_json IS NOT NULL'];
    const params: unknown[] = [];
    const filter = q.filter as { status?: string[]; derivedState?: string[] };
    if (filter.status?.length) { where.push(`status IN (${filter.status.map(() => '?').join(', ')})`); params.push(...filter.status); }
    if (filter.derivedState?.length) { where.push(`derived_state IN (${filter.derivedState.map(() => '?').join(', ')})`); params.push(...filter.derivedState); }
    for (const word of q.search.toLowerCase().split(/\s+/).filter(Boolean)) {
      where.push("search_text LIKE ? ESCAPE '\\'");
      params.push(`%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
    const clause = where.join(' AND ');
    prepared.set(q, {
      params,
      count: db.prepare(`SELECT count(*) FROM claims WHERE ${clause}`).pluck(),
      page: db.prepare(`
        SELECT item_json,
          (SELECT count(*) FROM outbox WHERE claim_id = claims.id AND state = 'pending') AS pending,
          EXISTS (SELECT 1 FROM outbox WHERE claim_id = claims.id AND state <> 'pending') AS conflict
        FROM claims WHERE ${clause} ORDER BY ${ORDER_BY[q.sort]} LIMIT ? OFFSET ?`),
    });
  }
  return {
    run(q) {
      const s = prepared.get(q);
      if (!s) throw new Error('not one of QUEUE_QUERIES');
      const total = s.count.get(...s.params) as number;
      const rows = s.page.all(...s.params, q.limit, q.offset) as { item_json: string; pending: number; conflict: number }[];
      return { total, claims: rows.map((r) => ({ ...(JSON.parse(r.item_json) as QueueItem), pending: r.pending, conflict: r.conflict === 1 })) };
    },
  };
}
