// The promise of the outbox, end to end: a reviewer pulls, loses the service, keeps deciding, the
// workstation process is SIGKILLed in the middle of pushing, restarts, and every action reaches the
// service exactly once. Real service on loopback, real SQLite profile, the workstation as a child process.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../server/service';
import type { Claim, Decision } from '../../shared/contracts';
import { serviceReader, submitClaims } from '../support/claims';
import { onDemoTemplate } from '../support/demo-template';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { startLink, type Link } from './link';

const count = (c: Claim, predicate: (e: Claim['history'][number]) => boolean) => c.history.filter(predicate).length;

describe('a workstation killed while pushing its outbox', () => {
  let dir: string;
  let service: RunningService;
  let link: Link;
  let ws: RunningWorkstationProcess;
  let claimIds: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'crash-recovery-'));
    service = await startService(onDemoTemplate({ port: 0, dataDir: path.join(dir, 'service'), demo: true, demoClaims: 0 }));
    claimIds = await submitClaims(service.url, 4);
    link = await startLink(service.url);
    // Two mutations per push request, and no periodic sync: the test decides when to sync.
    ws = await startWorkstation({ serviceUrl: link.url, args: ['--push-batch', '2', '--sync-interval', '600000'] });
  });

  afterAll(async () => {
    await ws?.cleanup();
    await link?.close();
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every action taken offline exactly once after a SIGKILL mid-push and a restart', async () => {
    await ws.rpc('session.login', { username: 'rev1', password: 'demo' });
    const pulled = await ws.rpc('queue.pull', { size: 4 });
    expect(pulled.claims).toBe(4);
    const { claims } = await ws.rpc('queue.list', {});
    expect(claims.map((c) => c.id).sort()).toEqual([...claimIds].sort());

    // The service goes away.
    await service.close();
    const offline = await ws.rpc('sync.run', {});
    expect(offline.connection).toBe('offline');

    // Several decisions, each with a checklist tick and a comment first.
    const decisions: Decision[] = [
      { kind: 'approve', message: null },
      { kind: 'reject', reason: 'insufficient-poe', message: 'The PoE does not show the engagement.' },
      { kind: 'request-info', reasons: [{ code: 'missing-customer-acknowledgement', productId: null }], message: 'Please add the signed acknowledgement.' },
      { kind: 'approve', message: 'Looks complete.' },
    ];
    for (const [i, id] of claimIds.entries()) {
      await ws.rpc('review.checklist', { claimId: id, code: 'missing-customer-acknowledgement', checked: i === 2 });
      await ws.rpc('review.comment', { claimId: id, text: `offline note ${i} on ${id}` });
      const decided = await ws.rpc('review.decide', { claimId: id, decision: decisions[i]! });
      expect(decided.entry.state).toBe('pending');
    }
    const waiting = await ws.rpc('sync.run', {});
    expect(waiting.pending).toBe(12);
    expect(waiting.connection).toBe('offline');

    // The service comes back (on another port: the link follows it). The first push answer that comes
    // back is held while the workstation process is killed: the service applied it, the workstation never learned.
    service = await startService({ port: 0, dataDir: path.join(dir, 'service') });
    link.target = service.url;
    let crashed!: () => void;
    const crash = new Promise<void>((resolve) => {
      crashed = resolve;
    });
    link.onResponse = async (method, urlPath) => {
      if (method !== 'POST' || urlPath !== '/api/v1/mutations') return true;
      link.onResponse = null;
      await ws.kill('SIGKILL');
      crashed();
      return false;
    };
    await ws.rpc('sync.run', {}).catch(() => undefined);
    await crash;

    const reader = await serviceReader(service.url);
    const first = await reader.claim(claimIds[0]!);
    expect(count(first, (e) => e.kind === 'checklist')).toBe(1);
    expect(count(first, (e) => e.kind === 'comment')).toBe(1);
    expect(count(first, (e) => e.kind === 'approved')).toBe(0);

    // Restart on the same profile: the outbox is still there and replays.
    await ws.restart();
    const before = await ws.rpc('sync.status', {});
    expect(before.pending).toBeGreaterThan(0);
    const after = await ws.rpc('sync.run', {});
    expect(after).toMatchObject({ connection: 'online', pending: 0, conflicts: 0, lastError: null });
    expect((await ws.rpc('conflicts.list', {})).conflicts).toEqual([]);

    const expectedDecision = ['approved', 'rejected', 'info-requested', 'approved'] as const;
    for (const [i, id] of claimIds.entries()) {
      const c = await reader.claim(id);
      expect(
        count(c, (e) => e.kind === 'checklist' && e.actor.id === 'u-rev1'),
        `checklist on ${id}`,
      ).toBe(1);
      expect(
        count(c, (e) => e.kind === 'comment' && e.text === `offline note ${i} on ${id}`),
        `comment on ${id}`,
      ).toBe(1);
      expect(
        count(c, (e) => e.kind === expectedDecision[i]),
        `decision on ${id}`,
      ).toBe(1);
      expect(c.status).toBe(['approved', 'rejected', 'partner-action-needed', 'approved'][i]);
    }
  });
});
