// Leasing claims to reviewers: one active lease per reviewer, which a new pull extends and adds to;
// each pull takes the most urgent free claims in one atomic store statement. Leasing a submitted
// claim starts its review (review-started, by that reviewer). A lease is a working lease (renewed
// while online) or an offline checkout (until the end of the next business day, at most the offline
// maximum); renewing or pulling again never shortens a lease.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Claim, LeaseMode } from '../../shared/contracts';
import { addBusinessDays, type BusinessCalendar } from '../../shared/domain';
import { problem } from '../http/problems';
import { appendEvents, requireAction, viewLeasedClaims } from './claims';
import { actorOf, type AppContext, type Caller } from './context';
import type { LeaseRecord, Tx } from '../store/repository';

const minutesAfter = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const later = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);

/** Default offline maximum: 36 hours, enough for the rest of today and the whole next business day. */
export const DEFAULT_OFFLINE_LEASE_MAX_MINUTES = 36 * 60;
/** The local hour a business day ends, for an offline checkout. */
const BUSINESS_DAY_END_HOUR = 18;

/** When an offline checkout taken at `now` ends: 18:00 of the next business day, capped at `maxMinutes`. */
export function offlineCheckoutEnd(now: string, maxMinutes: number, cal: BusinessCalendar): string {
  const nextDay = DateTime.fromISO(addBusinessDays(now, 1, cal), { zone: 'utc' }).setZone(cal.timeZone);
  const endOfNextDay = nextDay.set({ hour: BUSINESS_DAY_END_HOUR, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO() as string;
  const cap = minutesAfter(now, maxMinutes);
  return Date.parse(endOfNextDay) <= Date.parse(cap) ? endOfNextDay : cap;
}

/** The mode a lease is in: an offline checkout reaches further than one working period from now. */
const modeOf = (app: AppContext, now: string, expiresAt: string): LeaseMode =>
  Date.parse(expiresAt) > Date.parse(minutesAfter(now, app.leaseMinutes)) ? 'offline' : 'working';

export interface LeaseGrant {
  id: string;
  expiresAt: string;
  mode: LeaseMode;
}
export interface PullResult {
  lease: LeaseGrant;
  claims: Claim[];
}
export interface PullRequest {
  size: number;
  mode?: LeaseMode;
  claimIds?: readonly string[];
}

/**
 * Leases up to `size` more claims to the reviewer (or, with `claimIds`, those claims again when they
 * are free). A reviewer holds at most one active lease: a new pull adds claims to it and extends it
 * (an offline checkout to the offline end). The answer lists every claim now in the lease, most urgent first.
 */
export async function pull(app: AppContext, caller: Caller, req: PullRequest): Promise<PullResult> {
  const now = app.clock.iso();
  const wanted = req.mode === 'offline' ? offlineCheckoutEnd(now, app.offlineLeaseMaxMinutes, app.calendar) : minutesAfter(now, app.leaseMinutes);
  return app.store.transaction(async (tx) => {
    let lease = await tx.activeLeaseOfReviewer(caller.id, now);
    if (lease) {
      lease = { ...lease, expiresAt: later(lease.expiresAt, wanted) };
      await tx.extendLease(lease.id, lease.expiresAt);
    } else {
      lease = { id: `lease-${randomUUID()}`, reviewerId: caller.id, createdAt: now, expiresAt: wanted, endedAt: null, endKind: null };
      await tx.insertLease(lease);
    }
    const actor = actorOf(caller);
    // One statement takes the claims (FOR UPDATE SKIP LOCKED); one query then reads every claim in the lease with its documents and history.
    const taken = req.claimIds
      ? await tx.leaseTheseClaims(lease.id, req.claimIds.slice(0, req.size), now)
      : await tx.leaseAvailableClaims(lease.id, now, req.size);
    const inLease = await tx.claimsInLease(lease.id);
    const isTaken = new Set(taken);
    // Each claim taken is a lease-acquired change; those still submitted start their review, all in one append.
    const starting: number[] = [];
    for (const [i, c] of inLease.entries()) {
      if (!isTaken.has(c.record.facts.id)) continue;
      await tx.addChange(c.record.facts.id, 'lease-acquired', now, caller.id);
      if (c.record.index.status !== 'submitted') continue;
      requireAction('start-review', actor, c, now, app.calendar);
      starting.push(i);
    }
    const started = await appendEvents(
      tx,
      app,
      starting.map((i) => ({ c: inLease[i]!, event: { kind: 'review-started' } as const })),
      actor,
      now,
    );
    starting.forEach((i, k) => (inLease[i] = started[k]!));
    const grant = { id: lease.id, reviewerId: lease.reviewerId, expiresAt: lease.expiresAt };
    const claims: Claim[] = await viewLeasedClaims(tx, app, caller, inLease, grant, now);
    return { lease: { id: lease.id, expiresAt: lease.expiresAt, mode: modeOf(app, now, lease.expiresAt) }, claims };
  });
}

/** The caller's own lease, still active at `now`, read in the transaction that changes it (404 when not theirs, 409 when over). */
async function ownActiveLease(tx: Tx, caller: Caller, id: string, now: string, over: (endedBy: string) => string): Promise<LeaseRecord> {
  const lease = await tx.getLease(id);
  if (!lease || lease.reviewerId !== caller.id) throw problem.notFound(`lease ${id} does not exist or is not yours`, 'id');
  if (lease.endedAt !== null || lease.expiresAt <= now) throw problem.conflict(over(lease.endKind === 'released' ? 'been released' : 'expired'), 'id');
  return lease;
}

/** Ends the lease; its claims return to the pool (those still awaiting a decision are leased again later). */
export async function release(app: AppContext, caller: Caller, id: string): Promise<void> {
  const now = app.clock.iso();
  await app.store.transaction(async (tx) => {
    const lease = await ownActiveLease(tx, caller, id, now, (how) => `lease ${id} has already ${how}`);
    for (const claimId of await tx.endLease(id, now, 'released')) await tx.addChange(claimId, 'lease-released', now, lease.reviewerId);
  });
}

/** Extends an active lease by the lease period from now (never shortening it). An expired lease cannot be renewed: pull again. */
export async function renew(app: AppContext, caller: Caller, id: string): Promise<LeaseGrant> {
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const lease = await ownActiveLease(tx, caller, id, now, (how) => `lease ${id} has ${how}; pull a new batch instead`);
    const expiresAt = later(lease.expiresAt, minutesAfter(now, app.leaseMinutes));
    await tx.extendLease(id, expiresAt);
    return { id, expiresAt, mode: modeOf(app, now, expiresAt) };
  });
}
