// A partner cannot bloat a claim until the service fails, and one failing mutation never holds back a
// reviewer's outbox: limits per claim answered as 413 problems, and a push split on 5xx down to the one
// entry that fails, which ends set aside as a visible refusal while everything behind it syncs.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceError, createServiceClient } from '../../electron/core/service-client';
import { DEFAULT_CLAIM_LIMITS } from '../../server/app/claim-limits';
import { claimInput, poePdf, serviceReader, signIn } from '../support/claims';
import { openCore, serviceWithClaims } from '../core/harness';
import { startLink } from '../core/link';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function refusal(p: Promise<unknown>): Promise<ServiceError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('limits per claim', () => {
  it('keeps the default limits small enough that a whole claim stays far below any answer limit', () => {
    expect(DEFAULT_CLAIM_LIMITS.comments).toBeLessThanOrEqual(200);
    expect(DEFAULT_CLAIM_LIMITS.textBytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(DEFAULT_CLAIM_LIMITS.documents).toBeLessThanOrEqual(50);
  });

  it('refuses a partner bloating a claim with a 413 naming the limit, and the reviewer still syncs', async () => {
    const svc = await serviceWithClaims(2, { claimLimits: { comments: 4, textBytes: 30_000 } });
    cleanups.push(() => svc.close());
    const [few, long] = svc.claimIds as [string, string];
    const client = createServiceClient(svc.service.url);
    const token = await signIn(client, 'partner1');
    const comment = (id: string, text: string) => client.call('claimComment', { token, params: { id }, body: { text } });

    for (let i = 0; i < 4; i++) await comment(few, `Short note ${i}`);
    const tooMany = await refusal(comment(few, 'One more'));
    expect(tooMany.problem).toMatchObject({ status: 413, field: 'text' });
    expect(tooMany.problem.detail).toMatch(/already holds 4 comments, the limit per claim/);

    const big = 'x'.repeat(10_000);
    await comment(long, big);
    await comment(long, big);
    const tooBig = await refusal(comment(long, big));
    expect(tooBig.problem.status).toBe(413);
    expect(tooBig.problem.detail).toMatch(/the limit per claim is 30,000 bytes/);

    // The reviewer's tick on the full claim is applied; their comment there is refused visibly, not retried.
    const ws = await openCore(svc.service.url);
    cleanups.push(() => ws.close());
    await ws.call('session.login', { username: 'rev1', password: 'demo' });
    await ws.call('queue.pull', { size: 2 });
    await ws.call('review.checklist', { claimId: few, code: 'missing-product', checked: true });
    const refused = await ws.call('review.comment', { claimId: few, text: 'Please add the missing page.' });
    await ws.call('review.checklist', { claimId: long, code: 'missing-product', checked: true });
    const status = await ws.call('sync.run', {});
    expect(status).toMatchObject({ pending: 0, conflicts: 1 });
    const { conflicts } = await ws.call('conflicts.list', {});
    expect(conflicts.map((c) => c.entry.id)).toEqual([refused.entry.id]);
    expect(conflicts[0]!.entry.problem).toMatchObject({ status: 413 });
    const reader = await serviceReader(svc.service.url);
    expect((await reader.claim(few)).comments).toHaveLength(4);
    expect((await reader.claim(long)).checklist.some((r) => r.code === 'missing-product' && r.checked)).toBe(true);
  });

  it('refuses a document past the number of documents per claim, and file names with control or direction characters', async () => {
    const svc = await serviceWithClaims(0, { claimLimits: { documents: 2 } });
    cleanups.push(() => svc.close());
    const client = createServiceClient(svc.service.url);
    const token = await signIn(client, 'partner1');
    const claim = await client.call('claimCreate', { token, body: claimInput() });
    const upload = async (salt: string) =>
      client.call('documentUpload', { token, params: { id: claim.id }, query: { fileName: `${salt}.pdf` }, body: await poePdf('Wingtip Toys', salt) });
    await upload(randomUUID());
    await upload(randomUUID());
    const error = await refusal(upload(randomUUID()));
    expect(error.problem).toMatchObject({ status: 413, field: 'body' });
    expect(error.problem.detail).toMatch(/already holds 2 documents, the limit per claim/);
    // A name that disguises itself (right-to-left override, tab) is refused before anything is stored.
    for (const fileName of ['invoice\u202efdp.exe', 'poe\t.pdf']) {
      const bad = await refusal(client.call('documentUpload', { token, params: { id: claim.id }, query: { fileName }, body: await poePdf('x', randomUUID()) }));
      expect(bad.problem).toMatchObject({ status: 400, field: 'query.fileName' });
      expect(bad.problem.detail).toMatch(/no control characters or text-direction marks/);
    }
  });
});

describe('a push that fails on one mutation', () => {
  it('splits on 5xx, delivers everything else (also what was recorded later) and sets the culprit aside after three failures', async () => {
    const svc = await serviceWithClaims(1);
    cleanups.push(() => svc.close());
    const link = await startLink(svc.service.url);
    cleanups.push(() => link.close());
    const ws = await openCore(link.url, { sync: { backoffBaseMs: 600_000, backoffMaxMs: 600_000 } });
    cleanups.push(() => ws.close());
    await ws.call('session.login', { username: 'rev1', password: 'demo' });
    await ws.call('queue.pull', { size: 1 });
    const [id] = svc.claimIds as [string];

    await ws.call('review.checklist', { claimId: id, code: 'missing-product', checked: true });
    const poisoned = (await ws.call('review.comment', { claimId: id, text: 'The answer to this one always fails.' })).entry.id;
    await ws.call('review.checklist', { claimId: id, code: 'date-missing-or-outdated', checked: true });
    // The service applies the poisoned comment, but every answer to a push holding it is a 500.
    link.failWith = (method, path, body) => (method === 'POST' && path === '/api/v1/mutations' && body.includes(poisoned) ? 500 : null);

    const first = await ws.call('sync.run', {});
    expect(first.pending).toBe(1);
    expect(first.lastError).toMatch(/failed on 1 of your actions/);
    expect((await ws.call('claim.get', { id })).pending.map((e) => e.id)).toEqual([poisoned]);
    // It may have been applied, so it cannot be undone any more.
    const undo = await ws.call('review.undo', { entryId: poisoned }).then(
      () => null,
      (e: { problem: { status: number } }) => e.problem,
    );
    expect(undo?.status).toBe(409);

    const later = (await ws.call('review.comment', { claimId: id, text: 'Recorded after the failing one.' })).entry.id;
    await ws.call('sync.run', {});
    const reader = await serviceReader(svc.service.url);
    const texts = async () => (await reader.claim(id)).comments.map((c) => c.text);
    expect(await texts()).toContain('Recorded after the failing one.');

    for (let run = 0; run < 5 && ws.core.store.outboxEntry(poisoned)?.state === 'pending'; run++) await ws.call('sync.run', {});
    expect(await ws.call('sync.status', {})).toMatchObject({ pending: 0, conflicts: 1 });
    const { conflicts } = await ws.call('conflicts.list', {});
    expect(conflicts[0]!.entry).toMatchObject({ id: poisoned, state: 'invalid', problem: { title: 'Set aside after repeated failures' } });
    expect(conflicts[0]!.entry.problem!.detail).toMatch(/failed on this action 3 times/);
    expect(later).not.toBe(poisoned);

    // Once the service answers again, re-applying it finds it applied: present once, nothing lost or doubled.
    link.failWith = null;
    await ws.call('conflicts.resolve', { entryId: poisoned, choice: 'reapply' });
    expect(await ws.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });
    const all = await texts();
    expect(all.filter((t) => t === 'The answer to this one always fails.')).toHaveLength(1);
    expect(all.filter((t) => t === 'Recorded after the failing one.')).toHaveLength(1);
    const ticks = (await reader.claim(id)).checklist
      .filter((r) => r.checked)
      .map((r) => r.code)
      .sort();
    expect(ticks).toEqual(['date-missing-or-outdated', 'missing-product']);
  });
});
