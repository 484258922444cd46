// Following the change feed from the stored cursor: each page's patches are applied in place (apply.ts);
// only claims a patch cannot bring up to date are fetched whole, and a claim no longer leased to us
// leaves the batch. A profile without a cursor starts at the feed's end.
import type { Claim, RouteResponse } from '../../../shared/contracts';
import { KEYS, type StoredLease } from '../context';
import { ServiceError } from '../service-client';
import { applyFeedPage } from './apply';
import type { SyncHost } from './host';

const FEED_PAGE = 500;

/** The feed's current end (where a new profile starts following). */
export async function feedEnd(host: SyncHost): Promise<number> {
  let cursor = 0;
  for (;;) {
    const res = await host.call('changes', { query: { after: cursor, limit: 1000 } });
    cursor = res.cursor;
    if (res.changes.length < 1000) return cursor;
  }
}

/** The claim as the service shows it now, or null when it is not visible to us any more. */
export async function fetchClaim(host: SyncHost, id: string): Promise<Claim | null> {
  try {
    return await host.call('claimGet', { params: { id } });
  } catch (error) {
    if (error instanceof ServiceError && (error.problem.status === 404 || error.problem.status === 403)) return null;
    throw error;
  }
}

/**
 * Brings one held claim up to date; a claim no longer leased to us leaves the batch (and the queue) but
 * stays cached, open to read, until the next pull or release: it never vanishes under the reviewer.
 */
export async function refreshClaim(host: SyncHost, id: string): Promise<void> {
  const { ctx } = host;
  const claim = await fetchClaim(host, id);
  const me = ctx.session?.user.id;
  const { store } = ctx;
  store.transaction(() => {
    const mine = claim !== null && claim.lease?.reviewerId === me;
    if (claim) ctx.acceptServerClaim(claim, mine);
    store.setInBatch(id, mine);
    ctx.reindex(id);
  });
}

/** Follows the feed: patches are applied in place; only claims a patch cannot bring up to date are fetched. */
export async function followChanges(host: SyncHost): Promise<void> {
  const { ctx } = host;
  const { store } = ctx;
  let cursor: number | null = store.getValue<number>(KEYS.cursor);
  if (cursor === null) {
    store.setValue(KEYS.cursor, await feedEnd(host));
    return;
  }
  for (;;) {
    const res: RouteResponse<'changes'> = await host.call('changes', { query: { after: cursor, limit: FEED_PAGE } });
    const { fetch } = applyFeedPage(ctx, res.changes);
    for (const id of fetch) await refreshClaim(host, id);
    cursor = res.cursor;
    store.setValue(KEYS.cursor, cursor);
    if (fetch.length > 0) {
      ctx.events.emit({ type: 'queue.changed', claimIds: fetch });
      const lease = store.getValue<StoredLease>(KEYS.lease);
      if (lease && !store.batchClaimIds().some((id) => store.serverClaim(id)?.lease?.id === lease.id)) store.deleteValue(KEYS.lease);
    }
    if (res.changes.length < FEED_PAGE) return;
  }
}
