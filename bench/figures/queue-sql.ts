// The queue query's baseline: the same filter + sort + search written by hand as SQL on the index and
// the FTS5 trigram table built for them (the workstation's own file), statements prepared once, rows
// decoded to the same QueueItems, the count capped the same way. What queue.list costs with no layer.
import type Database from 'better-sqlite3';
import { QUEUE_PAGE_SIZE, type QueueItem } from '../../shared/contracts';

/**
 * The queries the figure runs: each filters, sorts and searches, and asks for the page the renderer's
 * list asks for first (QUEUE_PAGE_SIZE rows, then the next by its cursor as it scrolls) with the capped count.
 */
export const QUEUE_QUERIES = [
  { filter: { status: ['in-review' as const] }, sort: 'urgency' as const, search: 'contoso', limit: QUEUE_PAGE_SIZE },
  { filter: { status: ['in-review' as const, 'rejected' as const] }, sort: 'submitted' as const, search: 'dynamics', limit: QUEUE_PAGE_SIZE },
  { filter: { status: ['in-review' as const] }, sort: 'customer' as const, search: 'power bi', limit: QUEUE_PAGE_SIZE },
  { filter: { status: ['in-review' as const, 'rejected' as const] }, sort: 'partner' as const, search: 'northwind', limit: QUEUE_PAGE_SIZE },
];
export type QueueQueryInput = (typeof QUEUE_QUERIES)[number];

const ORDER_BY: Record<QueueQueryInput['sort'], string> = {
  urgency: 'urgency_key, submitted_key, id',
  submitted: 'submitted_key, id',
  customer: 'customer_key, urgency_key, id',
  partner: 'partner_key, urgency_key, id',
};
/** The count the queue shows stops here ("2,000+"), in the baseline as in queue.list. */
const COUNT_CAP = 2_000;

export interface HandQueue {
  run(q: QueueQueryInput): { claims: QueueItem[]; total: number; capped: boolean };
}

/**
 * Prepares, on `db`, one capped count and one page statement per query of QUEUE_QUERIES, written by
 * hand on the index and the FTS5 trigram table built for them (every word here has 3+ characters).
 */
export function handWrittenQueue(db: Database.Database): HandQueue {
  const prepared = new Map<QueueQueryInput, { count: Database.Statement; page: Database.Statement; params: unknown[] }>();
  for (const q of QUEUE_QUERIES) {
    const where: string[] = ['in_batch = 1'];
    const params: unknown[] = [];
    const filter = q.filter as { status?: string[]; derivedState?: string[] };
    if (filter.status?.length) {
      where.push(`status IN (${filter.status.map(() => '?').join(', ')})`);
      params.push(...filter.status);
    }
    if (filter.derivedState?.length) {
      where.push(`derived_state IN (${filter.derivedState.map(() => '?').join(', ')})`);
      params.push(...filter.derivedState);
    }
    const words = q.search.toLowerCase().split(/\s+/).filter(Boolean);
    // Trigrams need 3 characters: shorter words ("bi") scan the row's text.
    const long = words.filter((w) => [...w].length >= 3);
    if (long.length) {
      where.push('rowid IN (SELECT rowid FROM queue_fts WHERE queue_fts MATCH ?)');
      params.push(long.map((w) => `"${w}"`).join(' AND '));
    }
    for (const w of words.filter((x) => [...x].length < 3)) {
      where.push("search_text LIKE ? ESCAPE '\\'");
      params.push(`%${w.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
    const clause = where.join(' AND ');
    prepared.set(q, {
      params,
      count: db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM queue WHERE ${clause} LIMIT ${COUNT_CAP + 1})`),
      page: db.prepare(`SELECT item_json, pending, conflict FROM queue WHERE ${clause} ORDER BY ${ORDER_BY[q.sort]} LIMIT ?`),
    });
  }
  return {
    run(q) {
      const s = prepared.get(q);
      if (!s) throw new Error('not one of QUEUE_QUERIES');
      const n = (s.count.get(...s.params) as { n: number }).n;
      // one row past the page says whether a next page exists, as queue.list's cursor does
      const rows = (s.page.all(...s.params, q.limit + 1) as { item_json: string; pending: number; conflict: number }[]).slice(0, q.limit);
      return {
        total: Math.min(n, COUNT_CAP),
        capped: n > COUNT_CAP,
        claims: rows.map((r) => ({ ...(JSON.parse(r.item_json) as QueueItem), pending: r.pending, conflict: r.conflict === 1 })),
      };
    },
  };
}
