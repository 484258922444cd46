// Figure `scale`: one PostgreSQL behind 3 service instances against one SQLite service, the same
// workload on both: simulated reviewers pulling, commenting, deciding and releasing, partners
// resubmitting, the test clock firing timers, a QA lead paging the change feed. Reports mutations/s
// and p50/p95/p99 of lease and push; checks invariants from the database afterwards.
import Database from 'better-sqlite3';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { hashPassword } from '../../server/auth/passwords';
import { startService } from '../../server/service';
import { spawnCli } from '../rig/service';
import { openPostgresStore } from '../../server/store/kysely/postgres-store';
import type { Store } from '../../server/store/repository';
import { DATABASE_FILE, openSqliteStore } from '../../server/store/sqlite-store';
import { doubleLeases, LEASE_ROWS_SQL } from '../../test/support/lease-overlaps';
import { startPostgresCluster } from '../../test/support/postgres';
import { client, removeDir, signIn, tempDir, type Client } from '../../test/support/service';

/**
 * A signed-in client that signs in again when its session has expired: the test clock moves 6 hours
 * every few seconds, past the 8-hour session, as a workstation would sign in again the next morning.
 */
async function lastingSession(url: string, username: string): Promise<Client> {
  let current = await signIn(url, username);
  // A new session can itself expire before it is used (100 reviewers signing in again at once take longer
  // than the clock's next 6 hours): sign in again a few times before giving up.
  const again = async <T>(run: (c: Client) => Promise<T>, unauthorized: (r: T) => boolean): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await run(current);
        if (!unauthorized(r) || attempt === 5) return r;
      } catch (e) {
        if ((e as { status?: number }).status !== 401 || attempt === 5) throw e;
      }
      current = await signIn(url, username);
    }
  };
  return {
    url,
    get token() {
      return current.token;
    },
    call: (name, input) =>
      again(
        (c) => c.call(name, input),
        () => false,
      ),
    raw: (name, input) =>
      again(
        (c) => c.raw(name, input),
        (r) => r.status === 401,
      ),
  };
}

export interface ScaleSizes {
  reviewers: number;
  seconds: number;
  claims: number;
  instances: number;
}
export interface EngineRun {
  engine: string;
  instances: number;
  reviewers: number;
  seconds: number;
  mutations: number;
  perSecond: number;
  lease: Quantiles;
  push: Quantiles;
  invariants: Record<string, number>;
}
interface Quantiles {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

const q = (xs: number[]): Quantiles => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]!) : 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: s.length };
};

async function addReviewers(store: Store, n: number): Promise<string[]> {
  const hash = await hashPassword('demo');
  const names = Array.from({ length: n }, (_, i) => `bench-rev${i + 1}`);
  await store.transaction(async (tx) => {
    for (const u of names) await tx.insertUser({ id: `u-${u}`, username: u, name: u, role: 'reviewer', passwordHash: hash, companyId: null, tenantId: null });
  });
  return names;
}

