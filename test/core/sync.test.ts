// The sync engine against the real review service: the change feed, pulls that keep unsynced work on
// top, conflicts kept with the service's claim, two reviewers after a lease expiry, lease renewal.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, type QueueItem, type WorkstationError, type WorkstationEvent } from '../../shared/contracts';
import { createServiceClient } from '../../electron/core/service-client';
import { WAL_BACKSTOP_PAGES } from '../../electron/core/store/database';
import { backoffDelay } from '../../electron/core/sync';
import { advanceServiceClock, serviceReader, signIn } from '../support/claims';
import { openCore, reviewerBehindLink, serviceWithClaims, type TestCore, type TestService } from './harness';
import { startLink, type Link } from './link';

const cleanups: (() => Promise<void>)[] = [];
const later = <T extends { close(): Promise<void> }>(x: T): T => {
  cleanups.push(() => x.close());
  return x;
};
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function partnerComment(svc: TestService, claimId: string, text: string): Promise<void> {
  const client = createServiceClient(svc.service.url);
  await client.call('claimComment', { token: await signIn(client, 'partner1'), params: { id: claimId }, body: { text } });
}

async function signedIn(url: string, username = 'rev1', opts = {}): Promise<TestCore> {
  const ws = later(await openCore(url, opts));
  await ws.call('session.login', { username, password: 'demo' });
  return ws;
}

describe('pull', () => {
  it('leases a batch, stores every claim and downloads their documents, reporting progress', async () => {
    const svc = later(await serviceWithClaims(3));
    const ws = await signedIn(svc.service.url);
    const progress: WorkstationEvent[] = [];
    ws.core.subscribe((e) => {
      if (e.type === 'pull.progress') progress.push(e);
    });
    // the first claim is announced once its row and documents are stored, before the pull ends
    const readyAt: { id: string; stored: boolean; index: number }[] = [];
    ws.core.subscribe((e) => {
      if (e.type !== 'pull.progress' || !e.progress.firstReady || readyAt.length) return;
      const claim = ws.core.store.serverClaim(e.progress.firstReady);
      readyAt.push({
        id: e.progress.firstReady,
        stored: !!claim?.documents.length && claim.documents.every((d) => ws.core.ctx.docs.has(d.sha256)),
        index: progress.length,
      });
    });
    const pulled = await ws.call('queue.pull', { size: 10 });
    expect(pulled).toMatchObject({ claims: 3, documents: 3 });
    expect(readyAt).toHaveLength(1);
    expect(readyAt[0]).toMatchObject({ id: (await ws.call('queue.list', {})).claims[0]!.id, stored: true });
    expect(readyAt[0]!.index).toBeLessThan(progress.length);
    const phases = progress.map((e) => (e.type === 'pull.progress' ? e.progress.phase : null));
    expect(phases[0]).toBe('leasing');
    expect(phases.at(-1)).toBe('done');
    const last = progress.at(-1)!;
    expect(last.type === 'pull.progress' && last.progress).toMatchObject({ documentsDone: 3, documentsTotal: 3 });
    const { claims, total } = await ws.call('queue.list', {});
    expect(total).toBe(3);
    expect(claims.every((c) => c.status === 'in-review' && c.leaseExpiresAt !== null && c.pending === 0)).toBe(true);
    expect((await ws.call('sync.status', {})).lease?.id).toBe(pulled.lease.id);
  });
});

describe('the change feed', () => {
  it('patches a held claim from the feed without fetching it again, and announces the one row as claim.changed', async () => {
    const svc = later(await serviceWithClaims(2));
    const link = later(await startLink(svc.service.url));
    const ws = await signedIn(link.url);
    await ws.call('queue.pull', { size: 2 });
    const [id] = svc.claimIds;
    const before = await ws.call('claim.get', { id: id! });
    const requests: string[] = [];
    link.onResponse = (method, p) => {
      requests.push(`${method} ${p}`);
      return true;
    };
    const changed = new Promise<QueueItem | null>((resolve) =>
      ws.core.subscribe((e) => {
        if (e.type === 'claim.changed' && e.id === id && e.item?.version !== before.server.version) resolve(e.item);
      }),
    );
    await partnerComment(svc, id!, 'We uploaded the signed page as well.');
    await ws.call('sync.run', {});
    expect((await changed)?.version).toBe(before.server.version + 1);
    const after = await ws.call('claim.get', { id: id! });
    expect(after.server.version).toBe(before.server.version + 1);
    expect(after.claim.comments.map((c) => c.text)).toContain('We uploaded the signed page as well.');
    // The feed carried the patch: no GET of the claim, and the claims just leased were not fetched either.
    expect(requests.filter((r) => r.startsWith('GET /api/v1/claims'))).toEqual([]);
    const fromService = await createServiceClient(svc.service.url).call('claimGet', {
      token: await signIn(createServiceClient(svc.service.url), 'rev1'),
      params: { id: id! },
    });
    expect(after.server.history).toEqual(fromService.history);
  });
});

