// The queue as the reviewer browses it: filters, sorts and search over the local views of the batch,
// pending work shown per claim, and releasing the batch (after its actions reached the service).
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceClient } from '../../electron/core/service-client';
import { signIn } from '../support/claims';
import { openCore, serviceWithClaims } from './harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(n: number) {
  const svc = await serviceWithClaims(n);
  cleanups.push(() => svc.close());
  const ws = await openCore(svc.service.url);
  cleanups.push(() => ws.close());
  await ws.call('session.login', { username: 'rev1', password: 'demo' });
  await ws.call('queue.pull', { size: n });
  return { svc, ws };
}

describe('the queue', () => {
  it('filters by status and pending work, searches customer names, and sorts', async () => {
    const { ws } = await setup(3);
    const all = (await ws.call('queue.list', {})).claims;
    expect(all).toHaveLength(3);
    const [a, b] = all as [(typeof all)[number], (typeof all)[number]];
    await ws.call('review.decide', { claimId: a.id, decision: { kind: 'approve', message: null } });
    await ws.call('review.comment', { claimId: b.id, text: 'looking' });

    const approved = await ws.call('queue.list', { filter: { status: ['approved'] } });
    expect(approved.claims.map((c) => c.id)).toEqual([a.id]);
    const pending = await ws.call('queue.list', { filter: { pendingOnly: true } });
    expect(pending.claims.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());

    const word = b.customer.name.split(' ').at(-1)!.toUpperCase();
    const found = await ws.call('queue.list', { search: word });
    expect(found.claims.map((c) => c.id)).toEqual([b.id]);
    expect((await ws.call('queue.list', { search: 'no such customer anywhere' })).total).toBe(0);
    expect((await ws.call('queue.list', { search: '100%_' })).total).toBe(0);

    const byCustomer = (await ws.call('queue.list', { sort: 'customer' })).claims.map((c) => c.customer.name);
    expect(byCustomer).toEqual([...byCustomer].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())));
    // keyset paging: each page starts after the previous page's last row, in the same sort
    const first = await ws.call('queue.list', { sort: 'customer', limit: 2 });
    expect(first).toMatchObject({ total: 3, claims: [{ customer: { name: byCustomer[0] } }, { customer: { name: byCustomer[1] } }] });
    const second = await ws.call('queue.list', { sort: 'customer', limit: 2, after: first.next! });
    expect(second).toMatchObject({ total: 3, next: null, claims: [{ customer: { name: byCustomer[2] } }] });
    await expect(ws.call('queue.list', { sort: 'urgency', after: first.next! })).rejects.toMatchObject({ problem: { status: 400, field: 'after' } });
    await expect(ws.call('queue.list', { after: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({ problem: { status: 400, field: 'after' } });
    const byStatus = (await ws.call('queue.list', { sort: 'status' })).claims.map((c) => c.status);
    expect(byStatus).toEqual(['in-review', 'in-review', 'approved']);
  });

  it('is released after its actions reached the service; another reviewer can then lease the claims', async () => {
    const { svc, ws } = await setup(2);
    await ws.call('review.comment', { claimId: svc.claimIds[0]!, text: 'Before release.' });
    await ws.call('queue.release', {});
    expect(await ws.call('queue.list', {})).toEqual({ claims: [], total: 0, capped: false, next: null });
    expect(await ws.call('sync.status', {})).toMatchObject({ pending: 0, lease: null });

    const client = createServiceClient(svc.service.url);
    const other = await client.call('leaseCreate', { token: await signIn(client, 'rev2'), body: { size: 5 } });
    expect(other.claims.map((c) => c.id).sort()).toEqual([...svc.claimIds].sort());
    expect(other.claims.find((c) => c.id === svc.claimIds[0])!.comments.map((c) => c.text)).toContain('Before release.');
  });
});