/** The workload against `urls` (round robin) until `seconds` pass. */
async function workload(urls: string[], reviewers: string[], seconds: number) {
  const lease: number[] = [];
  const push: number[] = [];
  let applied = 0;
  let duplicatesWrong = 0;
  const revs: Client[] = [];
  for (const [i, u] of reviewers.entries()) revs.push(await lastingSession(urls[i % urls.length]!, u));
  const partners = await Promise.all([1, 2, 3, 4, 5].map((i) => lastingSession(urls[i % urls.length]!, `partner${i}`)));
  const qa = await lastingSession(urls[0]!, 'qa1');
  // The clock starts once everyone is signed in: sign-ins (a password hash each) are not the workload.
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const reviewer = async (c: Client, i: number) => {
    while (Date.now() < deadline) {
      let t = performance.now();
      const { lease: l, claims } = await c.call('leaseCreate', { body: { size: 2 } });
      lease.push(performance.now() - t);
      for (const claim of claims) {
        const decision =
          (i + claim.version) % 3 === 0
            ? { kind: 'request-info', payload: { reasons: [{ code: 'date-missing-or-outdated', productId: null }], message: 'Please date the PoE.' } }
            : { kind: 'approve', payload: { message: 'PoE complete.' } };
        const ms = [
          { id: randomUUID(), claimId: claim.id, baseVersion: claim.version, kind: 'comment', payload: { text: 'checked' } },
          { id: randomUUID(), claimId: claim.id, baseVersion: claim.version, ...decision },
        ];
        t = performance.now();
        const { results } = await c.call('mutations', { body: { mutations: ms as never } });
        push.push(performance.now() - t);
        applied += results.filter((r) => r.outcome === 'applied').length;
        // Pushing the same mutations again must apply nothing.
        if (i % 10 === 0) {
          const again = await c.call('mutations', { body: { mutations: ms as never } });
          duplicatesWrong += again.results.filter((r, k) => results[k]!.outcome === 'applied' && r.outcome !== 'duplicate').length;
        }
      }
      await c.raw('leaseRelease', { params: { id: l.id } });
    }
  };
  const partner = async (c: Client) => {
    while (Date.now() < deadline) {
      const { claims } = await c.call('claimList', { query: { status: 'partner-action-needed' } });
      for (const claim of claims.slice(0, 5)) await c.raw('claimResubmit', { params: { id: claim.id }, body: { message: null } });
      if (!claims.length) await new Promise((r) => setTimeout(r, 200));
    }
  };
  // One advance for the whole cluster, through the next instance each time: the test clock's offset is
  // stored in the shared database and every instance takes it up before each request (server/app/test-clock.ts).
  const clock = async () => {
    for (let k = 0; Date.now() < deadline; k++) {
      await new Promise((r) => setTimeout(r, 3000));
      await client(urls[k % urls.length]!).call('testClock', { body: { advance: 'PT6H' } });
    }
  };
  const seen: number[] = [];
  let cursor = 0;
  const page = async () => {
    const { changes } = await qa.call('changes', { query: { after: cursor, limit: 200 } as never });
    for (const ch of changes) seen.push(ch.seq);
    if (changes.length) cursor = changes[changes.length - 1]!.seq;
    return changes.length;
  };
  const reader = async () => {
    while (Date.now() < deadline) if (!(await page())) await new Promise((r) => setTimeout(r, 100));
  };
  await Promise.all([...revs.map(reviewer), ...partners.map(partner), clock(), reader()]);
  const elapsed = (Date.now() - started) / 1000;
  while (await page());
  return { lease, push, applied, duplicatesWrong, seen, elapsed };
}