describe('a reviewer action', () => {
  it('costs one service request: the cycle it kicks pushes and leaves the feed, read within the interval, alone', async () => {
    const svc = later(await serviceWithClaims(2));
    const link = later(await startLink(svc.service.url));
    const ws = await signedIn(link.url);
    await ws.call('queue.pull', { size: 2 });
    await ws.call('sync.run', {}); // a full cycle: the feed was read just now
    const requests: string[] = [];
    link.onResponse = (method, p) => {
      requests.push(`${method} ${p}`);
      return true;
    };
    const [a, b] = svc.claimIds;
    for (const claimId of [a!, b!]) {
      const synced = new Promise<void>((resolve) =>
        ws.core.subscribe((e) => {
          if (e.type === 'sync.status' && e.status.connection === 'online' && e.status.pending === 0) resolve();
        }),
      );
      await ws.call('review.decide', { claimId, decision: { kind: 'approve', message: null } });
      await synced;
    }
    expect(requests).toEqual(['POST /api/v1/mutations', 'POST /api/v1/mutations']);
    // an explicit sync (and the interval) still follows the feed
    await ws.call('sync.run', {});
    expect(requests.slice(2)).toContain('GET /api/v1/changes');
  });

  it('is committed to the log and checkpointed by the cycle after it, never inside its own commit', async () => {
    const svc = later(await serviceWithClaims(1));
    const ws = await signedIn(svc.service.url);
    await ws.call('queue.pull', { size: 1 });
    await ws.call('sync.run', {});
    const { db } = ws.core.store;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_BACKSTOP_PAGES);
    // The WAL index (-shm): frames in the log (mxFrame, header byte 16) and frames copied into the database (nBackfill, byte 96).
    const frames = () => {
      const shm = fs.readFileSync(`${db.name}-shm`);
      return { inLog: shm.readUInt32LE(16), copied: shm.readUInt32LE(96) };
    };
    const synced = new Promise<void>((resolve) =>
      ws.core.subscribe((e) => {
        if (e.type === 'sync.status' && e.status.connection === 'online' && e.status.pending === 0) resolve();
      }),
    );
    await ws.call('review.decide', { claimId: svc.claimIds[0]!, decision: { kind: 'approve', message: null } });
    const afterCommit = frames();
    expect(afterCommit.inLog).toBeGreaterThan(afterCommit.copied);
    await synced;
    const afterCycle = frames();
    expect(afterCycle.copied).toBe(afterCycle.inLog);
  });
});

