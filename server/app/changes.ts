// The change feed as patches (Replicache's pull): each history change carries the claim's new version
// and the entry it appended, but only for a claim the caller may read now; `own` marks what the
// caller's own mutations and pulls caused. A read: no write transaction, no timer sweep.
import type { Change } from '../../shared/contracts';
import type { AppContext, Caller } from './context';

export async function readChanges(app: AppContext, caller: Caller, after: number, limit: number): Promise<{ changes: Change[]; cursor: number }> {
  const now = app.clock.iso();
  return app.store.read(async (tx) => {
    const rows = await tx.changesAfter(after, limit);
    // Reviewers read only the claims leased to them; QA leads and admins read every claim.
    let readable: (id: string) => boolean = () => true;
    if (caller.role === 'reviewer') {
      const lease = await tx.activeLeaseOfReviewer(caller.id, now);
      const mine = new Set(lease ? await tx.claimIdsInLease(lease.id) : []);
      readable = (id) => mine.has(id);
    }
    const changes = rows.map((r): Change => ({
      seq: r.seq,
      claimId: r.claimId,
      kind: r.kind,
      at: r.at,
      version: r.version,
      own: r.actorId === caller.id,
      ...(r.entry && readable(r.claimId) ? { entries: [r.entry] } : {}),
    }));
    return { changes, cursor: rows.length ? rows[rows.length - 1]!.seq : after };
  });
}
