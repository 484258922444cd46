// A reviewer's machine is being replaced with unsynced work on it: the outbox goes to a file
// (outbox.export) and into the new workstation (outbox.import) with the same ids, so the service
// applies each action exactly once — even when the old machine comes back and pushes too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { openCore, refusal, type TestCore } from '../core/harness';
import { submitClaims } from '../support/claims';
import { signIn, startTestService, type TestService } from '../support/service';
import { startFaultLink, type FaultLink } from './fault-link';

const reviewerEntries = (c: Claim) => c.history.filter((e) => e.actor.id === 'u-rev1' && e.kind !== 'review-started');

describe('carrying the outbox to a replacement workstation', () => {
  let svc: TestService;
  let link: FaultLink;
  let oldMachine: TestCore;
  let newMachine: TestCore;
  let claimIds: string[];

  beforeAll(async () => {
    svc = await startTestService({ demoClaims: 0 });
    claimIds = await submitClaims(svc.url, 2);
    link = await startFaultLink(svc.url);
    oldMachine = await openCore(link.url);
    newMachine = await openCore(svc.url);
  });
  afterAll(async () => {
    await oldMachine?.close();
    await newMachine?.close();
    await link?.close();
    await svc?.stop();
  });

  it('exports the unsynced actions with their claims and imports them once on the new machine, which pushes each exactly once', async () => {
    await oldMachine.call('session.login', { username: 'rev1', password: 'demo' });
    await oldMachine.call('queue.pull', { size: 5 });
    link.cut = true;
    const [a, b] = claimIds as [string, string];
    await oldMachine.call('review.checklist', { claimId: a, code: 'missing-customer-acknowledgement', checked: true });
    await oldMachine.call('review.comment', { claimId: a, text: 'Asked the partner by phone as well.' });
    await oldMachine.call('review.decide', { claimId: b, decision: { kind: 'approve', message: null } });
    expect((await oldMachine.call('sync.run', {})).pending).toBe(3);

    const exported = await oldMachine.call('outbox.export', {});
    expect(exported.entries).toBe(3);
    expect(exported.fileName).toMatch(/^outbox-rev1-.*\.json$/);
    const file = JSON.parse(exported.json) as { entries: { id: string }[]; claims: Claim[]; user: { id: string } };
    expect(file.user.id).toBe('u-rev1');
    expect(file.claims.map((c) => c.id).sort()).toEqual([a, b].sort());

    await newMachine.call('session.login', { username: 'rev1', password: 'demo' });
    expect(await newMachine.call('outbox.import', { json: exported.json })).toEqual({ imported: 3, skipped: 0 });
    expect(await newMachine.call('outbox.import', { json: exported.json })).toEqual({ imported: 0, skipped: 3 });
    // The new machine shows the work before it syncs: the claim with the local decision on top.
    const shown = await newMachine.call('claim.get', { id: b });
    expect(shown.pending.map((e) => e.id)).toEqual([file.entries[2]!.id]);
    expect(shown.claim.status).toBe('approved');

    const synced = await newMachine.call('sync.run', {});
    expect(synced).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });

    // The old machine comes back: the exported actions stay visible there but are never pushed from it.
    link.cut = false;
    expect(await oldMachine.call('sync.run', {})).toMatchObject({ pending: 3, conflicts: 0 });
    const undo = await refusal(oldMachine.call('review.undo', { entryId: file.entries[2]!.id }));
    expect(undo).toMatchObject({ status: 409 });
    expect(undo.detail).toMatch(/exported to another workstation .* undo it there/);
    const qa = await signIn(svc.url, 'qa1');
    const onA = await qa.call('claimGet', { params: { id: a } });
    const onB = await qa.call('claimGet', { params: { id: b } });
    expect(reviewerEntries(onA).map((e) => e.kind)).toEqual(['checklist', 'comment']);
    expect(reviewerEntries(onB).map((e) => e.kind)).toEqual(['approved']);
  });

  it("refuses another reviewer's file, a file that is not an outbox, and anything when signed out, writing nothing", async () => {
    await oldMachine.call('session.logout', {});
    await oldMachine.call('session.login', { username: 'rev1', password: 'demo' });
    link.cut = true;
    await oldMachine.call('queue.pull', { size: 5 }).catch(() => undefined);
    const other = await openCore(svc.url);
    try {
      await other.call('session.login', { username: 'rev2', password: 'demo' });
      const json = (await oldMachine.call('outbox.export', {})).json;
      expect((await refusal(other.call('outbox.import', { json }))).status).toBe(409);
      expect((await refusal(other.call('outbox.import', { json: '{"format":"something-else"}' }))).field).toMatch(/^json/);
      expect((await refusal(other.call('outbox.import', { json: 'not json' }))).status).toBe(400);
      expect((await other.call('sync.status', {})).pending).toBe(0);
      await other.call('session.logout', {});
      expect((await refusal(other.call('outbox.export', {}))).status).toBe(401);
    } finally {
      await other.close();
      link.cut = false;
    }
  });
});
