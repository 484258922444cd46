// The concurrency promises of the PostgreSQL store, against a real cluster: many writers committing in
// any order never make a paging reader skip a change; two sweepers running at once (even without the
// sweep lock) apply each timer transition once; instances sharing one database share their throttle.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { sweep } from '../../server/app/timers';
import type { AppContext } from '../../server/app/context';
import { DEFAULT_OFFLINE_LEASE_MAX_MINUTES } from '../../server/app/leases';
import { ServiceClock } from '../../server/clock';
import { DEMO_CALENDAR } from '../../server/demo/calendar';
import { openPostgresStore, type PostgresStore } from '../../server/store/kysely/postgres-store';
import type { Store } from '../../server/store/repository';
import { DEFAULT_CLAIM_LIMITS } from '../../server/app/claim-limits';
import { createDatabaseAt } from '../support/postgres';
import { client, startTestService } from '../support/service';

const admin = () => inject('postgresAdminUrl');
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the change feed on PostgreSQL', () => {
  let store: PostgresStore;
  beforeAll(async () => {
    store = await openPostgresStore(await createDatabaseAt(admin(), 'feed'), { poolSize: 20 });
  });
  afterAll(() => store.close());

  it('never lets a paging reader skip a change, however the writers interleave their commits', async () => {
    const WRITERS = 40;
    const PER_WRITER = 5;
    // Each writer records its changes first and then dawdles a different while before committing.
    const writers = Array.from({ length: WRITERS }, (_, w) =>
      store.transaction(async (tx) => {
        for (let i = 0; i < PER_WRITER; i++) await tx.addChange(`CLM-${w}`, 'comment', new Date().toISOString());
        await tick((w * 7) % 23);
      }),
    );
    let writing = true;
    const all = Promise.all(writers).finally(() => {
      writing = false;
    });
    const seen: number[] = [];
    let cursor = 0;
    while (writing || seen.length < WRITERS * PER_WRITER) {
      // Only a read that began after every writer committed may end the loop: one that began before
      // the last commits sees none of them, and ending on it would be the reader's mistake, not a gap.
      const allCommitted = !writing;
      const page = await store.transaction((tx) => tx.changesAfter(cursor, 7));
      for (const c of page) seen.push(c.seq);
      if (page.length) cursor = page[page.length - 1]!.seq;
      else if (allCommitted) break;
      else await tick(1);
    }
    await all;
    const committed = (await store.transaction((tx) => tx.changesAfter(0, 10_000))).map((c) => c.seq);
    expect(committed).toHaveLength(WRITERS * PER_WRITER);
    expect(seen).toEqual(committed);
  });
});

describe('the timer sweep on PostgreSQL', () => {
  it('applies each timer transition once when two sweepers run at the same time', async () => {
    const seeded = await startTestService({ demoClaims: 40, testClock: false });
    const url = seeded.databaseUrl!;
    await seeded.stop();
    const stores = [await openPostgresStore(url), await openPostgresStore(url)];
    try {
      // Forty days on: every lease, no-response, consent and dispute-window timer of the demo world is due.
      const offset = 40 * 24 * 3_600_000;
      const app = (s: Store): AppContext => ({
        // Without `exclusive`, the two sweeps really interleave: only the conditional transitions keep them apart.
        store: { transaction: (fn) => s.transaction(fn), read: (fn) => s.read(fn), close: () => s.close() },
        clock: new ServiceClock(undefined, offset),
        calendar: DEMO_CALENDAR,
        leaseMinutes: 30,
        offlineLeaseMaxMinutes: DEFAULT_OFFLINE_LEASE_MAX_MINUTES,
        maxUploadBytes: 1 << 20,
        claimLimits: DEFAULT_CLAIM_LIMITS,
      });
      await Promise.all(stores.map((s) => sweep(app(s))));
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const twice = await db.query(
          `SELECT claim_id, event->>'kind' AS kind, COUNT(*)::int AS n FROM history WHERE actor_id = 'system' GROUP BY 1, 2 HAVING COUNT(*) > 1`,
        );
        expect(twice.rows).toEqual([]);
        const fired = await db.query(`SELECT COUNT(*)::int AS n FROM history WHERE actor_id = 'system'`);
        expect(fired.rows[0].n).toBeGreaterThan(0);
        const expiredTwice = await db.query(`SELECT claim_id, at, COUNT(*)::int FROM changes WHERE kind = 'lease-expired' GROUP BY 1, 2 HAVING COUNT(*) > 1`);
        expect(expiredTwice.rows).toEqual([]);
        // Nothing is left to do: a third sweep changes nothing.
        const before = (await db.query('SELECT COUNT(*)::int AS n FROM history')).rows[0].n;
        await sweep(app(stores[0]!));
        expect((await db.query('SELECT COUNT(*)::int AS n FROM history')).rows[0].n).toBe(before);
      } finally {
        await db.end();
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});

describe('several instances on one database', () => {
  it('share the sign-in throttle, so spreading attempts over instances does not loosen it', async () => {
    const first = await startTestService({ demoClaims: 0 });
    const second = await startTestService({ demo: false, databaseUrl: first.databaseUrl });
    try {
      const wrong = (url: string) => client(url).raw('login', { body: { username: 'rev1', password: 'wrong' } });
      for (let i = 0; i < 5; i++) expect((await wrong(i % 2 ? second.url : first.url)).status).toBe(401);
      expect((await wrong(second.url)).status).toBe(429);
      expect((await wrong(first.url)).status).toBe(429);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