describe('unsynced work and conflicts', () => {
  it('keeps an unsynced decision on top of a pulled claim, reports it as a conflict with the service claim, and reapply lands it', async () => {
    const { svc, link, ws } = later(await reviewerBehindLink());
    const [id] = svc.claimIds;

    link.cut = true;
    const decided = await ws.call('review.decide', { claimId: id!, decision: { kind: 'approve', message: null } });
    expect(decided.claim.status).toBe('approved');
    await partnerComment(svc, id!, 'One more document is coming.');

    // Back on the network, but every push gets lost: a pull still refreshes the claim.
    link.cut = false;
    link.onResponse = (method, p) => !(method === 'POST' && p === '/api/v1/mutations');
    await ws.call('queue.pull', { size: 1 });
    const rebased = await ws.call('claim.get', { id: id! });
    expect(rebased.server.status).toBe('in-review');
    expect(rebased.server.comments.map((c) => c.text)).toContain('One more document is coming.');
    expect(rebased.claim.status).toBe('approved');
    expect(rebased.claim.comments.map((c) => c.text)).toContain('One more document is coming.');
    expect(rebased.pending).toHaveLength(1);

    // The partner wrote after the reviewer's base version: the service answers conflict, with its claim.
    link.onResponse = null;
    const status = await ws.call('sync.run', {});
    expect(status).toMatchObject({ pending: 0, conflicts: 1 });
    const { conflicts } = await ws.call('conflicts.list', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.entry).toMatchObject({ id: decided.entry.id, state: 'conflict', kind: 'approve' });
    expect(conflicts[0]!.server?.version).toBe(rebased.server.version);
    const listed = await ws.call('queue.list', {});
    expect(listed.claims.find((c) => c.id === id)).toMatchObject({ conflict: true, localDecision: null, status: 'in-review' });

    const reapplied = await ws.call('conflicts.resolve', { entryId: decided.entry.id, choice: 'reapply' });
    expect(reapplied.entry).toMatchObject({ state: 'pending', baseVersion: rebased.server.version });
    const done = await ws.call('sync.run', {});
    expect(done).toMatchObject({ pending: 0, conflicts: 0 });
    expect((await (await serviceReader(svc.service.url)).claim(id!)).status).toBe('approved');
  });

  it('keeps both decisions when two reviewers decide one claim after a lease expiry, and logs a discarded one', async () => {
    const svc = later(await serviceWithClaims(1, { testClock: true, leaseMinutes: 1 }));
    const linkA = later(await startLink(svc.service.url));
    const a = await signedIn(linkA.url, 'rev1');
    const b = await signedIn(svc.service.url, 'rev2');
    const [id] = svc.claimIds;
    await a.call('queue.pull', { size: 1 });

    linkA.cut = true;
    const approve = await a.call('review.decide', { claimId: id!, decision: { kind: 'approve', message: 'Complete.' } });
    await advanceServiceClock(svc.service.url, 'PT2M');

    const pulledByB = await b.call('queue.pull', { size: 1 });
    expect(pulledByB.claims).toBe(1);
    await b.call('review.decide', { claimId: id!, decision: { kind: 'reject', reason: 'insufficient-poe', message: 'The PoE is for another customer.' } });
    expect(await b.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });

    linkA.cut = false;
    expect(await a.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 1 });
    const { conflicts } = await a.call('conflicts.list', {});
    expect(conflicts).toHaveLength(1);
    // The lapsed lease is not the story: another reviewer decided, so it is a conflict with their decision.
    expect(conflicts[0]!.entry).toMatchObject({ id: approve.entry.id, kind: 'approve', state: 'conflict', payload: { message: 'Complete.' } });
    expect(conflicts[0]!.entry.problem?.type).toBe(PROBLEM_TYPES.conflict);
    expect(conflicts[0]!.server).toMatchObject({ id, status: 'rejected' });
    expect(conflicts[0]!.canReapply).toBe(false);

    const onService = await (await serviceReader(svc.service.url)).claim(id!);
    expect(onService.status).toBe('rejected');
    expect(onService.history.filter((e) => e.kind === 'approved')).toHaveLength(0);
    expect(onService.history.filter((e) => e.kind === 'rejected' && e.actor.id === 'u-rev2')).toHaveLength(1);

    // The claim is B's now: it left A's queue, while A's decision stays visible as a conflict.
    expect((await a.call('queue.list', {})).total).toBe(0);
    expect((await a.call('claim.get', { id: id! })).pending.map((e) => e.id)).toEqual([approve.entry.id]);

    const discarded = await a.call('conflicts.resolve', { entryId: approve.entry.id, choice: 'discard' });
    expect(discarded.entry?.id).toBe(approve.entry.id);
    expect((await a.call('conflicts.list', {})).conflicts).toEqual([]);
    expect(a.core.store.discardedLog().map((d) => d.entry.id)).toEqual([approve.entry.id]);
    // Out of A's queue, the claim stays readable until A's next pull, but A can no longer act on it.
    const kept = await a.call('claim.get', { id: id! });
    expect(kept.pending).toEqual([]);
    expect(kept.server.lease?.reviewerId ?? null).not.toBe('u-rev1');
    const refused = await a.call('review.comment', { claimId: id!, text: 'Still here?' }).then(
      () => null,
      (e: WorkstationError) => e.problem,
    );
    expect(refused?.status).toBe(404);
    expect((await a.call('queue.list', {})).total).toBe(0);
  });
});

