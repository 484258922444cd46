// A service restored from an earlier copy of its database (issue 13, point 5): the reviewer's actions
// the service acknowledged after that copy are gone from it. The workstation notices the new epoch on
// its next sync, takes the service's claims as they are, and sends those actions again from its log
// of applied ids, with what it did since: each action ends on the service exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { FINDING_TARGETS } from '../../shared/domain';
import { backupDatabase, restoreDatabase } from '../../server/data-commands';
import { startService, type RunningService } from '../../server/service';
import { approve, decide, reject } from '../audit/world';
import { openCore, type TestCore } from '../core/harness';
import { startLink, type Link } from '../core/link';
import { submitClaims } from '../support/claims';
import { onDemoTemplate } from '../support/demo-template';
import { signIn } from '../support/service';

const mine = (c: Claim) => c.history.filter((e) => e.actor.id === 'u-rev1' && e.kind !== 'review-started');
const texts = (c: Claim) => c.history.flatMap((e) => (e.kind === 'comment' ? [(e as { text: string }).text] : []));

describe('rebasing onto a service restored from a backup', () => {
  let dir: string;
  let dataDir: string;
  let service: RunningService;
  let link: Link;
  let ws: TestCore;
  let a: string;
  let b: string;

  const start = async () => startService(onDemoTemplate({ port: 0, dataDir, demo: true, demoClaims: 0, log: false }));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'poe-rebase-'));
    dataDir = path.join(dir, 'data');
    service = await start();
    [a, b] = (await submitClaims(service.url, 2)) as [string, string];
    link = await startLink(service.url);
    ws = await openCore(link.url);
    await ws.call('session.login', { username: 'rev1', password: 'demo' });
    await ws.call('queue.pull', { size: 2 });
  });
  afterAll(async () => {
    await ws?.close();
    await link?.close();
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-sends the acknowledged actions the restored service lost, with the new ones, each exactly once', async () => {
    await ws.call('review.comment', { claimId: a, text: 'before the backup' });
    expect((await ws.call('sync.run', {})).pending).toBe(0);
    await backupDatabase(dataDir, path.join(dir, 'backup.sqlite'));

    // Acknowledged by the service after the backup: these are what the restore takes away.
    await ws.call('review.checklist', { claimId: a, code: 'missing-customer-acknowledgement', productId: null, checked: true, note: null });
    await ws.call('review.comment', { claimId: a, text: 'after the backup' });
    await ws.call('review.decide', { claimId: b, decision: { kind: 'approve', message: null } });
    const status = await ws.call('sync.run', {});
    expect(status).toMatchObject({ pending: 0, conflicts: 0 });
    const acknowledged = await (await signIn(service.url, 'qa1')).call('claimGet', { params: { id: a } });
    expect(mine(acknowledged)).toHaveLength(3);

    await service.close();
    await restoreDatabase(dataDir, path.join(dir, 'backup.sqlite'));
    service = await start();
    link.target = service.url;
    const qa = await signIn(service.url, 'qa1');
    const restored = await qa.call('claimGet', { params: { id: a } });
    expect(texts(restored)).toEqual(['before the backup']);
    expect((await qa.call('claimGet', { params: { id: b } })).status).not.toBe('approved');
    // Life goes on at the restored service before the workstation syncs: a partner comments.
    await (await signIn(service.url, 'partner1')).call('claimComment', { params: { id: a }, body: { text: 'partner after the restore' } });

    // The reviewer, still seeing the acknowledged state, acts on it.
    await ws.call('review.comment', { claimId: a, text: 'after the restore' });
    expect(await ws.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });
    await ws.call('sync.run', {});

    const claimA = await qa.call('claimGet', { params: { id: a } });
    expect(texts(claimA).sort()).toEqual(['after the backup', 'after the restore', 'before the backup', 'partner after the restore'].sort());
    expect(mine(claimA).filter((e) => e.kind === 'checklist')).toHaveLength(1);
    const claimB = await qa.call('claimGet', { params: { id: b } });
    expect(claimB.status).toBe('approved');
    expect(claimB.history.filter((e) => e.kind === 'approved')).toHaveLength(1);
    // The workstation shows the service's claims as they are now.
    expect((await ws.call('claim.get', { id: a })).server.version).toBe(claimA.version);
    expect(await ws.call('conflicts.list', {})).toEqual({ conflicts: [] });
  });

  it('a second restore of the same backup is a new epoch again, and rebases again without doubling', async () => {
    await service.close();
    await restoreDatabase(dataDir, path.join(dir, 'backup.sqlite'));
    service = await start();
    link.target = service.url;
    expect(await ws.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });
    await ws.call('sync.run', {});
    const qa = await signIn(service.url, 'qa1');
    const claimA = await qa.call('claimGet', { params: { id: a } });
    expect(texts(claimA).sort()).toEqual(['after the backup', 'after the restore', 'before the backup'].sort());
    expect(mine(claimA).filter((e) => e.kind === 'checklist')).toHaveLength(1);
    expect((await qa.call('claimGet', { params: { id: b } })).history.filter((e) => e.kind === 'approved')).toHaveLength(1);
  });
});

