// A day of work handed to a new machine through the browser host: a 1.2 MB outbox file is imported
// (above the host's general 1 MiB body limit), an entry whose push may have reached the service keeps
// that fact (no undo), and the old machine keeps the exported entries visible but never pushes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, refusal, type TestCore } from '../core/harness';
import { submitClaims } from '../support/claims';
import { signIn, startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { startFaultLink, type FaultLink } from './fault-link';

let svc: TestService;
let link: FaultLink;
let oldMachine: TestCore;
let newMachine: RunningWorkstationProcess;
let claimIds: string[];

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0 });
  claimIds = await submitClaims(svc.url, 4);
  link = await startFaultLink(svc.url);
  oldMachine = await openCore(link.url, { sync: { backoffBaseMs: 600_000, backoffMaxMs: 600_000 } });
  newMachine = await startWorkstation({ serviceUrl: svc.url });
}, 120_000);
afterAll(async () => {
  await newMachine?.cleanup();
  await oldMachine?.close();
  await link?.close();
  await svc?.stop();
});

describe('a day of work carried to a new machine', () => {
  it('imports a 1.2 MB outbox through the browser host, keeps attempts, and the old machine never pushes what it exported', async () => {
    await oldMachine.call('session.login', { username: 'rev1', password: 'demo' });
    await oldMachine.call('queue.pull', { size: 4 });
    const [a] = claimIds as [string];
    // The first push reaches the service but its answer is lost: that entry may have been applied.
    link.rules = [{ method: 'POST', path: '/api/v1/mutations', fault: { kind: 'drop-response' } }];
    const first = (await oldMachine.call('review.comment', { claimId: a, text: 'First note of the day.' })).entry.id;
    // The push of the comment gets no answer; then the machine goes offline.
    await oldMachine.call('sync.run', {}).catch(() => undefined);
    link.cut = true;
    expect(link.rules).toHaveLength(0);
    const long = (i: number) => `${i}: ${'詳細說明 PoE 文件缺少客戶簽名頁。'.repeat(600)}`.slice(0, 10_000);
    for (let i = 0; i < 44; i++) await oldMachine.call('review.comment', { claimId: claimIds[i % 4]!, text: long(i) });
    const exported = await oldMachine.call('outbox.export', {});
    expect(exported.entries).toBe(45);
    expect(Buffer.byteLength(exported.json)).toBeGreaterThan(1024 * 1024);

    await newMachine.rpc('session.login', { username: 'rev1', password: 'demo' });
    expect(await newMachine.rpc('outbox.import', { json: exported.json })).toEqual({ imported: 45, skipped: 0 });
    const imported = JSON.parse(exported.json) as { entries: { id: string; attempts: number }[] };
    expect(imported.entries.find((e) => e.id === first)?.attempts).toBeGreaterThanOrEqual(1);
    const shown = (await newMachine.rpc('claim.get', { id: a })).pending.find((e) => e.id === first);
    if (shown) expect(shown.attempts).toBeGreaterThanOrEqual(1);
    expect(await newMachine.rpc('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });

    link.cut = false;
    expect(await oldMachine.call('sync.run', {})).toMatchObject({ pending: 45 });
    expect((await refusal(oldMachine.call('review.undo', {}))).detail).toMatch(/exported to another workstation/);

    const qa = await signIn(svc.url, 'qa1');
    const comments = (await Promise.all(claimIds.map((id) => qa.call('claimGet', { params: { id } })))).flatMap((c) => c.comments);
    expect(comments.filter((c) => c.author.id === 'u-rev1')).toHaveLength(45);
    expect(new Set(comments.map((c) => c.text)).size).toBe(comments.length);
  }, 120_000);
});
