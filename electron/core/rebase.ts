// reliability (issue 13): rebasing onto a service restored from a backup. The service answers 409
// service-restored when its database's epoch is not the one this profile synced with. Then: read
// the restored service (the claims this profile holds or acted on, the end of its change feed), and
// in one transaction take its claims as they are, put the applied entries it may have lost back into
// the outbox at their old places with their ids (applied_log: the reviewer's actions, based on the
// claim as it is there now, and the QA lead's audits and corrections), base every waiting action at
// most on that version, and adopt the new epoch. The next push re-sends them: the service applies
// each one it lost exactly once and answers duplicate for the ones it kept; nothing is lost or doubled.
import { PROBLEM_TYPES, type Claim, type RouteName, type RouteResponse } from '../../shared/contracts';
import { KEYS, type CoreContext } from './context';
import { readClaim } from './relapse';
import { ServiceError, type CallArgs } from './service-client';

type Call = <N extends RouteName>(name: N, args?: Omit<CallArgs<N>, 'token'>) => Promise<RouteResponse<N>>;

export const isServiceRestored = (error: unknown): boolean => error instanceof ServiceError && error.problem.type === PROBLEM_TYPES.serviceRestored;

async function feedEnd(call: Call): Promise<number> {
  for (let cursor = 0; ;) {
    const res = await call('changes', { query: { after: cursor, limit: 1000 } });
    cursor = res.cursor;
    if (res.changes.length < 1000) return cursor;
  }
}

/** Rebases onto the service's new epoch; answers how many applied actions went back into the outbox (null: nothing to rebase). */
export async function rebaseOntoRestoredService(ctx: CoreContext, call: Call): Promise<number | null> {
  const session = ctx.session;
  if (!session) return null;
  const { store, link } = ctx;
  const epoch = link.newEpoch(session.serviceUrl);
  if (!epoch) return null;
  // Both lanes: the reviewer's mutations and the QA lead's audits; only the former act on the claims read here.
  const lost = store.applied.ofUser(session.user.id);
  const reviewed = lost.filter((e) => e.lane === 'review').map((e) => e.claimId);
  const claimIds = [...new Set([...store.batchClaimIds(), ...store.outboxOfUser(session.user.id).map((e) => e.claimId), ...reviewed])];
  // Read the restored service under its new epoch; nothing local changes until all of it is read.
  const { claims, cursor } = await link.under(session.serviceUrl, epoch, async () => {
    const claims = new Map<string, Claim | null>();
    for (const id of claimIds) claims.set(id, await readClaim(call, id));
    return { claims, cursor: await feedEnd(call) };
  });
  store.transaction(() => {
    // The service acknowledged these once: they go again on the claim as it is now (what others did there
    // since the restore does not turn them into conflicts); actions never sent keep their base, capped.
    store.applied.restore(lost.map((e) => (e.lane === 'review' ? { ...e, baseVersion: claims.get(e.claimId)?.version ?? e.baseVersion } : e)));
    for (const [id, claim] of claims) {
      if (!claim) continue;
      // The service's claim as it is now, even when older than the copy held: the restore took it back.
      store.putServerClaim(claim, ctx.now(), store.isInBatch(id));
      store.applied.clampBase(id, claim.version);
    }
    for (const id of claims.keys()) ctx.reindex(id);
    store.setValue(KEYS.cursor, cursor);
    link.adopt(session.serviceUrl, epoch);
  });
  ctx.log.warn(`the review service was restored from a backup (epoch ${epoch}): ${lost.length} applied actions are sent again, ${claims.size} claims re-read`);
  ctx.events.emit({ type: 'queue.changed', claimIds });
  return lost.length;
}