interface Rows {
  all(sqlText: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function invariants(db: Rows, kindOf: (col: string) => string, seen: number[]): Promise<Record<string, number>> {
  const changes = await db.all('SELECT seq FROM changes ORDER BY seq');
  // Only true double leases: a claim leased while another reviewer's lease on it was unexpired at that moment of the service clock.
  const doubles = doubleLeases(await db.all(LEASE_ROWS_SQL.changes), await db.all(LEASE_ROWS_SQL.leases)).length;
  const seqs = changes.map((c) => Number(c.seq));
  const seenSet = new Set(seen);
  const timersTwice = await db.all(
    `SELECT claim_id, ${kindOf('event')} AS k, COUNT(*) AS n FROM history WHERE actor_id = 'system' GROUP BY claim_id, ${kindOf('event')} HAVING COUNT(*) > 1`,
  );
  const applied = Number((await db.all('SELECT COUNT(*) AS n FROM applied_mutations'))[0]!.n);
  const byReviewers = Number(
    (await db.all(`SELECT COUNT(*) AS n FROM history WHERE actor_id LIKE 'u-bench-rev%' AND ${kindOf('event')} <> 'review-started'`))[0]!.n,
  );
  return {
    doubleLeases: doubles,
    feedGaps: seqs.filter((s) => !seenSet.has(s)).length,
    timerTwice: timersTwice.length,
    mutationsAppliedTwice: Math.max(0, byReviewers - applied),
  };
}

export async function runEngine(engine: 'sqlite' | 'postgres', sizes: ScaleSizes, databaseUrl?: string): Promise<EngineRun> {
  const dataDir = tempDir('poe-scale-');
  const instances = engine === 'postgres' ? sizes.instances : 1;
  const children: { url: string; stop(): Promise<void> }[] = [];
  try {
    // Seeded in this process, then served by the service's CLI in child processes (one per instance, as
    // in production): instances in this process would share one JavaScript thread with the simulated reviewers.
    const boot = await startService({ port: 0, dataDir, databaseUrl, testClock: true, log: false, demo: true, demoClaims: sizes.claims });
    await boot.close();
    const side = engine === 'postgres' ? await openPostgresStore(databaseUrl!) : await openSqliteStore(dataDir);
    const reviewers = await addReviewers(side, sizes.reviewers);
    await side.close();
    const args = [...(engine === 'postgres' ? ['--db', databaseUrl!] : ['--data', dataDir]), '--port', '0', '--test-clock'];
    for (let i = 0; i < instances; i++) children.push(await spawnCli(args, `scale-${engine}-${i + 1}`, { LOG_LEVEL: 'silent' }));
    const w = await workload(
      children.map((s) => s.url),
      reviewers,
      sizes.seconds,
    );
    const elapsed = w.elapsed;
    let rows: Rows;
    if (engine === 'postgres') {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      rows = { all: async (s) => (await c.query(s)).rows, close: () => c.end() };
    } else {
      const d = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
      rows = {
        all: async (s) => d.prepare(s).all() as Record<string, unknown>[],
        close: async () => {
          d.close();
        },
      };
    }
    const inv = await invariants(rows, (col) => (engine === 'postgres' ? `${col}->>'kind'` : `json_extract(${col}, '$.kind')`), w.seen);
    await rows.close();
    inv.duplicatePushesApplied = w.duplicatesWrong;
    return {
      engine,
      instances,
      reviewers: sizes.reviewers,
      seconds: Math.round(elapsed),
      mutations: w.applied,
      perSecond: Math.round((w.applied / elapsed) * 10) / 10,
      lease: q(w.lease),
      push: q(w.push),
      invariants: inv,
    };
  } finally {
    for (const c of children.reverse()) await c.stop();
    removeDir(dataDir);
  }
}

/** Runs the workload on SQLite (one instance, the baseline) and on PostgreSQL (`instances` instances). */
export async function measureScale(sizes: ScaleSizes, log: (m: string) => void): Promise<EngineRun[]> {
  log(`scale: SQLite, 1 instance, ${sizes.reviewers} reviewers, ${sizes.seconds} s`);
  const sqlite = await runEngine('sqlite', sizes);
  const cluster = await startPostgresCluster();
  try {
    log(`scale: PostgreSQL, ${sizes.instances} instances, ${sizes.reviewers} reviewers, ${sizes.seconds} s`);
    return [sqlite, await runEngine('postgres', sizes, await cluster.createDatabase('scale'))];
  } finally {
    await cluster.stop();
  }
}

export function formatScale(runs: EngineRun[]): string {
  const head = 'engine      inst  reviewers  s   mutations  mut/s   lease p50/p95/p99 ms   push p50/p95/p99 ms   invariants (all must be 0)';
  const lines = runs.map((r) =>
    [
      r.engine.padEnd(11),
      String(r.instances).padEnd(5),
      String(r.reviewers).padEnd(10),
      String(r.seconds).padEnd(3),
      String(r.mutations).padEnd(10),
      String(r.perSecond).padEnd(7),
      `${r.lease.p50}/${r.lease.p95}/${r.lease.p99}`.padEnd(22),
      `${r.push.p50}/${r.push.p95}/${r.push.p99}`.padEnd(21),
      Object.entries(r.invariants)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    ].join(' '),
  );
  return [head, ...lines].join('\n');
}

/** `npm run bench -- --only scale [--quick]`: prints the table; exits 1 when an invariant is broken. */
export async function runScaleCli(quick: boolean): Promise<void> {
  const sizes: ScaleSizes = quick ? { reviewers: 10, seconds: 10, claims: 60, instances: 3 } : { reviewers: 100, seconds: 60, claims: 300, instances: 3 };
  const runs = await measureScale(sizes, (m) => process.stdout.write(`${m}\n`));
  process.stdout.write(`\n${formatScale(runs)}\n`);
  const broken = runs.some((r) => Object.values(r.invariants).some((v) => v !== 0));
  process.exit(broken ? 1 : 0);
}
