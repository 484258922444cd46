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
  urgency: 'q.urgency_key, q.submitted_key, q.id',
  submitted: 'q.submitted_key, q.id',
  customer: 'q.customer_key, q.urgency_key, q.id',
  partner: 'q.partner_key, q.urgency_key, q.id',
};
/** The sort's index: its keys, then the filter columns and the search text, so each entry is tested in the index. */
const SORT_INDEX: Record<QueueQueryInput['sort'], string> = {
  urgency: 'queue_by_urgency',
  submitted: 'queue_by_submitted',
  customer: 'queue_by_customer',
  partner: 'queue_by_partner',
};
/** The count the queue shows stops here ("2,000+"), in the baseline as in queue.list. */
const COUNT_CAP = 2_000;

export interface HandQueue {
  run(q: QueueQueryInput): { claims: QueueItem[]; total: number; capped: boolean };
}

interface Prepared {
  /** The filter's and the words' parameters; `matched` adds the FTS5 query, for the statements through the matches. */
  params: unknown[];
  matched: unknown[];
  count: Database.Statement;
  /** The page by sorting the search's matches: when the count read all of them (fewer than the cap). */
  pageOfMatches: Database.Statement | null;
  /** The page by walking the sort's index in order, each entry tested: when at least the cap's worth qualify. */
  pageOnIndex: Database.Statement;
}

/**
 * Prepares, on `db`, the capped count and both page statements of each query of QUEUE_QUERIES, written by
 * hand on the index and the FTS5 trigram table built for them: the count runs through the FTS5 matches
 * (rowid order, joined to the row, stopping past the cap); the page sorts those matches when they are
 * fewer than the cap, else walks the sort's covering index and stops after the page.
 */
export function handWrittenQueue(db: Database.Database): HandQueue {
  const prepared = new Map<QueueQueryInput, Prepared>();
  for (const q of QUEUE_QUERIES) {
    const where: string[] = ['q.in_batch = 1'];
    const params: unknown[] = [];
    const filter = q.filter as { status?: string[]; derivedState?: string[] };
    if (filter.status?.length) {
      where.push(`q.status IN (${filter.status.map(() => '?').join(', ')})`);
      params.push(...filter.status);
    }
    if (filter.derivedState?.length) {
      where.push(`q.derived_state IN (${filter.derivedState.map(() => '?').join(', ')})`);
      params.push(...filter.derivedState);
    }
    const words = q.search.toLowerCase().split(/\s+/).filter(Boolean);
    const filtered = where.join(' AND ');
    const like = (w: string) => `%${w.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    // Trigrams need 3 characters: the FTS5 table (no case folding) finds the longer words, exactly as
    // substrings of the lowercased text; the shorter ones ("bi") are LIKE on the row's text.
    const long = words.filter((w) => [...w].length >= 3);
    const short = words.filter((w) => [...w].length < 3);
    const matches = `queue_fts f CROSS JOIN queue q ON q.rowid = f.rowid WHERE f.queue_fts MATCH ? AND ${[filtered, ...short.map(() => "q.search_text LIKE ? ESCAPE '\\'")].join(' AND ')}`;
    const matched = [long.map((w) => `"${w}"`).join(' AND '), ...params, ...short.map(like)];
    // Along the sort's index every word is LIKE on the index entry.
    const onIndex = `queue q INDEXED BY ${SORT_INDEX[q.sort]} WHERE ${[filtered, ...words.map(() => "q.search_text LIKE ? ESCAPE '\\'")].join(' AND ')}`;
    params.push(...words.map(like));
    prepared.set(q, {
      params,
      matched,
      count: db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${long.length ? matches : onIndex} LIMIT ${COUNT_CAP + 1})`),
      pageOfMatches: long.length ? db.prepare(`SELECT q.item_json, q.pending, q.conflict FROM ${matches} ORDER BY ${ORDER_BY[q.sort]} LIMIT ?`) : null,
      pageOnIndex: db.prepare(`SELECT q.item_json, q.pending, q.conflict FROM ${onIndex} ORDER BY ${ORDER_BY[q.sort]} LIMIT ?`),
    });
  }
  return {
    run(q) {
      const s = prepared.get(q);
      if (!s) throw new Error('not one of QUEUE_QUERIES');
      const n = (s.count.get(...(s.pageOfMatches ? s.matched : s.params)) as { n: number }).n;
      const sorted = s.pageOfMatches && n <= COUNT_CAP ? s.pageOfMatches : null;
      const page = sorted ? sorted.all(...s.matched, q.limit + 1) : s.pageOnIndex.all(...s.params, q.limit + 1);
      // one row past the page says whether a next page exists, as queue.list's cursor does
      const rows = (page as { item_json: string; pending: number; conflict: number }[]).slice(0, q.limit);
      return {
        total: Math.min(n, COUNT_CAP),
        capped: n > COUNT_CAP,
        claims: rows.map((r) => ({ ...(JSON.parse(r.item_json) as QueueItem), pending: r.pending, conflict: r.conflict === 1 })),
      };
    },
  };
}
