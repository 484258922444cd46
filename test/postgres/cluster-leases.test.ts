// Leases across several service instances on one PostgreSQL database: the test clock is the cluster's
// (an advance through one instance is the time every instance leases by), and reviewers pulling and
// releasing through different instances while the clock crosses lease expiries are never leased one
// claim at the same moment (test/support/lease-overlaps.ts judges that from the database's rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { hashPassword } from '../../server/auth/passwords';
import { openPostgresStore } from '../../server/store/kysely/postgres-store';
import { doubleLeases, LEASE_ROWS_SQL } from '../support/lease-overlaps';
import { client, DEMO_PASSWORD, signIn, startTestService, type TestService } from '../support/service';

const INSTANCES = 3;
const REVIEWERS = 9;
const ROUNDS = 6;

describe('leases on several instances sharing one PostgreSQL database', () => {
  let instances: TestService[] = [];
  beforeAll(async () => {
    const first = await startTestService({ demoClaims: 40 });
    instances = [first];
    for (let i = 1; i < INSTANCES; i++) instances.push(await startTestService({ demo: false, databaseUrl: first.databaseUrl }));
    const store = await openPostgresStore(first.databaseUrl!);
    try {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      await store.transaction(async (tx) => {
        for (let i = 1; i <= REVIEWERS; i++)
          await tx.insertUser({
            id: `u-crev${i}`,
            username: `crev${i}`,
            name: `Cluster reviewer ${i}`,
            role: 'reviewer',
            passwordHash,
            companyId: null,
            tenantId: null,
          });
      });
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    for (const s of [...instances].reverse()) await s.stop();
  });

  it('lease by one clock: an advance through one instance is the time every other instance grants and judges leases by', async () => {
    const [a, b, c] = instances as [TestService, TestService, TestService];
    const { now } = await client(a.url).call('testClock', { body: { advance: 'PT2H' } });
    const onB = await signIn(b.url, 'crev1');
    const { lease } = await onB.call('leaseCreate', { body: { size: 1 } });
    // Granted on B for 30 minutes from the cluster's now, not from B's own older time (which A already judges expired).
    expect(Date.parse(lease.expiresAt)).toBeGreaterThanOrEqual(Date.parse(now) + 30 * 60_000);
    expect(Date.parse((await client(c.url).call('health')).now)).toBeGreaterThanOrEqual(Date.parse(now));
    await onB.raw('leaseRelease', { params: { id: lease.id } });
  });

  it('never leases a claim to two reviewers at once while reviewers pull through every instance and the clock crosses expiries', async () => {
    const reviewers = await Promise.all(Array.from({ length: REVIEWERS }, (_, i) => signIn(instances[i % INSTANCES]!.url, `crev${i + 1}`)));
    let advances = 0;
    const work = async (r: (typeof reviewers)[number], i: number) => {
      for (let round = 0; round < ROUNDS; round++) {
        const { lease, claims } = await r.call('leaseCreate', { body: { size: 3 } });
        expect(claims.every((c) => c.lease?.id === lease.id)).toBe(true);
        // A third of the reviewers keep their lease until it expires; the others release it.
        if (i % 3 !== 0) await r.raw('leaseRelease', { params: { id: lease.id } });
        // The first reviewer moves the cluster's clock 20 minutes through the next instance after each of its pulls: leases of 30 minutes expire mid-run.
        if (i === 0) {
          await client(instances[advances++ % INSTANCES]!.url).call('testClock', { body: { advance: 'PT20M' } });
        }
      }
    };
    await Promise.all(reviewers.map(work));

    const db = new pg.Client({ connectionString: instances[0]!.databaseUrl });
    await db.connect();
    try {
      const changes = (await db.query(LEASE_ROWS_SQL.changes)).rows;
      const leases = (await db.query(LEASE_ROWS_SQL.leases)).rows;
      expect(doubleLeases(changes, leases)).toEqual([]);
      // The run did re-lease claims from one reviewer to another (else it proved nothing).
      const holders = new Map<string, Set<string>>();
      for (const c of changes.filter((c) => c.kind === 'lease-acquired')) holders.set(c.claim_id, (holders.get(c.claim_id) ?? new Set()).add(c.actor_id));
      expect([...holders.values()].filter((h) => h.size > 1).length).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
  });
});
