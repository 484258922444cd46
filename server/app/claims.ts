// The claim as the service holds it: load facts + history, append events (checked by the shared
// transition table), recompute the query index from a replay, decide visibility, materialize views.
// It never decides a status or a deadline itself: those come from shared/.
import { materialize, type Claim, type ClaimFacts, type CompetingClaim, type Lease } from '../../shared/contracts';
import {
  byPoeDate,
  checkAction,
  customerHistory,
  customerMayRead,
  deriveDeadlines,
  deriveState,
  disputeOpen,
  mostUrgent,
  replay,
  timerDue,
  type Actor,
  type ActionContext,
  type BusinessCalendar,
  type ClaimAction,
  type HistoryEntry,
  type HistoryEvent,
} from '../../shared/domain';
import { problem } from '../http/problems';
import type { ClaimIndex, ClaimRecord, ClaimWithHistory, ReadTx, Tx } from '../store/repository';
import { DEFAULT_CLAIM_LIMITS, checkAppend } from './claim-limits';
import type { AppContext, Caller } from './context';
import { notify } from './notifications';

/** A claim as the service's rules work on it: its row and its whole history. */
export type LoadedClaim = ClaimWithHistory;

/** The claim with its documents and history, in one query (locked in a writing transaction on PostgreSQL). */
export async function loadClaim(tx: ReadTx, id: string): Promise<LoadedClaim | null> {
  return (await tx.loadClaims([id]))[0] ?? null;
}

export const activeProducts = (facts: ClaimFacts, history: readonly HistoryEntry[]) => {
  const removed = new Set(replay(history).removedProductIds);
  return facts.products.filter((p) => !p.removed && !removed.has(p.id));
};

export function actionContext(c: LoadedClaim, now: string, calendar: BusinessCalendar): ActionContext {
  return {
    history: c.history,
    lifecycle: replay(c.history),
    now,
    calendar,
    documentCount: c.record.facts.documents.length,
    activeProductCount: activeProducts(c.record.facts, c.history).length,
  };
}

/** Throws a 409 transition problem naming why, when `role` may not take `action` now. */
export function requireAction(action: ClaimAction, actor: Actor, c: LoadedClaim, now: string, calendar: BusinessCalendar): void {
  const check = checkAction(action, actor.role, actionContext(c, now, calendar));
  if (!check.ok) throw problem.transition(check.reason);
}

/** The query columns of a claim, recomputed from its history (never edited on their own). */
export function claimIndex(facts: ClaimFacts, history: readonly HistoryEntry[], now: string, calendar: BusinessCalendar): ClaimIndex {
  const life = replay(history);
  const deadlines = deriveDeadlines(history, calendar);
  const poeTimes = facts.documents.map((d) => d.uploadedAt).sort();
  return {
    version: history.length === 0 ? 0 : history[history.length - 1]!.seq,
    status: life.status,
    derivedState: deriveState(life, now, calendar),
    reviewable: life.status === 'submitted' || life.status === 'in-review' || disputeOpen(life),
    urgentDue: mostUrgent(deadlines)?.dueAt ?? null,
    timerDue: timerDue(history, calendar),
    latestPoeAt: poeTimes[poeTimes.length - 1] ?? null,
  };
}

/** The claim with `event` appended as its next entry (by `actor` at `at`) and its index recomputed, and that entry; nothing written yet. */
function withNextEntry(
  app: Pick<AppContext, 'calendar'> & Partial<Pick<AppContext, 'claimLimits'>>,
  c: LoadedClaim,
  event: HistoryEvent,
  actor: Actor,
  at: string,
): { claim: LoadedClaim; entry: HistoryEntry } {
  checkAppend(app.claimLimits ?? DEFAULT_CLAIM_LIMITS, c, event);
  const last = c.history[c.history.length - 1];
  const entry = { ...event, seq: (last?.seq ?? 0) + 1, at, actor } as HistoryEntry;
  const history = [...c.history, entry];
  return { claim: { record: { ...c.record, index: claimIndex(c.record.facts, history, at, app.calendar) }, history }, entry };
}

/**
 * Appends one event by `actor` at `at` as the claim's next history entry, records it in the changes
 * feed (via the store) and refreshes the index. Returns the claim as it now stands.
 */
export async function appendEvent(
  tx: Tx,
  app: Pick<AppContext, 'calendar'> & Partial<Pick<AppContext, 'claimLimits'>>,
  c: LoadedClaim,
  event: HistoryEvent,
  actor: Actor,
  at: string,
): Promise<LoadedClaim> {
  // `c` was loaded in this transaction (its row locked on PostgreSQL) and an entry changes only the history
  // and the index (callers that change facts load the claim after doing so): the row is not read again,
  // and the index is computed before the append and written with it.
  const { claim, entry } = withNextEntry(app, c, event, actor, at);
  await tx.appendHistory(claim.record.facts.id, entry, claim.record.index);
  await notify(tx, app.calendar, claim.record.companyId, claim.record.facts, claim.history, entry);
  return claim;
}

/** appendEvent for several claims at once (one event each, one actor, one instant): their entries and indexes go to the store in one call. */
export async function appendEvents(
  tx: Tx,
  app: Pick<AppContext, 'calendar'> & Partial<Pick<AppContext, 'claimLimits'>>,
  items: readonly { c: LoadedClaim; event: HistoryEvent }[],
  actor: Actor,
  at: string,
): Promise<LoadedClaim[]> {
  const next = items.map(({ c, event }) => withNextEntry(app, c, event, actor, at));
  await tx.appendHistories(next.map(({ claim, entry }) => ({ claimId: claim.record.facts.id, entry, index: claim.record.index })));
  for (const { claim, entry } of next) await notify(tx, app.calendar, claim.record.companyId, claim.record.facts, claim.history, entry);
  return next.map((n) => n.claim);
}

