// Leasing claims to reviewers: one active lease per reviewer, which a new pull extends and adds to;
// each pull takes the most urgent free claims in one atomic store statement. Leasing a submitted
// claim starts its review (review-started, by that reviewer).
import { randomUUID } from 'node:crypto';
import type { Claim } from '../../shared/contracts';
import { problem } from '../http/problems';
import { appendEvent, loadClaim, requireAction, viewClaim } from './claims';
import { actorOf, type AppContext, type Caller } from './context';

const minutesAfter = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export interface PullResult { lease: { id: string; expiresAt: string }; claims: Claim[] }

/**
 * Leases up to `size` more claims to the reviewer. A reviewer holds at most one active lease: a new
 * pull adds claims to it and extends it. The answer lists every claim now in the lease, most urgent first.
 */
export async function pull(app: AppContext, caller: Caller, size: number): Promise<PullResult> {
  const now = app.clock.iso();
  const expiresAt = minutesAfter(now, app.leaseMinutes);
  return app.store.transaction(async (tx) => {
    let lease = await tx.activeLeaseOfReviewer(caller.id, now);
    if (lease) await tx.extendLease(lease.id, expiresAt);
    else {
      lease = { id: `lease-${randomUUID()}`, reviewerId: caller.id, createdAt: now, expiresAt, endedAt: null, endKind: null };
      await tx.insertLease(lease);
    }
    const actor = actorOf(caller);
    for (const id of await tx.leaseAvailableClaims(lease.id, now, size)) {
      await tx.addChange(id, 'lease-acquired', now, caller.id);
      const c = (await loadClaim(tx, id))!;
      if (c.record.index.status === 'submitted') {
        requireAction('start-review', actor, c, now, app.calendar);
        await appendEvent(tx, app, c, { kind: 'review-started' }, actor, now);
      }
    }
    const claims: Claim[] = [];
    for (const id of await tx.claimIdsInLease(lease.id)) claims.push(await viewClaim(tx, app, caller, (await loadClaim(tx, id))!, now));
    return { lease: { id: lease.id, expiresAt }, claims };
  });
}

async function ownActiveLease(app: AppContext, caller: Caller, id: string) {
  return app.store.transaction(async (tx) => {
    const lease = await tx.getLease(id);
    if (!lease || lease.reviewerId !== caller.id) throw problem.notFound(`lease ${id} does not exist or is not yours`, 'id');
    return lease;
  });
}

/** Ends the lease; its claims return to the pool (those still awaiting a decision are leased again later). */
export async function release(app: AppContext, caller: Caller, id: string): Promise<void> {
  await ownActiveLease(app, caller, id);
  const now = app.clock.iso();
  await app.store.transaction(async (tx) => {
    const lease = (await tx.getLease(id))!;
    if (lease.endedAt !== null || lease.expiresAt <= now) throw problem.conflict(`lease ${id} has already ${lease.endKind === 'released' ? 'been released' : 'expired'}`, 'id');
    for (const claimId of await tx.endLease(id, now, 'released')) await tx.addChange(claimId, 'lease-released', now, lease.reviewerId);
  });
}

/** Extends an active lease by the lease period from now. An expired lease cannot be renewed: pull again. */
export async function renew(app: AppContext, caller: Caller, id: string): Promise<{ id: string; expiresAt: string }> {
  await ownActiveLease(app, caller, id);
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const lease = (await tx.getLease(id))!;
    if (lease.endedAt !== null || lease.expiresAt <= now) throw problem.conflict(`lease ${id} has ${lease.endKind === 'released' ? 'been released' : 'expired'}; pull a new batch instead`, 'id');
    const expiresAt = minutesAfter(now, app.leaseMinutes);
    await tx.extendLease(id, expiresAt);
    return { id, expiresAt };
  });
}
