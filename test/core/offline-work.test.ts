// Offline work in the core against the real service behind a link the test cuts: the undo window
// (held back, undone before the service sees it), re-lease on reconnect for a lapsed lease with an
// unchanged claim, offline checkouts, and connectivity (offline at once, probe, push when it answers).
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkstationError, WorkstationEvent } from '../../shared/contracts';
import { pushableEntries } from '../../electron/core/undo-window';
import { probeDelay } from '../../electron/core/connectivity';
import { advanceServiceClock, serviceReader } from '../support/claims';
import { signIn } from '../support/service';
import { openCore, serviceWithClaims, type TestCore } from './harness';
import { startLink } from './link';

const cleanups: (() => Promise<void>)[] = [];
const later = <T extends { close(): Promise<void> }>(x: T): T => {
  cleanups.push(() => x.close());
  return x;
};
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function signedIn(url: string, opts = {}): Promise<TestCore> {
  const ws = later(await openCore(url, opts));
  await ws.call('session.login', { username: 'rev1', password: 'demo' });
  return ws;
}

const waitFor = (ws: TestCore, predicate: (e: WorkstationEvent) => boolean) =>
  new Promise<WorkstationEvent>((resolve) => {
    const off = ws.core.subscribe((e) => {
      if (predicate(e)) {
        off();
        resolve(e);
      }
    });
  });

describe('the undo window', () => {
  it('holds an action back for its window, in outbox order', () => {
    const row = (id: string, createdAt: string) => ({ id, createdAt }) as never;
    const rows = [row('a', '2026-01-01T00:00:00.000Z'), row('b', '2026-01-01T00:00:08.000Z'), row('c', '2026-01-01T00:00:01.000Z')];
    const { ready, nextAt } = pushableEntries(rows, '2026-01-01T00:00:10.000Z', 5_000);
    expect(ready.map((r: { id: string }) => r.id)).toEqual(['a']);
    expect(nextAt).toBe(Date.parse('2026-01-01T00:00:13.000Z'));
    expect(pushableEntries(rows, '2026-01-01T00:00:10.000Z', 0).ready).toHaveLength(3);
  });

  it('lets the reviewer undo inside the window so the service never sees the action, and pushes the next one after it', async () => {
    const svc = later(await serviceWithClaims(2));
    const ws = await signedIn(svc.service.url, { sync: { undoWindowMs: 1_500 } });
    await ws.call('queue.pull', { size: 2 });
    const [first, second] = svc.claimIds;
    const approve = await ws.call('review.decide', { claimId: first!, decision: { kind: 'approve', message: null } });
    expect((await ws.call('sync.run', {})).pending).toBe(1);
    expect((await ws.call('review.undo', {})).undone?.id).toBe(approve.entry.id);
    const reader = await serviceReader(svc.service.url);
    expect((await reader.claim(first!)).status).toBe('in-review');

    const started = Date.now();
    await ws.call('review.decide', { claimId: second!, decision: { kind: 'approve', message: null } });
    const synced = waitFor(ws, (e) => e.type === 'sync.status' && e.status.connection === 'online' && e.status.pending === 0);
    ws.core.sync.kick();
    await synced;
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect((await reader.claim(second!)).status).toBe('approved');
    expect((await reader.claim(first!)).history.some((e) => e.kind === 'approved')).toBe(false);
  });
});