/** Recomputes a claim's index after its facts changed without a new status (e.g. a document). */
export async function refreshIndex(tx: Tx, app: Pick<AppContext, 'calendar'>, id: string, now: string): Promise<LoadedClaim> {
  const c = (await loadClaim(tx, id))!;
  const index = claimIndex(c.record.facts, c.history, now, app.calendar);
  await tx.setClaimIndex(id, index);
  return { record: { ...c.record, index }, history: c.history };
}

/** Reviewers, QA leads and administrators may read every claim (acting on one needs its lease), and see its lease and competing claims. */
export const readsEveryClaim = (caller: Caller): boolean => caller.role === 'reviewer' || caller.role === 'qa_lead' || caller.role === 'admin';

/** Whether `caller` may read the claim (partners: own company; customers: own tenant; reviewers, QA, admin: any; acting needs the lease). */
export async function mayRead(_tx: ReadTx, caller: Caller, c: LoadedClaim, _now: string): Promise<boolean> {
  if (readsEveryClaim(caller)) return true;
  switch (caller.role) {
    case 'partner':
      return c.record.companyId === caller.companyId;
    case 'customer':
      return c.record.facts.customer.tenantId === caller.tenantId && customerMayRead(c.history);
    default:
      return false;
  }
}

/** Loads a claim the caller may read, or throws 404 (a claim you may not see does not exist for you). */
export async function readableClaim(tx: ReadTx, caller: Caller, id: string, now: string): Promise<LoadedClaim> {
  const c = await loadClaim(tx, id);
  if (!c || !(await mayRead(tx, caller, c, now))) throw problem.notFound(`claim ${id} does not exist or is not visible to you`, 'id');
  return c;
}

const workloadKey = (w: string): string => w.trim().toLowerCase();

/**
 * Other claims (other partners' and the same partner's duplicates) on the same tenant and workload, most
 * recent PoE first by shared/domain's byPoeDate: by upload time (the upload's day in `timeZone`), since
 * the service has no PoE assist to read acknowledgement dates.
 */
export async function competingClaims(tx: ReadTx, c: LoadedClaim, timeZone = 'UTC'): Promise<CompetingClaim[]> {
  return competingAmong(c, await tx.claimsOnTenant(c.record.facts.customer.tenantId, ''), timeZone);
}

/** The competing claims of `c` among `others` (claims on its tenant, or on several tenants). */
function competingAmong(c: LoadedClaim, others: readonly ClaimRecord[], timeZone: string): CompetingClaim[] {
  const mine = new Set(activeProducts(c.record.facts, c.history).map((p) => workloadKey(p.workload)));
  const out: CompetingClaim[] = [];
  for (const other of others) {
    if (other.facts.id === c.record.facts.id || other.facts.customer.tenantId !== c.record.facts.customer.tenantId) continue;
    const overlap = other.facts.products.filter((p) => !p.removed && mine.has(workloadKey(p.workload)));
    if (overlap.length === 0) continue;
    out.push({
      id: other.facts.id,
      partner: other.facts.partner,
      status: other.index.status as CompetingClaim['status'],
      derivedState: other.index.derivedState as CompetingClaim['derivedState'],
      products: overlap.map((p) => p.name),
      latestPoeAt: other.index.latestPoeAt,
    });
  }
  return byPoeDate(out, timeZone);
}

/** The claim as `caller` sees it. Partners and customers do not see other partners' competing claims. */
export async function viewClaim(tx: ReadTx, app: Pick<AppContext, 'calendar'>, caller: Caller, c: LoadedClaim, now: string): Promise<Claim> {
  const leaseRecord = await tx.activeLeaseOfClaim(c.record.facts.id, now);
  const lease: Lease | null = leaseRecord ? { id: leaseRecord.id, reviewerId: leaseRecord.reviewerId, expiresAt: leaseRecord.expiresAt } : null;
  const competing = readsEveryClaim(caller) ? await competingClaims(tx, c, app.calendar.timeZone) : [];
  return present(app, caller, c, now, lease, competing);
}

/**
 * Several claims under one lease as `caller` sees them, in two queries whatever their number: the
 * claims were loaded together and their competing claims are read for all their tenants at once.
 */
export async function viewLeasedClaims(tx: ReadTx, app: Pick<AppContext, 'calendar'>, caller: Caller, cs: readonly LoadedClaim[], lease: Lease, now: string) {
  const others = readsEveryClaim(caller) ? await tx.claimsOnTenants(cs.map((c) => c.record.facts.customer.tenantId)) : [];
  return cs.map((c) => present(app, caller, c, now, lease, readsEveryClaim(caller) ? competingAmong(c, others, app.calendar.timeZone) : []));
}

function present(app: Pick<AppContext, 'calendar'>, caller: Caller, c: LoadedClaim, now: string, lease: Lease | null, competing: CompetingClaim[]): Claim {
  const claim = materialize(c.record.facts, c.history, { now, calendar: app.calendar, lease: readsEveryClaim(caller) ? lease : null, competing });
  if (caller.role !== 'customer') return claim;
  // Customers see the consent decision and outcomes, never reviewers' ticks, threads or the dispute text.
  return {
    ...claim,
    history: customerHistory(c.history),
    comments: [],
    checklist: [],
    dispute: null,
    deadlines: claim.deadlines.filter((d) => d.kind === 'consent-window'),
  };
}
