// Undo after a crash mid-push: the service applied the push but the workstation died before it heard
// so. After the restart, offline, the action still sits in the outbox; undoing it would tell the
// reviewer it was taken back while the service already has it. The workstation must refuse that undo
// (and still allow undo of actions that never left the machine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../shared/contracts';
import { poePdf } from '../support/claims';
import { startWorld, type World } from './world';

describe('undo after the workstation died mid-push', () => {
  let world: World;
  let claimId: string;

  beforeAll(async () => {
    world = await startWorld({ pushBatch: 5 });
    const created = await world.partner.call('claimCreate', {
      body: {
        customer: { name: 'Undo Check Ltd', tenantId: '0b6c1f0e-7d2a-4c3e-9f1a-2b3c4d5e6f70', domain: 'undo.example' },
        subscriptionId: null,
        activity: 'deployment',
        products: [{ name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales' }],
        customerContact: { name: 'C', email: 'c@undo.example', phone: null },
        partnerContact: { name: 'P', email: 'p@partner.example', phone: null },
      },
    });
    claimId = created.id;
    await world.partner.call('documentUpload', { params: { id: claimId }, query: { fileName: 'poe.pdf' }, body: await poePdf('Undo Check Ltd', 'undo') });
    await world.partner.call('claimSubmit', { params: { id: claimId }, body: {} });
    await world.ws.rpc('queue.pull', { size: 5 });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('refuses to undo an action the service may already have applied, and undoes one that never left', async () => {
    // The first push reaches the service; its answer never comes back: the workstation is killed.
    world.link.rules.push({ method: 'POST', path: '/api/v1/mutations', fault: { kind: 'after-response', hook: () => world.killWorkstation() } });
    await world.ws.rpcRaw('review.comment', { claimId, text: 'sent before the crash' }).catch(() => undefined);
    await expect.poll(() => world.workstationAlive, { timeout: 20_000 }).toBe(false);
    const applied = await world.qa.call('claimGet', { params: { id: claimId } });
    expect(applied.history.filter((e) => e.kind === 'comment')).toHaveLength(1);

    // Back up while the service is down: the comment is still pending locally.
    await world.stopService('SIGTERM');
    await world.reviveWorkstation();
    const { pending } = await world.ws.rpc('claim.get', { id: claimId });
    expect(pending.map((e) => e.payload.text)).toEqual(['sent before the crash']);
    // The revived workstation tries to push at once; let that attempt fail first, so the refusal below
    // is about the push that got no answer, not about one still on its way.
    await world.ws.rpc('sync.run', {});

    const refused = await world.ws.rpcRaw('review.undo', { entryId: pending[0]!.id });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Problem).detail).toMatch(/may already have reached the review service/);

    // An action taken while the service is down never reached anyone: undo takes it back.
    const offline = await world.ws.rpc('review.comment', { claimId, text: 'never sent' });
    await world.ws.rpc('sync.run', {});
    expect((await world.ws.rpc('review.undo', { entryId: offline.entry.id })).undone?.id).toBe(offline.entry.id);

    // Healed: the comment sent before the crash is on the service exactly once, the undone one never.
    await world.startServiceAgain();
    const status = await world.ws.rpc('sync.run', {});
    expect(status).toMatchObject({ connection: 'online', pending: 0, conflicts: 0 });
    const after = await world.qa.call('claimGet', { params: { id: claimId } });
    expect(after.history.filter((e) => e.kind === 'comment').map((e) => (e as { text: string }).text)).toEqual(['sent before the crash']);
  });
});