describe("rebasing onto a restored service re-sends the QA lead's audits", () => {
  let dir: string;
  let dataDir: string;
  let service: RunningService;
  let link: Link;
  let ws: TestCore;
  let claims: string[];

  const start = async () => startService({ port: 0, dataDir, demo: true, demoClaims: 0, log: false });
  const auditsOf = async (claimId: string) =>
    (await (await signIn(service.url, 'qa1')).call('auditList', { query: { history: 'true' } })).audits.filter((x) => x.claimId === claimId).map((x) => x.id);
  const audit = async (claimId: string) => {
    await ws.call('audit.get', { claimId, blind: false });
    await ws.call('audit.draft', { claimId, findings: FINDING_TARGETS.map((target) => ({ target, verdict: 'agree' as const })) });
    return (await ws.call('audit.submit', { claimId })).entry.id;
  };
  const restore = async () => {
    await service.close();
    await restoreDatabase(dataDir, path.join(dir, 'backup.sqlite'));
    service = await start();
    link.target = service.url;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'poe-rebase-audit-'));
    dataDir = path.join(dir, 'data');
    service = await start();
    claims = await decide(service.url, 'rev2', [approve(), reject(), approve()]);
    link = await startLink(service.url);
    ws = await openCore(link.url);
    await ws.call('session.login', { username: 'qa1', password: 'demo' });
    expect(await ws.call('audit.pull', { seed: 1, mode: 'random', size: 10 })).toMatchObject({ drawn: 3 });
  });
  afterAll(async () => {
    await ws?.close();
    await link?.close();
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an audit acknowledged after the backup is back on the service once, and one from before stays once', async () => {
    const [kept, lost, fresh] = claims as [string, string, string];
    const before = await audit(kept);
    expect((await ws.call('sync.run', {})).pending).toBe(0);
    await backupDatabase(dataDir, path.join(dir, 'backup.sqlite'));
    const after = await audit(lost);
    expect((await ws.call('sync.run', {})).pending).toBe(0);
    expect(await auditsOf(lost)).toEqual([after]);

    await restore();
    expect(await auditsOf(lost)).toEqual([]);
    // Audited before the workstation noticed the restore: its push meets the new epoch first.
    const waiting = await audit(fresh);
    expect(await ws.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });
    await ws.call('sync.run', {});
    expect(await auditsOf(lost)).toEqual([after]);
    expect(await auditsOf(kept)).toEqual([before]);
    expect(await auditsOf(fresh)).toEqual([waiting]);
    for (const claimId of claims) expect((await ws.call('audit.get', { claimId, blind: false })).outbox).toBeNull();

    // Restored again from the same backup: sent again, still once.
    await restore();
    await ws.call('sync.run', {});
    await ws.call('sync.run', {});
    expect(await auditsOf(lost)).toEqual([after]);
    expect(await auditsOf(kept)).toEqual([before]);
    expect(await auditsOf(fresh)).toEqual([waiting]);
  });
});
