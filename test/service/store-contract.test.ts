// The service store's contract, method by method, on the engine of the project running it: SQLite in
// `integration`, PostgreSQL in `integration-postgres` (one Kysely store, two dialects; this one file
// runs on both). Leasing, re-leasing, ending leases, history order, the change feed, savepoints, reads.
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimFacts } from '../../shared/contracts';
import type { HistoryEntry } from '../../shared/domain';
import { openPostgresStore } from '../../server/store/kysely/postgres-store';
import type { ClaimIndex, Store, Tx } from '../../server/store/repository';
import { openSqliteStore } from '../../server/store/sqlite-store';
import { createDatabaseAt } from '../support/postgres';
import { removeDir, tempDir, testEngine } from '../support/service';

const NOW = '2026-03-02T01:00:00.000Z';
const LATER = '2026-03-02T02:00:00.000Z';
const REVIEWERS = ['rev-a', 'rev-b'];

let store: Store;
let dir: string;

beforeAll(async () => {
  dir = tempDir('poe-contract-');
  store = testEngine() === 'postgres' ? await openPostgresStore(await createDatabaseAt(inject('postgresAdminUrl'), 'contract')) : await openSqliteStore(dir);
  await store.transaction(async (tx) => {
    await tx.insertCompany({ id: 'co-1', name: 'Partner One', mpnId: '1000001' });
    for (const id of REVIEWERS) await tx.insertUser({ id, username: id, name: id, role: 'reviewer', passwordHash: 'x', companyId: null, tenantId: null });
    await tx.insertUser({ id: 'p-1', username: 'p-1', name: 'p-1', role: 'partner', passwordHash: 'x', companyId: 'co-1', tenantId: null });
  });
});
afterAll(async () => {
  await store.close();
  removeDir(dir);
});

let counter = 0;
const index = (over: Partial<ClaimIndex> = {}): ClaimIndex => ({
  version: 0,
  status: 'submitted',
  derivedState: null,
  reviewable: true,
  urgentDue: null,
  timerDue: null,
  latestPoeAt: null,
  ...over,
});
/** A claim with just the facts the store reads (its id, tenant, creation instant); the rest is opaque JSON to it. */
async function newClaim(tx: Tx, over: Partial<ClaimIndex> = {}, tenantId = 'tenant-1'): Promise<string> {
  const id = `C-${process.pid}-${++counter}`;
  const facts = { id, createdAt: NOW, customer: { tenantId, name: 'Contoso' }, products: [], documents: [] } as unknown as ClaimFacts;
  await tx.insertClaim({ facts, companyId: 'co-1', index: index(over) });
  return id;
}
const lease = (tx: Tx, id: string, reviewerId: string, expiresAt = LATER) =>
  tx.insertLease({ id, reviewerId, createdAt: NOW, expiresAt, endedAt: null, endKind: null });
const entry = (seq: number, extra: Record<string, unknown> = {}): HistoryEntry =>
  ({ seq, at: NOW, actor: { id: 'p-1', name: 'p-1', role: 'partner' }, kind: 'comment', text: `entry ${seq}`, ...extra }) as unknown as HistoryEntry;

