// The queue's own table: trigram search in English and Traditional Chinese (short words too), a count
// that stops at its cap, the next claim on its partial index, and a profile that opens without
// rebuilding every row.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkstationCore } from '../../electron/core/core';
import { factsOf } from '../../electron/core/local-view';
import { QUEUE_COUNT_CAP } from '../../electron/core/store/queue-table';
import { materialize, type Claim } from '../../shared/contracts';
import { DEFAULT_CALENDAR, type HistoryEntry } from '../../shared/domain';
import { removeDir, tempDir } from '../support/service';
import { claimFixture } from './fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

async function profile(n: number, name: (i: number) => string = () => 'Wide World Importers') {
  const profileDir = tempDir('poe-queue-');
  dirs.push(profileDir);
  const core = await WorkstationCore.open({ profileDir, now: () => '2026-11-02T10:00:00.000Z' });
  core.store.transaction(() => {
    for (let i = 0; i < n; i++) {
      const c = claimFixture(`CLM-${String(i).padStart(5, '0')}`, [], `2026-11-02T09:${String(i % 60).padStart(2, '0')}:00.000Z`);
      core.ctx.acceptServerClaim({ ...c, customer: { ...c.customer, name: name(i) } }, true);
    }
  });
  return { core, profileDir };
}
const list = (core: WorkstationCore, words: string[], over = {}) => core.store.listQueue({ words, sort: 'urgency', limit: 50, ...over });

/** The fixture's claim with more history after its review started. */
function withHistory(c: Claim, more: Record<string, unknown>[]): Claim {
  const history = [...c.history, ...more.map((e, i) => ({ ...e, seq: c.history.length + 1 + i }) as HistoryEntry)];
  return materialize(factsOf(c), history, { now: history.at(-1)!.at, calendar: DEFAULT_CALENDAR, lease: c.lease, competing: [] });
}

