// An action's one materialization and its queue row written column by column (only what moved) give
// exactly what a full rebuild gives: the claim as localClaim materializes it from the stored service
// copy and outbox, and the row as a fresh insert writes it (FTS5 search included). Checked after each
// of varied actions on varied claims: ticks, comments, info requests, approvals, rejections, a product
// removed, an undo, actions on top of a pushed history, a conflict, and its reapply.
import { afterEach, describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/contracts';
import { createServiceClient } from '../../electron/core/service-client';
import { signIn } from '../support/claims';
import { openCore, serviceWithClaims, type TestCore, type TestService } from './harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Row = Record<string, unknown>;
const rowOf = (ws: TestCore, id: string): Row | undefined => ws.core.store.db.prepare('SELECT * FROM queue WHERE id = ?').get(id) as Row | undefined;
const found = (ws: TestCore, id: string, word: string): boolean =>
  ws.core.store.listQueue({ words: [word], sort: 'urgency', limit: 500 }).items.some((i) => i.id === id);

/** The kept row and the action's claim equal a rebuild from the stored copy and outbox; returns the row. */
function expectRebuilt(ws: TestCore, id: string, claim?: Claim): Row {
  const { ctx, store } = ws.core;
  const kept = rowOf(ws, id)!;
  if (claim) expect(claim).toEqual(ctx.localClaim(id)!.local);
  const word = String(kept.partner_key).slice(0, 12);
  expect(found(ws, id, word)).toBe(kept.in_batch === 1);
  store.transaction(() => {
    store.db.prepare('DELETE FROM queue WHERE id = ?').run(id);
    ctx.reindex(id);
  });
  expect(rowOf(ws, id)).toEqual(kept);
  expect(found(ws, id, word)).toBe(kept.in_batch === 1);
  return kept;
}

async function partnerComment(svc: TestService, claimId: string, text: string): Promise<void> {
  const client = createServiceClient(svc.service.url);
  await client.call('claimComment', { token: await signIn(client, 'partner1'), params: { id: claimId }, body: { text } });
}

describe('an action’s local view and queue row', () => {
  it('equal a full rebuild after every kind of action, on service histories of every length', async () => {
    const svc = await serviceWithClaims(4);
    cleanups.push(() => svc.close());
    const ws = await openCore(svc.service.url);
    cleanups.push(() => ws.close());
    await ws.call('session.login', { username: 'rev1', password: 'demo' });
    await ws.call('queue.pull', { size: 4 });
    // Only explicit syncs below: the rows change by the actions alone.
    ws.core.sync.stop();
    const [a, b, c, d] = svc.claimIds as [string, string, string, string];
    for (const id of svc.claimIds) expectRebuilt(ws, id);

    const product = async (id: string, i = 0) => (await ws.call('claim.get', { id })).claim.products[i]!.id;
    const act = async (claimId: string, p: Promise<{ claim: Claim }>) => expectRebuilt(ws, claimId, (await p).claim);

    await act(a, ws.call('review.checklist', { claimId: a, code: 'missing-product', productId: await product(a), checked: true, note: 'not named' }));
    await act(a, ws.call('review.comment', { claimId: a, text: 'Asked the partner by phone.' }));
    await act(
      a,
      ws.call('review.decide', {
        claimId: a,
        decision: { kind: 'request-info', reasons: [{ code: 'missing-product', productId: await product(a) }], message: 'Name the product.' },
      }),
    );
    const undone = await ws.call('review.undo', {});
    expect(undone.undone?.kind).toBe('request-info');
    expectRebuilt(ws, a);
    await act(a, ws.call('review.decide', { claimId: a, decision: { kind: 'approve', message: 'Fine.' } }));

    const products = (await ws.call('claim.get', { id: b })).claim.products;
    if (products.length > 1)
      await act(b, ws.call('review.decide', { claimId: b, decision: { kind: 'remove-product', productId: products[1]!.id, message: 'Not this one.' } }));
    await act(b, ws.call('review.decide', { claimId: b, decision: { kind: 'reject', reason: 'insufficient-poe', message: 'No PoE.' } }));
    await act(d, ws.call('review.comment', { claimId: d, text: '審查中' }));

    // Pushed: the service copies now carry these entries; more actions go on top of the longer history.
    expect(await ws.call('sync.run', {})).toMatchObject({ pending: 0, conflicts: 0 });
    for (const id of svc.claimIds) expectRebuilt(ws, id);
    await act(d, ws.call('review.checklist', { claimId: d, code: 'missing-customer-acknowledgement', productId: null, checked: true, note: null }));
    await act(d, ws.call('review.decide', { claimId: d, decision: { kind: 'approve', message: null } }));

    // A conflict: the partner writes after the reviewer's base version; the row shows it, then its reapply.
    const decided = await ws.call('review.decide', { claimId: c, decision: { kind: 'approve', message: null } });
    expectRebuilt(ws, c, decided.claim);
    await partnerComment(svc, c, 'One more document is coming.');
    expect(await ws.call('sync.run', {})).toMatchObject({ conflicts: 1 });
    expect(expectRebuilt(ws, c)).toMatchObject({ conflict: 1, local_decision: null, status: 'in-review' });
    await ws.call('conflicts.resolve', { entryId: decided.entry.id, choice: 'reapply' });
    expect(expectRebuilt(ws, c)).toMatchObject({ conflict: 0, local_decision: 'approve', status: 'approved' });
  });
});
