// The one path by which what the service sends back reaches the store (after Actual Budget's single
// apply path): new history entries are appended to the stored service claim, materialized once, the
// queue row rewritten and claim.changed announced. Push answers and feed patches both come through here.
import {
  FACT_CHANGE_KINDS,
  materialize,
  problemOf,
  type Change,
  type Claim,
  type MutationKind,
  type MutationPayload,
  type MutationResult,
} from '../../../shared/contracts';
import { mutationEvent, type HistoryEntry } from '../../../shared/domain';
import type { CoreContext } from '../context';
import { factsOf } from '../local-view';
import type { OutboxRow } from '../store/queries';

/** applied: appended; had: nothing newer than what is stored; gap: entries are missing before these; unknown: the claim is not held. */
export type ApplyOutcome = 'applied' | 'had' | 'gap' | 'unknown';

/** Appends the entries newer than the stored service claim (skipping what it already has). Call inside a transaction. */
export function applyServerEntries(ctx: CoreContext, id: string, entries: readonly HistoryEntry[]): ApplyOutcome {
  const version = ctx.store.serverVersion(id);
  if (version === null) return 'unknown';
  const fresh = entries.filter((e) => e.seq > version).sort((a, b) => a.seq - b.seq);
  if (fresh.length === 0) return 'had';
  if (fresh.some((e, i) => e.seq !== version + 1 + i)) return 'gap';
  const server = ctx.store.serverClaim(id)!;
  const claim = materialize(factsOf(server), [...server.history, ...fresh], {
    now: ctx.now(),
    calendar: ctx.calendar(),
    lease: server.lease,
    competing: server.competing,
  });
  ctx.store.putServerClaim(claim, ctx.now(), false);
  ctx.reindex(id, claim);
  return 'applied';
}

/** The history entry an applied outbox entry became on the service, as its compact answer describes it. */
function appliedEntry(ctx: CoreContext, e: OutboxRow, r: MutationResult): HistoryEntry | null {
  if (r.version === undefined || r.at === undefined) return null;
  return {
    seq: r.version,
    at: r.at,
    actor: ctx.actorOf(e.userId),
    ...mutationEvent(e.kind as MutationKind, e.payload as MutationPayload<MutationKind>),
  } as HistoryEntry;
}

const CONFLICT = problemOf('conflict', 'The claim changed on the review service since you based this action on it.');

export interface PushApplied {
  /** Claims whose outbox or service copy changed. */
  touched: Set<string>;
  /** A conflict or invalid answer left the conflicts list changed. */
  unresolvedChanged: boolean;
  /** Refused entries whose claim the answer did not carry (past its cap, or not readable): fetch it if possible. */
  needClaim: OutboxRow[];
  /** Claims the answers could not be appended to (entries missing before them): the change feed brings them. */
  gaps: string[];
}

/**
 * Applies a push's compact answers in one transaction: applied and duplicate entries leave the outbox,
 * each claim's service copy gets the entries its applied mutations became (once per claim), and a
 * refused entry keeps the claim the service answered with (at most once per claim per push).
 */
export function applyPushResults(ctx: CoreContext, batch: readonly OutboxRow[], results: readonly MutationResult[]): PushApplied {
  const { store } = ctx;
  const out: PushApplied = { touched: new Set(), unresolvedChanged: false, needClaim: [], gaps: [] };
  const byId = new Map(batch.map((e) => [e.id, e]));
  const claims = new Map<string, Claim>();
  for (const r of results) if (r.claim) claims.set(r.claim.id, r.claim);
  const appended = new Map<string, HistoryEntry[]>();
  store.transaction(() => {
    // One read of which entries are still here (an entry is answered at most once), one clock reading.
    const present = store.outboxStates(batch.map((e) => e.id));
    const at = ctx.now();
    const applied: OutboxRow[] = [];
    for (const r of results) {
      const entry = byId.get(r.id);
      if (!entry || !present.delete(entry.id)) continue;
      out.touched.add(entry.claimId);
      if (r.outcome === 'applied' || r.outcome === 'duplicate') {
        applied.push(entry); // kept for a rebase should the service be restored (issue 13)
        store.deleteOutbox(entry.id);
        const h = r.outcome === 'applied' ? appliedEntry(ctx, entry, r) : null;
        if (h) appended.set(entry.claimId, [...(appended.get(entry.claimId) ?? []), h]);
      } else {
        const claim = claims.get(entry.claimId) ?? null;
        store.markOutbox(entry.id, r.outcome, r.problem ?? CONFLICT, claim);
        if (!claim) out.needClaim.push(entry);
        out.unresolvedChanged = true;
      }
    }
    store.applied.recordAll(applied, at);
    for (const id of out.touched) {
      const claim = claims.get(id);
      const accepted = claim ? ctx.acceptServerClaim(claim, false, true) : false;
      const entries = appended.get(id);
      const outcome = entries ? applyServerEntries(ctx, id, entries) : 'had';
      if (outcome === 'gap') out.gaps.push(id);
      if (outcome !== 'applied' && !accepted) ctx.reindex(id);
    }
  });
  return out;
}

/**
 * Applies one page of the change feed: patches of held claims are appended (what is held already is
 * skipped; the caller's own lease-acquired needs nothing, the pull answered with the claim). Returns the
 * held claims a patch cannot bring up to date (facts changed, a lease event, entries not readable or
 * missing before): those are fetched whole.
 */
export function applyFeedPage(ctx: CoreContext, changes: readonly Change[]): { patched: string[]; fetch: string[] } {
  const byClaim = new Map<string, Change[]>();
  for (const c of changes) byClaim.set(c.claimId, [...(byClaim.get(c.claimId) ?? []), c]);
  const patched: string[] = [];
  const fetch: string[] = [];
  ctx.store.transaction(() => {
    for (const [id, list] of byClaim) {
      const version = ctx.store.serverVersion(id);
      if (version === null) continue;
      const whole = list.some(
        (c) =>
          FACT_CHANGE_KINDS.includes(c.kind) ||
          (c.version === null && !(c.kind === 'lease-acquired' && c.own)) ||
          (c.version !== null && c.version > version && !c.entries),
      );
      if (whole) {
        fetch.push(id);
        continue;
      }
      const outcome = applyServerEntries(
        ctx,
        id,
        list.flatMap((c) => c.entries ?? []),
      );
      if (outcome === 'gap') fetch.push(id);
      else if (outcome === 'applied') patched.push(id);
    }
  });
  return { patched, fetch };
}