describe('the queue table', () => {
  it('sorts by the 10-day decision target, which a round of information requests does not move, and carries the rounds', async () => {
    const { core } = await profile(0);
    const partner = { id: 'u-p1', name: 'Partner One', role: 'partner' } as const;
    const reviewer = { id: 'u-rev1', name: 'Reviewer One', role: 'reviewer' } as const;
    // A: review started Monday 2 November, a round of requests, resubmitted 10 November: review due 17 November, target 16 November.
    const a = withHistory(claimFixture('CLM-A', [], '2026-11-02T09:00:00.000Z'), [
      { at: '2026-11-03T09:00:00.000Z', actor: reviewer, kind: 'info-requested', reasons: [], message: 'the signature?' },
      { at: '2026-11-10T09:00:00.000Z', actor: partner, kind: 'resubmitted', message: null },
    ]);
    // B: review started Thursday 5 November: review due 12 November, target 19 November.
    const b = claimFixture('CLM-B', [], '2026-11-05T09:00:00.000Z');
    try {
      core.store.transaction(() => [a, b].forEach((c) => core.ctx.acceptServerClaim(c, true)));
      expect(list(core, []).items.map((c) => c.id)).toEqual(['CLM-B', 'CLM-A']);
      const byTarget = list(core, [], { sort: 'target' }).items;
      expect(byTarget.map((c) => [c.id, c.decisionTarget?.dueAt, c.infoRounds])).toEqual([
        ['CLM-A', '2026-11-16T23:59:59.999Z', 1],
        ['CLM-B', '2026-11-19T23:59:59.999Z', 0],
      ]);
    } finally {
      await core.close();
    }
  });

  it('finds claims by any part of a word, in Traditional Chinese as in English, short words included', async () => {
    const { core } = await profile(4, (i) => ['台北市立動物園股份有限公司', 'Northwind Traders', '高雄港務', 'Fabrikam'][i]!);
    try {
      expect(list(core, ['動物園']).items.map((c) => c.customer.name)).toEqual(['台北市立動物園股份有限公司']);
      expect(list(core, ['高雄']).items.map((c) => c.customer.name)).toEqual(['高雄港務']);
      expect(list(core, ['northwind', 'trad']).items.map((c) => c.customer.name)).toEqual(['Northwind Traders']);
      expect(list(core, ['"fab']).items).toEqual([]);
      expect(list(core, ['ikam']).items.map((c) => c.customer.name)).toEqual(['Fabrikam']);
    } finally {
      await core.close();
    }
  });

  it('pages by keyset in every sort: each row once, in the order of one whole listing, each page on its index', async () => {
    // ties on every sort key but the id (same customer, partner and status; 60 claims over 60 minutes, 3 per deadline)
    const { core } = await profile(180);
    try {
      for (const sort of ['urgency', 'submitted', 'partner', 'customer', 'status'] as const) {
        const whole = list(core, [], { sort, limit: 1_000 }).items.map((c) => c.id);
        const paged: string[] = [];
        let after: string | undefined;
        do {
          const page = list(core, [], { sort, limit: 7, ...(after ? { after } : {}) });
          paged.push(...page.items.map((c) => c.id));
          after = page.next ?? undefined;
        } while (after);
        expect(paged, sort).toEqual(whole);
        expect(whole).toHaveLength(180);
      }
      const plan = core.store.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT q.item_json FROM queue q WHERE q.in_batch = 1 AND (q.urgency_key, q.submitted_key, q.id) > (?, ?, ?) ORDER BY q.urgency_key, q.submitted_key, q.id LIMIT 8`,
        )
        .all('a', 'b', 'c') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING INDEX queue_by_urgency \(in_batch=\? AND \(urgency_key,submitted_key,id\)>\(\?,\?,\?\)\)/);
      expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
    } finally {
      await core.close();
    }
  });

  it('counts up to its cap and says there are more', async () => {
    const { core } = await profile(QUEUE_COUNT_CAP + 5);
    try {
      expect(list(core, [])).toMatchObject({ total: QUEUE_COUNT_CAP, capped: true });
      expect(list(core, ['clm-00007'])).toMatchObject({ total: 1, capped: false });
    } finally {
      await core.close();
    }
  });

  it('answers a search the same whether it sorts the matches (fewer than the cap) or walks the sort index (more), page by page', async () => {
    // 2,100 claims: "fabrikam" is in 2,030 (capped: the sort's index is walked), "clm-01" in 1,000 (its matches are sorted)
    const { core } = await profile(QUEUE_COUNT_CAP + 100, (i) => (i % 30 === 0 ? 'Contoso 台北動物園' : 'Fabrikam'));
    try {
      for (const sort of ['urgency', 'customer'] as const) {
        const whole = list(core, [], { sort, limit: 5_000 }).items;
        const text = new Map(
          (core.store.db.prepare('SELECT id, search_text FROM queue').all() as { id: string; search_text: string }[]).map((r) => [r.id, r.search_text]),
        );
        const expected = (words: string[]) => whole.filter((c) => words.every((w) => text.get(c.id)!.includes(w))).map((c) => c.id);
        for (const words of [
          ['fabrikam'],
          ['clm-0', '7'],
          ['rikam', 'clm-0'],
          ['clm-01'],
          ['clm-01', '5'],
          ['動物園', 'clm-00'],
          ['台北', 'contoso'],
          ['fab', '3'],
        ]) {
          const first = list(core, words, { sort });
          const want = expected(words);
          expect(first, `${sort} ${words.join(' ')}`).toMatchObject({ total: Math.min(want.length, QUEUE_COUNT_CAP), capped: want.length > QUEUE_COUNT_CAP });
          const paged: string[] = [];
          let after: string | undefined;
          do {
            const page = list(core, words, { sort, limit: 400, ...(after ? { after } : {}) });
            paged.push(...page.items.map((c) => c.id));
            after = page.next ?? undefined;
          } while (after);
          expect(paged, `${sort} ${words.join(' ')}`).toEqual(want);
        }
      }
    } finally {
      await core.close();
    }
  });

  it('gives the most urgent claim without a local decision as the next one', async () => {
    const { core } = await profile(3);
    try {
      const [first, second] = list(core, []).items.map((c) => c.id);
      expect(core.store.queue.next(null)).toBe(first);
      expect(core.store.queue.next(first!)).toBe(second);
      core.ctx.session = { serviceUrl: 'http://127.0.0.1:9', username: 'rev1', user: { id: 'u-rev1', name: 'Reviewer One', role: 'reviewer' }, token: null };
      const decided = core.decide({ claimId: first!, decision: { kind: 'approve', message: null } });
      expect(decided.next).toBe(second);
      expect(core.store.queue.next(null)).toBe(second);
    } finally {
      await core.close();
    }
  });

  it('opens a profile without rebuilding rows whose state cannot have moved', async () => {
    const { core, profileDir } = await profile(50);
    await core.close();
    const again = await WorkstationCore.open({ profileDir, now: () => '2026-11-02T10:05:00.000Z' });
    try {
      expect(again.store.queue.staleIds('2026-11-02T10:05:00.000Z')).toEqual([]);
      expect(list(again, [])).toMatchObject({ total: 50 });
      // Past the claims' review deadline their rows are due to be rebuilt (and only then).
      expect(again.store.queue.staleIds('2027-01-01T00:00:00.000Z')).toHaveLength(50);
    } finally {
      await again.close();
    }
  });
});
