// Re-lease on reconnect: actions the service refused as "not leased to you" (the lease lapsed while the
// reviewer worked offline) are pushed again after leasing their claims anew, where no one else acted on
// the claim since the reviewer's base version; elsewhere they become conflicts carrying the service's
// real current state (read with GET /claims/:id, which any reviewer may read). A lapsed claim the
// reviewer kept open can be leased again on request.
import {
  PROBLEM_TYPES,
  problemOf,
  type Claim,
  type Mutation,
  type MutationResult,
  type Problem,
  type RouteName,
  type RouteResponse,
} from '../../shared/contracts';
import { actedSince } from '../../shared/domain';
import { KEYS, type CoreContext, type StoredLease } from './context';
import type { CallArgs } from './service-client';
import { ServiceError } from './service-client';
import type { OutboxRow } from './store/queries';

type Call = <N extends RouteName>(name: N, args?: Omit<CallArgs<N>, 'token'>) => Promise<RouteResponse<N>>;

const lapsed = (r: MutationResult): boolean => r.outcome === 'invalid' && r.problem?.type === PROBLEM_TYPES.notLeased;

/** The conflict a lapsed action becomes when its claim cannot be leased again. */
function lapseConflict(id: string, current: Claim | null, me: string, base: number): MutationResult {
  const others = current ? actedSince(current.history, base, me) : [];
  const last = others.at(-1);
  const heldBy = current?.lease && current.lease.reviewerId !== me ? current.lease.reviewerId : null;
  const detail = last
    ? `Your lease on this claim ran out and ${last.actor.name} acted on it since your version (${last.kind}).`
    : heldBy
      ? 'Your lease on this claim ran out and another reviewer holds it now.'
      : 'Your lease on this claim ran out and it cannot be leased again in its current state.';
  const problem: Problem = problemOf('conflict', detail);
  return current ? { id, outcome: 'conflict', claim: current, problem } : { id, outcome: 'conflict', problem };
}

/** Keeps what a lease grant brought: every claim now in the lease joins the batch, and the lease is stored. */
function acceptGrant(ctx: CoreContext, res: RouteResponse<'leaseCreate'>): void {
  ctx.store.transaction(() => {
    for (const c of res.claims) {
      ctx.acceptServerClaim(c, true);
      ctx.store.setInBatch(c.id, true);
    }
    ctx.store.setValue(KEYS.lease, {
      id: res.lease.id,
      expiresAt: res.lease.expiresAt,
      renewedAt: ctx.link.serviceNowIso(),
      ...(res.lease.mode ? { mode: res.lease.mode } : {}),
    } satisfies StoredLease);
  });
  ctx.events.emit({ type: 'queue.changed', claimIds: res.claims.map((c) => c.id) });
}

/**
 * Leases again a claim that left the batch (its lease lapsed; it stayed open to read), in the mode of
 * the lease held last. False when the service would not lease it (someone else holds it, or it is no
 * longer open for review): the claim is then brought up to date as it stands on the service, still read-only.
 */
export async function leaseAgain(ctx: CoreContext, call: Call, id: string): Promise<boolean> {
  const stored = ctx.store.getValue<StoredLease>(KEYS.lease);
  const res = await call('leaseCreate', { body: { size: 1, claimIds: [id], ...(stored?.mode ? { mode: stored.mode } : {}) } });
  acceptGrant(ctx, res);
  if (res.claims.some((c) => c.id === id)) return true;
  const current = await readClaim(call, id);
  if (current) ctx.store.transaction(() => void ctx.acceptServerClaim(current, false));
  return false;
}

/** The claim as the service shows it now, or null when it is gone or not ours to read. */
export async function readClaim(call: Call, id: string): Promise<Claim | null> {
  try {
    return await call('claimGet', { params: { id } });
  } catch (error) {
    if (error instanceof ServiceError && (error.problem.status === 404 || error.problem.status === 403)) return null;
    throw error;
  }
}

/**
 * Turns the "not leased" answers of a push into what they should be: applied after a re-lease when the
 * claim is unchanged by others, else a conflict with the service's current claim. Other answers pass.
 */
export async function resolveLapsedLeases(
  ctx: CoreContext,
  call: Call,
  batch: readonly OutboxRow[],
  results: MutationResult[],
  toMutation: (e: OutboxRow) => Mutation,
): Promise<MutationResult[]> {
  const me = ctx.session?.user.id;
  const refused = results.filter(lapsed);
  if (!me || refused.length === 0) return results;
  const refusedIds = new Set(refused.map((r) => r.id));
  const entries = batch.filter((e) => refusedIds.has(e.id));
  const claimIds = [...new Set(entries.map((e) => e.claimId))];
  const current = new Map<string, Claim | null>();
  const baseOf = (claimId: string) => Math.min(...entries.filter((e) => e.claimId === claimId).map((e) => e.baseVersion));
  const candidates: string[] = [];
  for (const id of claimIds) {
    const c = await readClaim(call, id);
    current.set(id, c);
    const heldByOther = c?.lease != null && c.lease.reviewerId !== me;
    if (c && !heldByOther && actedSince(c.history, baseOf(id), me).length === 0) candidates.push(id);
  }
  const answered = new Map<string, MutationResult>();
  if (candidates.length > 0) {
    const stored = ctx.store.getValue<StoredLease>(KEYS.lease);
    const res = await call('leaseCreate', { body: { size: candidates.length, claimIds: candidates, ...(stored?.mode ? { mode: stored.mode } : {}) } });
    const leased = new Set(res.claims.filter((c) => candidates.includes(c.id)).map((c) => c.id));
    acceptGrant(ctx, res);
    for (const c of res.claims) if (leased.has(c.id)) current.set(c.id, c);
    const again = entries.filter((e) => leased.has(e.claimId));
    if (again.length > 0) {
      const pushed = await call('mutations', { body: { mutations: again.map(toMutation) } });
      for (const r of pushed.results) answered.set(r.id, r);
    }
  }
  return results.map((r) => {
    if (!lapsed(r)) return r;
    const second = answered.get(r.id);
    if (second && !lapsed(second)) return second;
    const entry = entries.find((e) => e.id === r.id)!;
    return lapseConflict(r.id, current.get(entry.claimId) ?? null, me, entry.baseVersion);
  });
}