describe(`service store contract (${testEngine()})`, () => {
  it('leases the most urgent free claims in one call, never a claim another reviewer holds', async () => {
    const taken = await store.transaction(async (tx) => {
      const undated = await newClaim(tx, { urgentDue: null });
      const late = await newClaim(tx, { urgentDue: '2026-03-09T01:00:00.000Z' });
      const soon = await newClaim(tx, { urgentDue: '2026-03-03T01:00:00.000Z' });
      await newClaim(tx, { reviewable: false, status: 'approved' });
      await lease(tx, 'L-a1', 'rev-a');
      const first = await tx.leaseAvailableClaims('L-a1', NOW, 1);
      expect(first).toEqual([soon]);
      await lease(tx, 'L-b1', 'rev-b');
      // A claim without a deadline comes after every claim with one.
      expect(await tx.leaseAvailableClaims('L-b1', NOW, 1)).toEqual([late]);
      const second = await tx.leaseAvailableClaims('L-b1', NOW, 50);
      expect(second).toContain(undated);
      expect(second).not.toContain(soon);
      expect(second).not.toContain(late);
      expect(await tx.claimIdsInLease('L-a1')).toEqual([soon]);
      expect((await tx.claimIdsInLease('L-b1')).slice(0, 2)).toEqual([late, undated]);
      return { soon, late };
    });
    const held = await store.read((tx) => tx.activeLeaseOfClaim(taken.soon, NOW));
    expect(held).toMatchObject({ id: 'L-a1', reviewerId: 'rev-a', expiresAt: LATER });
    await store.transaction(async (tx) => {
      expect((await tx.endLease('L-a1', NOW, 'released')).sort()).toEqual([taken.soon]);
      expect(await tx.endLease('L-a1', NOW, 'released')).toEqual([]);
      await tx.endLease('L-b1', NOW, 'released');
    });
  });

  it('re-leases exactly the named claims that still await a reviewer and are free (leaseTheseClaims)', async () => {
    await store.transaction(async (tx) => {
      const free = await newClaim(tx);
      const decided = await newClaim(tx, { reviewable: false, status: 'approved' });
      const othersActive = await newClaim(tx);
      const othersLapsed = await newClaim(tx);
      const notNamed = await newClaim(tx);
      await lease(tx, 'L-b2', 'rev-b');
      expect(await tx.leaseTheseClaims('L-b2', [othersActive], NOW)).toEqual([othersActive]);
      await lease(tx, 'L-b3', 'rev-b', '2026-03-02T01:30:00.000Z');
      expect(await tx.leaseTheseClaims('L-b3', [othersLapsed], NOW)).toEqual([othersLapsed]);

      // Later, when L-b3 has run out and L-b2 still holds its claim:
      const at = '2026-03-02T01:45:00.000Z';
      await lease(tx, 'L-a2', 'rev-a');
      const taken = await tx.leaseTheseClaims('L-a2', [free, decided, othersActive, othersLapsed, 'C-missing'], at);
      expect(taken.sort()).toEqual([free, othersLapsed].sort());
      expect((await tx.claimIdsInLease('L-a2')).sort()).toEqual([free, othersLapsed].sort());
      expect(await tx.claimIdsInLease('L-b2')).toEqual([othersActive]);
      expect((await tx.activeLeaseOfClaim(othersLapsed, at))?.expiresAt).toBe(LATER);
      expect(await tx.claimIdsInLease('L-a2')).not.toContain(notNamed);
      expect(await tx.leaseTheseClaims('L-a2', [], at)).toEqual([]);
      for (const id of ['L-a2', 'L-b2', 'L-b3']) await tx.endLease(id, at, 'released');
    });
  });

  it('extends a lease on the lease and on the claims it holds, and finds leases that ran out', async () => {
    await store.transaction(async (tx) => {
      const id = await newClaim(tx);
      await lease(tx, 'L-a3', 'rev-a', '2026-03-02T01:10:00.000Z');
      expect(await tx.leaseTheseClaims('L-a3', [id], NOW)).toEqual([id]);
      await tx.extendLease('L-a3', LATER);
      expect((await tx.activeLeaseOfClaim(id, '2026-03-02T01:20:00.000Z'))?.id).toBe('L-a3');
      expect((await tx.activeLeaseOfReviewer('rev-a', '2026-03-02T01:20:00.000Z'))?.id).toBe('L-a3');
      expect((await tx.leasesExpiredBy('2026-03-02T03:00:00.000Z')).map((l) => l.id)).toContain('L-a3');
      expect(await tx.endLease('L-a3', LATER, 'expired')).toEqual([id]);
      expect(await tx.getLease('L-a3')).toMatchObject({ endedAt: LATER, endKind: 'expired' });
    });
  });

  it('appends history only in order, and feeds each append with its version and entry', async () => {
    const before = await store.read((tx) => tx.lastChangeSeq());
    const id = await store.transaction(async (tx) => {
      const c = await newClaim(tx);
      await tx.getClaim(c);
      await tx.appendHistory(c, entry(1));
      await expect(tx.appendHistory(c, entry(3))).rejects.toThrow(/3/);
      await tx.appendHistory(c, entry(2));
      await tx.addChange(c, 'lease-acquired', NOW, 'rev-a');
      return c;
    });
    const changes = await store.read((tx) => tx.changesAfter(before, 100));
    expect(changes.map((c) => [c.claimId, c.kind, c.version, c.actorId])).toEqual([
      [id, 'comment', 1, 'p-1'],
      [id, 'comment', 2, 'p-1'],
      [id, 'lease-acquired', null, 'rev-a'],
    ]);
    expect(changes[1]!.entry).toMatchObject({ seq: 2, at: NOW, actor: { id: 'p-1' }, text: 'entry 2' });
    expect(await store.read((tx) => tx.history(id))).toHaveLength(2);
  });

  it('appends one entry to each of several claims in one call, only in order, with the index each sets', async () => {
    const before = await store.read((tx) => tx.lastChangeSeq());
    const due = '2026-03-09T01:00:00.000Z';
    const [a, b] = await store.transaction(async (tx) => {
      const a = await newClaim(tx);
      const b = await newClaim(tx, {}, 'tenant-7');
      await tx.appendHistory(a, entry(1));
      await tx.appendHistories([
        { claimId: a, entry: entry(2), index: index({ version: 2, status: 'in-review', derivedState: 'awaiting-decision', urgentDue: due }) },
        { claimId: b, entry: entry(1, { text: 'b' }), index: index({ version: 1, status: 'approved', reviewable: false, timerDue: due, latestPoeAt: NOW }) },
      ]);
      return [a, b];
    });
    const [ca, cb] = await store.read((tx) => tx.loadClaims([a, b]));
    expect(ca!.history).toEqual([entry(1), entry(2)]);
    expect(cb!.history).toEqual([entry(1, { text: 'b' })]);
    expect(ca!.record.index).toEqual(index({ version: 2, status: 'in-review', derivedState: 'awaiting-decision', urgentDue: due }));
    expect(cb!.record.index).toEqual(index({ version: 1, status: 'approved', reviewable: false, timerDue: due, latestPoeAt: NOW }));
    const changes = await store.read((tx) => tx.changesAfter(before, 100));
    expect(changes.map((c) => [c.claimId, c.kind, c.version, c.actorId])).toEqual([
      [a, 'comment', 1, 'p-1'],
      [a, 'comment', 2, 'p-1'],
      [b, 'comment', 1, 'p-1'],
    ]);
    expect(changes[2]!.entry).toMatchObject({ seq: 1, text: 'b' });
    // One entry out of order refuses the call: the transaction is rolled back, the other claim's entry with it.
    const next = (claimId: string, seq: number) => ({ claimId, entry: entry(seq), index: index({ version: seq }) });
    await expect(store.transaction((tx) => tx.appendHistories([next(a, 3), next(b, 3)]))).rejects.toThrow(/1 of 2 history entries/);
    await expect(store.transaction((tx) => tx.appendHistories([next(a, 3), next(a, 4)]))).rejects.toThrow(/one entry per claim/);
    expect((await store.read((tx) => tx.history(a))).map((h) => h.seq)).toEqual([1, 2]);
    expect((await store.read((tx) => tx.loadClaims([a])))[0]!.record.index.version).toBe(2);
  });

  it('rolls back only a failing savepoint: its rows and its feed entries, never what came before', async () => {
    const before = await store.read((tx) => tx.lastChangeSeq());
    const id = await store.transaction(async (tx) => {
      const c = await newClaim(tx);
      await tx.getClaim(c);
      await tx.savepoint(() => tx.appendHistory(c, entry(1)));
      await expect(
        tx.savepoint(async () => {
          await tx.appendHistory(c, entry(2));
          await tx.setMeta(`contract-${c}`, 'rolled back');
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await tx.savepoint(() => tx.appendHistory(c, entry(2, { text: 'kept' })));
      return c;
    });
    expect((await store.read((tx) => tx.history(id))).map((h) => (h as unknown as { text: string }).text)).toEqual(['entry 1', 'kept']);
    expect(await store.read((tx) => tx.getMeta(`contract-${id}`))).toBeNull();
    expect((await store.read((tx) => tx.changesAfter(before, 100))).map((c) => c.version)).toEqual([1, 2]);
  });

  it('reads a claim with its documents in upload order, and the claims on a tenant', async () => {
    const { a, b } = await store.transaction(async (tx) => {
      const a = await newClaim(tx, {}, 'tenant-docs');
      const b = await newClaim(tx, { status: 'approved', reviewable: false }, 'tenant-docs');
      for (const [i, sha] of ['s1', 's2'].entries()) {
        await tx.putDocument(`${a}-${sha}`, 'application/pdf', new Uint8Array([i, 1, 2]), NOW);
        await tx.attachDocument({
          claimId: a,
          sha256: `${a}-${sha}`,
          fileName: `${sha}.pdf`,
          mediaType: 'application/pdf',
          size: 3,
          uploadedAt: `2026-03-02T01:0${i}:00.000Z`,
        });
      }
      return { a, b };
    });
    const claim = await store.read((tx) => tx.getClaim(a));
    expect(claim?.facts.documents).toEqual([
      { sha256: `${a}-s1`, fileName: 's1.pdf', mediaType: 'application/pdf', size: 3, uploadedAt: '2026-03-02T01:00:00.000Z' },
      { sha256: `${a}-s2`, fileName: 's2.pdf', mediaType: 'application/pdf', size: 3, uploadedAt: '2026-03-02T01:01:00.000Z' },
    ]);
    expect(claim?.index).toEqual(index());
    expect([...(await store.read((tx) => tx.getDocumentBytes(`${a}-s2`)))!.bytes]).toEqual([1, 1, 2]);
    // A document no claim holds is stored but not handed out by the one-statement read.
    await store.transaction((tx) => tx.putDocument(`${a}-loose`, 'application/pdf', new Uint8Array([9]), NOW));
    const held = await store.read((tx) => tx.heldDocumentBytes(`${a}-s1`), { oneQuery: true });
    expect([held?.mediaType, [...held!.bytes]]).toEqual(['application/pdf', [0, 1, 2]]);
    expect(await store.read((tx) => tx.heldDocumentBytes(`${a}-loose`), { oneQuery: true })).toBeNull();
    expect(await store.read((tx) => tx.heldDocumentBytes(`${a}-none`), { oneQuery: true })).toBeNull();
    const onTenant = await store.read((tx) => tx.claimsOnTenant('tenant-docs', 'co-other'));
    expect(onTenant.map((c) => [c.facts.id, c.facts.documents.length, c.index.reviewable])).toEqual([
      [a, 2, true],
      [b, 0, false],
    ]);
  });

  it('finds the caller of a session in one read, and applied mutations by id', async () => {
    await store.transaction(async (tx) => {
      await tx.insertSession({ tokenHash: `t-${process.pid}`, userId: 'p-1', createdAt: NOW, expiresAt: LATER, revokedAt: null });
      await tx.cpor.setPartnerRole('p-1', 'global-admin');
      await tx.recordAppliedMutation({ id: `m-${process.pid}`, reviewerId: 'rev-a', claimId: 'C-x', kind: 'comment', appliedAt: NOW, resultVersion: 3 });
    });
    const found = await store.read((tx) => tx.findSessionCaller(`t-${process.pid}`));
    expect(found).toMatchObject({
      session: { userId: 'p-1', expiresAt: LATER, revokedAt: null },
      user: { id: 'p-1', role: 'partner', companyId: 'co-1' },
      partnerRole: 'global-admin',
    });
    expect(await store.read((tx) => tx.findSessionCaller('no-such-token'))).toBeNull();
    expect(await store.transaction((tx) => tx.findAppliedMutation(`m-${process.pid}`))).toMatchObject({
      reviewerId: 'rev-a',
      resultVersion: 3,
      appliedAt: NOW,
    });
  });

  it('lets a read snapshot read but never write the change feed', async () => {
    await expect(
      store.read(async (tx) => {
        await (tx as unknown as Tx).addChange('C-x', 'lease-acquired', NOW, 'rev-a');
        await (tx as unknown as { flushChanges(): Promise<void> }).flushChanges();
      }),
    ).rejects.toThrow(/read-only/);
  });

  it('reads claims with their history in one call, in the order asked, and appends an entry with the index it sets', async () => {
    const [a, b] = await store.transaction(async (tx) => {
      const a = await newClaim(tx, { urgentDue: '2026-03-05T00:00:00.000Z' });
      const b = await newClaim(tx, { urgentDue: '2026-03-03T00:00:00.000Z' }, 'tenant-9');
      await tx.appendHistory(a, entry(1));
      await tx.appendHistory(a, entry(2), index({ version: 2, status: 'in-review' }));
      await lease(tx, `L-batch-${a}`, 'rev-a');
      await tx.leaseTheseClaims(`L-batch-${a}`, [a, b], NOW);
      return [a, b];
    });
    const { loaded, inLease, onTenants } = await store.transaction(async (tx) => ({
      loaded: await tx.loadClaims([b, 'no-such-claim', a]),
      inLease: await tx.claimsInLease(`L-batch-${a}`),
      onTenants: (await tx.claimsOnTenants(['tenant-9', 'tenant-9'])).map((c) => c.facts.id),
    }));
    expect(loaded.map((c) => c.record.facts.id)).toEqual([b, a]);
    expect(loaded[1]!.history).toEqual([entry(1), entry(2)]);
    expect(loaded[0]!.history).toEqual([]);
    expect(loaded[1]!.record.index).toMatchObject({ version: 2, status: 'in-review' });
    // Most urgent first.
    expect(inLease.map((c) => c.record.facts.id)).toEqual([b, a]);
    expect(inLease[1]!.history.map((h) => h.seq)).toEqual([1, 2]);
    expect(onTenants).toContain(b);
    expect(onTenants).not.toContain(a);
  });
});