describe('leases and reconnecting', () => {
  it('re-leases a lapsed claim nobody else touched and applies the offline action with no conflict', async () => {
    const svc = later(await serviceWithClaims(1, { testClock: true, leaseMinutes: 1 }));
    const link = later(await startLink(svc.service.url));
    const ws = await signedIn(link.url);
    await ws.call('queue.pull', { size: 1 });
    link.cut = true;
    const [id] = svc.claimIds;
    await ws.call('review.decide', { claimId: id!, decision: { kind: 'approve', message: 'Fine.' } });
    await advanceServiceClock(svc.service.url, 'PT5M');
    link.cut = false;
    expect(await ws.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });
    const onService = await (await serviceReader(svc.service.url)).claim(id!);
    expect(onService.status).toBe('approved');
    expect(onService.lease?.reviewerId).toBe('u-rev1');
  });

  it('keeps a lapsed claim with nothing pending open to read, refuses acting on it, and leases it again on request', async () => {
    const svc = later(await serviceWithClaims(2, { testClock: true, leaseMinutes: 1 }));
    const link = later(await startLink(svc.service.url));
    const ws = await signedIn(link.url);
    await ws.call('queue.pull', { size: 2 });
    const [kept, taken] = svc.claimIds as [string, string];
    link.cut = true;
    await advanceServiceClock(svc.service.url, 'PT5M');
    const rev2 = await signIn(svc.service.url, 'rev2');
    expect((await rev2.call('leaseCreate', { body: { size: 1, claimIds: [taken] } })).claims.map((c) => c.id)).toEqual([taken]);
    link.cut = false;
    await ws.call('sync.run', {});

    expect((await ws.call('queue.list', {})).total).toBe(0);
    const view = await ws.call('claim.get', { id: kept });
    expect(view.claim.id).toBe(kept);
    expect(view.server.lease?.reviewerId ?? null).not.toBe('u-rev1');
    const refused = await ws.call('review.comment', { claimId: kept, text: 'Still mine?' }).then(
      () => null,
      (e: WorkstationError) => e.problem,
    );
    expect(refused?.status).toBe(404);

    const again = await ws.call('claim.lease', { id: kept });
    expect(again.server.lease?.reviewerId).toBe('u-rev1');
    expect((await ws.call('queue.list', {})).claims.map((c) => c.id)).toEqual([kept]);
    await ws.call('review.comment', { claimId: kept, text: 'Back on it.' });

    const held = await ws.call('claim.lease', { id: taken }).then(
      () => null,
      (e: WorkstationError) => e.problem,
    );
    expect(held?.status).toBe(409);
    expect(held?.detail).toMatch(/another reviewer holds it/);
  });

  it('takes an offline checkout that outlasts the working lease, and shows its mode', async () => {
    const svc = later(await serviceWithClaims(1, { testClock: true, leaseMinutes: 1, offlineLeaseMaxMinutes: 8 * 60 }));
    const ws = await signedIn(svc.service.url);
    const { lease } = await ws.call('queue.pull', { size: 1, offline: true });
    expect(lease.mode).toBe('offline');
    const status = await ws.call('sync.status', {});
    expect(status.lease).toMatchObject({ id: lease.id, mode: 'offline' });
    expect(Date.parse(lease.expiresAt) - Date.now()).toBeGreaterThan(7 * 3_600_000);
  });
});

describe('connectivity', () => {
  it('probes from 2 s with a short backoff', () => {
    const o = { probeBaseMs: 2_000, probeMaxMs: 15_000 };
    expect([1, 2, 3, 4, 5].map((n) => probeDelay(n, o, () => 0))).toEqual([2_000, 4_000, 8_000, 15_000, 15_000]);
    expect(probeDelay(1, o, () => 1)).toBe(2_500);
  });

  it('marks the workstation offline on the first failed request and pushes as soon as a probe answers', async () => {
    const svc = later(await serviceWithClaims(1));
    const link = later(await startLink(svc.service.url));
    const ws = await signedIn(link.url, { sync: { probeBaseMs: 200, probeMaxMs: 400 } });
    await ws.call('queue.pull', { size: 1 });
    link.cut = true;
    const offline = waitFor(ws, (e) => e.type === 'sync.status' && e.status.connection === 'offline');
    await ws.call('review.decide', { claimId: svc.claimIds[0]!, decision: { kind: 'approve', message: null } });
    ws.core.sync.kick();
    await offline;
    const synced = waitFor(ws, (e) => e.type === 'sync.status' && e.status.connection === 'online' && e.status.pending === 0);
    link.cut = false;
    // No sync.run and a 10-minute interval: only the probe can bring it back.
    await synced;
    expect((await (await serviceReader(svc.service.url)).claim(svc.claimIds[0]!)).status).toBe('approved');
  });
});
