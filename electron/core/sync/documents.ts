// The batch's PoE documents: those not cached yet are downloaded (8 at a time, the first claim's first,
// downloads.ts), each verified; one missing or corrupt document is fetched again on demand.
import type { SyncHost } from './host';
import { downloadAll, type Wanted } from './downloads';

/**
 * Downloads the batch's documents not cached yet, verifying each; reports progress. `firstReady` is told
 * the first claim to review the moment its documents are all stored (at once when none were missing),
 * so it opens while the rest download. Returns how many were stored.
 */
export async function fetchDocuments(
  host: SyncHost,
  progress?: (done: number, total: number, bytes: number) => void,
  firstReady?: (claimId: string) => void,
): Promise<number> {
  const { store, docs } = host.ctx;
  // the claim that opens first (the most urgent) has its documents downloaded first
  const firstClaim = store.queue.next(null);
  const wanted: Wanted[] = [];
  for (const sha of store.missingBatchDocuments()) {
    const ref = store.documentRef(sha);
    if (ref) wanted.push({ sha256: sha, meta: ref });
  }
  const first = new Set(firstClaim ? (store.serverClaim(firstClaim)?.documents.map((d) => d.sha256) ?? []) : []);
  const ready = () => {
    if (firstClaim) firstReady?.(firstClaim);
  };
  if (!wanted.some((w) => first.has(w.sha256))) ready();
  if (wanted.length === 0) return 0;
  wanted.sort((a, b) => Number(first.has(b.sha256)) - Number(first.has(a.sha256)));
  return downloadAll(docs, wanted, first, (sha) => host.call('documentGet', { params: { sha256: sha } }), progress, ready);
}

/** Fetches one document now (a read found it missing or corrupt). */
export async function fetchDocument(host: SyncHost, sha: string): Promise<void> {
  const ref = host.ctx.store.documentRef(sha);
  if (!ref) return;
  const data = await host.call('documentGet', { params: { sha256: sha } });
  await host.ctx.docs.put(sha, data, ref);
}
