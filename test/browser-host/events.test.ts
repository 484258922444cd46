// The event stream of the browser host, through the launcher the end-to-end suites use: the workstation
// runs as its own process against the real service, and sync status, pull progress and queue changes
// arrive as server-sent events, one JSON WorkstationEvent per message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkstationEvent } from '../../shared/contracts';
import { serviceWithClaims, type TestService } from '../core/harness';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';

let svc: TestService;
let ws: RunningWorkstationProcess;

beforeAll(async () => {
  svc = await serviceWithClaims(2);
  ws = await startWorkstation({ serviceUrl: svc.service.url });
});
afterAll(async () => {
  await ws?.cleanup();
  await svc?.close();
});

describe('GET /events', () => {
  it('streams sync.status, pull.progress and queue.changed events as server-sent events', async () => {
    const raw = await fetch(`${ws.origin}/events`, { headers: { authorization: `Bearer ${ws.key}` } });
    expect(raw.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await raw.body?.cancel();

    const stream = await ws.events();
    try {
      const first = await stream.waitFor((e) => e.type === 'sync.status');
      expect(first).toMatchObject({ type: 'sync.status', status: { pending: 0, lease: null } });

      await ws.rpc('session.login', { username: 'rev1', password: 'demo' });
      const online = await stream.waitFor<Extract<WorkstationEvent, { type: 'sync.status' }>>(
        (e) => e.type === 'sync.status' && e.status.connection === 'online' && e.status.lastSyncAt !== null,
      );
      expect(online.status.lastError).toBeNull();

      const pulled = await ws.rpc('queue.pull', { size: 2 });
      await stream.waitFor((e) => e.type === 'pull.progress' && e.progress.phase === 'done' && e.progress.documentsDone === 2);
      const changed = await stream.waitFor<Extract<WorkstationEvent, { type: 'queue.changed' }>>((e) => e.type === 'queue.changed' && e.claimIds.length === 2);
      expect([...changed.claimIds].sort()).toEqual([...svc.claimIds].sort());
      await stream.waitFor((e) => e.type === 'sync.status' && e.status.lease?.id === pulled.lease.id);

      await ws.rpc('review.comment', { claimId: svc.claimIds[0]!, text: 'noted' });
      await stream.waitFor((e) => e.type === 'sync.status' && e.status.pending === 1);
      await stream.waitFor((e) => e.type === 'sync.status' && e.status.pending === 0 && e.status.connection === 'online');
    } finally {
      stream.close();
    }
  });
});
