// Figure: the service leasing batches to many reviewers at once — R reviewers each POST /leases for
// S claims concurrently, round after round (released in between) — verifying that no claim is ever
// in two reviewers' batches; beside the same number of plain indexed SELECTs of those claims'
// rows on the service's own database file (reported beside it). Target: p95 ≤ 100 ms, zero double leases.
import Database from 'better-sqlite3';
import type { BenchEnv } from '../config';
import type { BenchService } from '../rig/service';
import { signIn, type Client } from '../../test/support/service';
import { check, figure, type Figure } from '../results';
import { median, now, p95, round } from '../stats';

export async function measureLease(env: BenchEnv, svc: BenchService): Promise<Figure> {
  const { reviewers, size, rounds } = env.sizes.lease;
  const clients: Client[] = await Promise.all(svc.reviewers.slice(0, reviewers).map((username) => signIn(svc.url, username)));
  if (clients.length < reviewers) throw new Error(`the lease service has ${clients.length} bench reviewers, ${reviewers} needed`);
  const db = new Database(svc.databaseFile, { readonly: true, fileMustExist: true });
  const select = db.prepare('SELECT * FROM claims WHERE id = ?');
  const leaseOf = db.prepare('SELECT lease_id FROM claims WHERE id = ?').pluck();

  const latency: number[] = [];
  const selects: number[] = [];
  let doubleLeases = 0;
  let shortLeases = 0;
  let mismatched = 0;
  let leased = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      const answers = await Promise.all(
        clients.map(async (c) => {
          const t = now();
          const res = await c.call('leaseCreate', { body: { size } });
          latency.push(now() - t);
          return { client: c, lease: res.lease.id, claims: res.claims.map((x) => ({ id: x.id, leaseId: x.lease?.id ?? null })) };
        }),
      );
      // No claim in two batches; each claim's lease is the batch's lease, in the answer and in the database.
      const owner = new Map<string, string>();
      for (const a of answers) {
        if (a.claims.length !== size) shortLeases++;
        for (const c of a.claims) {
          leased++;
          if (owner.has(c.id) && owner.get(c.id) !== a.lease) doubleLeases++;
          owner.set(c.id, a.lease);
          if (c.leaseId !== a.lease || leaseOf.get(c.id) !== a.lease) mismatched++;
        }
      }
      // The baseline: as many plain indexed SELECTs as claims each request leased, same rows.
      for (const a of answers) {
        const t = now();
        for (const c of a.claims) select.get(c.id);
        selects.push(now() - t);
      }
      await Promise.all(answers.map((a) => a.client.call('leaseRelease', { params: { id: a.lease } })));
    }
  } finally {
    db.close();
  }
  env.log(
    `  lease: ${latency.length} leases of ${size}, p95 ${p95(latency).toFixed(0)} ms, median ${median(latency).toFixed(0)} ms; ${doubleLeases} double leases`,
  );
  return figure({
    id: 'lease',
    title: `Service: lease ${size} claims, ${reviewers} reviewers at once`,
    size: `${reviewers} concurrent reviewers × ${rounds} rounds × ${size} claims`,
    unit: 'ms',
    statistic: 'p95',
    value: p95(latency),
    baseline: p95(selects),
    baselineLabel: `${size} plain indexed SELECTs of the same claims' rows on the service's database file, p95`,
    // A fixed target: the ratio to a handful of SELECTs is noise, the reviewer waits for the p95.
    target: { kind: 'value-max', limit: 100, text: '≤ 100 ms p95; zero double leases' },
    samples: latency.length,
    checks: {
      doubleLeases: check(doubleLeases === 0, `${doubleLeases} claims leased to two reviewers at once (of ${leased} leased)`),
      fullBatches: check(shortLeases === 0, `${latency.length - shortLeases}/${latency.length} requests got their ${size} claims`),
      leaseRecorded: check(mismatched === 0, `${leased - mismatched}/${leased} leased claims carry their batch's lease in the answer and in the database`),
    },
    details: { medianMs: round(median(latency)), selectMedianMs: round(median(selects)), claimsLeased: leased },
  });
}
