// The reviewer's batch: leasing it (one transaction for its claims, then its documents with progress,
// announcing the first claim to review as soon as its documents are stored),
// renewing the lease while the reviewer works, and releasing it after a push. Runs between sync cycles
// (the engine's `exclusive`), never inside one.
import type { PullProgress } from '../../../shared/contracts';
import { KEYS, type StoredLease } from '../context';
import { OfflineError, ServiceError } from '../service-client';
import { fetchDocuments } from './documents';
import { feedEnd } from './feed';
import type { SyncHost } from './host';

export interface BatchHost extends SyncHost {
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  push(): Promise<void>;
  /** The service answered (true) or could not be reached (false). */
  reached(online: boolean): void;
}

/** The page hears of downloaded documents at most this often (the last count comes with the phase "done"). */
const PROGRESS_EVERY_MS = 250;

export type PullOutput = { lease: { id: string; expiresAt: string; mode?: 'working' | 'offline' }; claims: number; documents: number };

/** Leases a batch of `size`, stores its claims, then downloads its documents (the first claim's first). */
export function pull(host: BatchHost, size: number, offline = false): Promise<PullOutput> {
  return host.exclusive(async () => {
    const { ctx } = host;
    const { store } = ctx;
    const progress: PullProgress = { phase: 'leasing', claimsDone: 0, claimsTotal: size, documentsDone: 0, documentsTotal: 0, bytesDone: 0 };
    let reportedAt = 0;
    const report = (p: Partial<PullProgress>, often = false) => {
      Object.assign(progress, p);
      // A document's progress is told at most every PROGRESS_EVERY_MS: each event re-renders the page,
      // which is painting the first claim meanwhile. Phases and the first claim are told at once.
      const at = performance.now();
      if (often && at - reportedAt < PROGRESS_EVERY_MS) return;
      reportedAt = at;
      ctx.events.emit({ type: 'pull.progress', progress: { ...progress } });
    };
    report({});
    try {
      // The calendar and the feed's end (the cursor from before the lease) are asked at once.
      const [calendar, cursor] = await Promise.all([
        host.call('calendar'),
        store.getValue<number>(KEYS.cursor) === null ? feedEnd(host) : Promise.resolve(null),
      ]);
      store.setValue(KEYS.calendar, { timeZone: calendar.timeZone, holidays: calendar.holidays });
      if (cursor !== null) store.setValue(KEYS.cursor, cursor);
      const res = await host.call('leaseCreate', { body: { size, ...(offline ? { mode: 'offline' as const } : {}) } });
      const leased = new Set(res.claims.map((c) => c.id));
      store.transaction(() => {
        for (const c of res.claims) {
          ctx.acceptServerClaim(c, true, true);
          store.setInBatch(c.id, true);
        }
        for (const id of store.batchClaimIds()) if (!leased.has(id)) store.setInBatch(id, false);
        store.forgetClaimsOutsideBatch();
        store.setValue(KEYS.lease, {
          id: res.lease.id,
          expiresAt: res.lease.expiresAt,
          renewedAt: ctx.link.serviceNowIso(),
          ...(res.lease.mode ? { mode: res.lease.mode } : {}),
        } satisfies StoredLease);
      });
      host.reached(true);
      ctx.events.emit({ type: 'queue.changed', claimIds: [...leased] });
      host.emitStatus();
      const documentsTotal = new Set(res.claims.flatMap((c) => c.documents.map((d) => d.sha256))).size;
      const missing = store.missingBatchDocuments().length;
      report({ phase: 'documents', claimsDone: res.claims.length, claimsTotal: res.claims.length, documentsTotal, documentsDone: documentsTotal - missing });
      // The first claim is announced as soon as its row and documents are stored: the page opens it meanwhile.
      await fetchDocuments(
        host,
        (done, _total, bytes) => report({ documentsDone: documentsTotal - missing + done, bytesDone: bytes }, true),
        (firstReady) => report({ firstReady }),
      );
      await ctx.docs.evict();
      report({ phase: 'done' });
      return { lease: res.lease, claims: res.claims.length, documents: documentsTotal };
    } catch (error) {
      if (error instanceof OfflineError) host.reached(false);
      report({ phase: 'failed' });
      host.emitStatus();
      throw error;
    }
  });
}

/** Renews the lease at half its life, while the reviewer works (a claim was opened since the last renewal). */
export async function renewLease(host: SyncHost): Promise<void> {
  const { ctx } = host;
  const { store } = ctx;
  const lease = store.getValue<StoredLease>(KEYS.lease);
  if (!lease || !ctx.active) return;
  // reliability (issue 13): on the service's clock, which the lease's times are on (ours may be a day off).
  const now = ctx.link.serviceNow();
  const from = Date.parse(lease.renewedAt);
  if (now < from + (Date.parse(lease.expiresAt) - from) / 2) return;
  try {
    const res = await host.call('leaseRenew', { params: { id: lease.id } });
    ctx.active = false;
    store.transaction(() => {
      store.setValue(KEYS.lease, {
        ...lease,
        expiresAt: res.lease.expiresAt,
        renewedAt: ctx.link.serviceNowIso(),
        ...(res.lease.mode ? { mode: res.lease.mode } : {}),
      } satisfies StoredLease);
      for (const id of store.batchClaimIds()) {
        const c = store.serverClaim(id);
        if (c?.lease?.id !== lease.id) continue;
        store.putServerClaim({ ...c, lease: { ...c.lease, expiresAt: res.lease.expiresAt } }, ctx.now(), true);
        ctx.reindex(id);
      }
    });
  } catch (error) {
    if (!(error instanceof ServiceError) || (error.problem.status !== 404 && error.problem.status !== 409)) throw error;
    store.deleteValue(KEYS.lease);
  }
}

/** Releases the lease (after a successful push) and empties the batch. */
export function release(host: BatchHost): Promise<void> {
  return host.exclusive(async () => {
    const { ctx } = host;
    const { store } = ctx;
    await host.push();
    const lease = store.getValue<StoredLease>(KEYS.lease);
    if (lease) {
      try {
        await host.call('leaseRelease', { params: { id: lease.id } });
      } catch (error) {
        if (!(error instanceof ServiceError) || (error.problem.status !== 404 && error.problem.status !== 409)) throw error;
      }
    }
    const ids = store.batchClaimIds();
    store.transaction(() => {
      for (const id of ids) store.setInBatch(id, false);
      store.forgetClaimsOutsideBatch();
      store.deleteValue(KEYS.lease);
    });
    ctx.events.emit({ type: 'queue.changed', claimIds: ids });
    host.emitStatus();
  });
}
