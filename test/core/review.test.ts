// Recording reviewer actions: each is checked with the shared transition table on the local view and
// written to the outbox with the change; undo takes back an unsynced one; input naming a product that
// is not on the claim is refused with the field named.
import { afterEach, describe, expect, it } from 'vitest';
import { serviceReader } from '../support/claims';
import { openCore, refusal, serviceWithClaims, type TestCore } from './harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(claims: number) {
  const svc = await serviceWithClaims(claims);
  cleanups.push(() => svc.close());
  const ws: TestCore = await openCore(svc.service.url);
  cleanups.push(() => ws.close());
  await ws.call('session.login', { username: 'rev1', password: 'demo' });
  await ws.call('queue.pull', { size: claims });
  return { svc, ws };
}

describe('reviewer actions', () => {
  it('write an outbox entry based on the service version and show it in the local view at once', async () => {
    const { svc, ws } = await setup(1);
    const id = svc.claimIds[0]!;
    const before = await ws.call('claim.get', { id });
    const ticked = await ws.call('review.checklist', {
      claimId: id,
      code: 'missing-product',
      productId: before.claim.products[0]!.id,
      checked: true,
      note: 'Power BI is not named',
    });
    expect(ticked.entry).toMatchObject({ kind: 'checklist', state: 'pending', baseVersion: before.server.version, attempts: 0 });
    expect(ticked.claim.checklist).toEqual([expect.objectContaining({ code: 'missing-product', productId: before.claim.products[0]!.id, checked: true })]);
    const decided = await ws.call('review.decide', {
      claimId: id,
      decision: { kind: 'request-info', reasons: [{ code: 'missing-product', productId: before.claim.products[0]!.id }], message: 'Please name the product.' },
    });
    expect(decided.entry.baseVersion).toBe(before.server.version);
    expect(decided.claim.status).toBe('partner-action-needed');
    const item = (await ws.call('queue.list', {})).claims.find((c) => c.id === id)!;
    expect(item).toMatchObject({ pending: 2, localDecision: 'request-info', status: 'partner-action-needed' });
    const sameRow = ws.core.store.outboxForClaim(id);
    expect(sameRow.map((e) => e.id)).toEqual([ticked.entry.id, decided.entry.id]);
  });

  it('refuse what the transition table forbids on the local view, naming the reason', async () => {
    const { svc, ws } = await setup(1);
    const id = svc.claimIds[0]!;
    await ws.call('review.decide', { claimId: id, decision: { kind: 'approve', message: null } });
    const p = await refusal(ws.call('review.decide', { claimId: id, decision: { kind: 'reject', reason: 'insufficient-poe', message: 'No.' } }));
    expect(p.status).toBe(409);
    expect(p.detail).toMatch(/approved/);
    expect(ws.core.store.outboxCounts().pending).toBe(1);
  });

  it('refuse a product that is not on the claim, naming the field', async () => {
    const { svc, ws } = await setup(1);
    const id = svc.claimIds[0]!;
    const p1 = await refusal(ws.call('review.checklist', { claimId: id, code: 'missing-product', productId: 'no-such-product', checked: true }));
    expect(p1).toMatchObject({ status: 400, field: 'productId' });
    const p2 = await refusal(
      ws.call('review.decide', { claimId: id, decision: { kind: 'remove-product', productId: 'no-such-product', message: 'Remove it.' } }),
    );
    expect(p2).toMatchObject({ status: 400, field: 'decision.productId' });
    const p3 = await refusal(ws.call('claim.get', { id: 'CLM-NOT-MINE' }));
    expect(p3.status).toBe(404);
  });

  it('can be undone while unsynced: the last one by default, or a named one; the service never sees them', async () => {
    const { svc, ws } = await setup(2);
    const [x, y] = svc.claimIds as [string, string];
    const comment = await ws.call('review.comment', { claimId: x, text: 'Checked the acknowledgement.' });
    const approve = await ws.call('review.decide', { claimId: x, decision: { kind: 'approve', message: null } });
    const reject = await ws.call('review.decide', { claimId: y, decision: { kind: 'reject', reason: 'poe-unavailable', message: 'The file does not open.' } });

    const undoneLast = await ws.call('review.undo', {});
    expect(undoneLast.undone?.id).toBe(reject.entry.id);
    expect((await ws.call('claim.get', { id: y })).claim.status).toBe('in-review');

    const undoneNamed = await ws.call('review.undo', { entryId: approve.entry.id });
    expect(undoneNamed.undone?.id).toBe(approve.entry.id);
    const xView = await ws.call('claim.get', { id: x });
    expect(xView.claim.status).toBe('in-review');
    expect(xView.pending.map((e) => e.id)).toEqual([comment.entry.id]);
    expect((await refusal(ws.call('review.undo', { entryId: approve.entry.id }))).status).toBe(404);

    expect(await ws.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });
    expect((await ws.call('review.undo', {})).undone).toBeNull();
    const reader = await serviceReader(svc.service.url);
    const onX = await reader.claim(x);
    expect(onX.status).toBe('in-review');
    expect(onX.history.filter((e) => e.kind === 'comment')).toHaveLength(1);
    expect((await reader.claim(y)).status).toBe('in-review');
  });

  it('name the next claim to review after a decision', async () => {
    const { svc, ws } = await setup(3);
    const order = (await ws.call('queue.list', {})).claims.map((c) => c.id);
    expect(order.sort()).toEqual([...svc.claimIds].sort());
    const first = await ws.call('review.decide', { claimId: order[0]!, decision: { kind: 'approve', message: null } });
    expect(first.next).not.toBe(order[0]);
    expect(order).toContain(first.next);
    const second = await ws.call('review.decide', { claimId: first.next!, decision: { kind: 'approve', message: null } });
    const third = await ws.call('review.decide', { claimId: second.next!, decision: { kind: 'approve', message: null } });
    expect(new Set([order[0], first.next, second.next]).size).toBe(3);
    expect(third.next).toBeNull();
  });
});