describe('the lease', () => {
  it('is renewed past half its period while the reviewer works, and left alone while idle', async () => {
    const svc = later(await serviceWithClaims(1, { leaseMinutes: 2, testClock: true }));
    const ws = await signedIn(svc.service.url, 'rev1');
    const pulled = await ws.call('queue.pull', { size: 1 });

    await advanceServiceClock(svc.service.url, 'PT70S');
    const idle = await ws.call('sync.run', {});
    expect(idle.lease?.expiresAt).toBe(pulled.lease.expiresAt);

    await ws.call('claim.get', { id: svc.claimIds[0]! });
    const working = await ws.call('sync.run', {});
    expect(working.lease?.id).toBe(pulled.lease.id);
    expect(working.lease!.expiresAt > pulled.lease.expiresAt).toBe(true);
    const item = (await ws.call('queue.list', {})).claims[0]!;
    expect(item.leaseExpiresAt).toBe(working.lease!.expiresAt);
  });

  // reliability (issue 13): a workstation clock a day off neither lets the lease lapse nor renews it early.
  it.each([
    ['a day behind', -86_400_000],
    ['a day ahead', 86_400_000],
  ])('is renewed on the service clock with the workstation clock %s', async (_, skewMs) => {
    const svc = later(await serviceWithClaims(1, { leaseMinutes: 2, testClock: true }));
    const ws = await signedIn(svc.service.url, 'rev1', { now: () => new Date(Date.now() + skewMs).toISOString() });
    const pulled = await ws.call('queue.pull', { size: 1 });
    await ws.call('claim.get', { id: svc.claimIds[0]! });
    expect((await ws.call('sync.run', {})).lease?.expiresAt).toBe(pulled.lease.expiresAt);

    await advanceServiceClock(svc.service.url, 'PT70S');
    await ws.call('claim.get', { id: svc.claimIds[0]! });
    const renewed = await ws.call('sync.run', {});
    expect(renewed.lease?.id).toBe(pulled.lease.id);
    expect(renewed.lease!.expiresAt > pulled.lease.expiresAt).toBe(true);
  });
});

describe('offline retries', () => {
  it('wait exponentially longer between attempts, up to a cap, with jitter of at most half the wait', () => {
    const o = { backoffBaseMs: 1_000, backoffMaxMs: 60_000 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, o, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelay(20, o, () => 1)).toBe(60_000);
    expect(backoffDelay(3, o, () => 0)).toBe(2_000);
    const jittered = new Set(Array.from({ length: 20 }, (_, i) => backoffDelay(5, o, () => i / 20)));
    expect(jittered.size).toBe(20);
    for (const d of jittered) expect(d >= 8_000 && d <= 16_000).toBe(true);
  });

  it('push the outbox by themselves once the service is reachable again', async () => {
    const svc = later(await serviceWithClaims(1));
    const link: Link = later(await startLink(svc.service.url));
    const ws = await signedIn(link.url, 'rev1', { sync: { backoffBaseMs: 50, backoffMaxMs: 200 } });
    await ws.call('queue.pull', { size: 1 });
    link.cut = true;
    const offline = new Promise<void>((resolve) =>
      ws.core.subscribe((e) => {
        if (e.type === 'sync.status' && e.status.connection === 'offline' && e.status.pending === 1) resolve();
      }),
    );
    await ws.call('review.decide', { claimId: svc.claimIds[0]!, decision: { kind: 'approve', message: null } });
    await offline;
    const synced = new Promise<void>((resolve) =>
      ws.core.subscribe((e) => {
        if (e.type === 'sync.status' && e.status.connection === 'online' && e.status.pending === 0) resolve();
      }),
    );
    link.cut = false;
    await synced;
    expect((await (await serviceReader(svc.service.url)).claim(svc.claimIds[0]!)).status).toBe('approved');
  });
});
