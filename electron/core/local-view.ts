// The reviewer's local view of a claim: the service's copy plus the unsynced (pending) outbox entries
// replayed on top with the shared mutationEvent + materialize, and the queue columns derived from it.
// Status logic is never written here: it is the shared fold of the longer history.
import { DECISION_KINDS, materialize, type Claim, type ClaimFacts, type DecisionKind, type MutationKind, type MutationPayload } from '../../shared/contracts';
import { infoRequestRounds, mostUrgent, mutationEvent, type Actor, type BusinessCalendar, type HistoryEntry } from '../../shared/domain';
import type { OutboxRow, QueueIndex } from './store/queries';

export const factsOf = (c: Claim): ClaimFacts => ({
  id: c.id,
  createdAt: c.createdAt,
  partner: c.partner,
  customer: c.customer,
  subscriptionId: c.subscriptionId,
  activity: c.activity,
  products: c.products,
  customerContact: c.customerContact,
  partnerContact: c.partnerContact,
  documents: c.documents,
});

/** The history entries the pending outbox entries will become, numbered after the service's last. */
export function pendingHistory(server: Claim, pending: readonly OutboxRow[], actorOf: (userId: string) => Actor): HistoryEntry[] {
  return pending.map(
    (e, i) =>
      ({
        seq: server.version + i + 1,
        at: e.createdAt,
        actor: actorOf(e.userId),
        ...mutationEvent(e.kind as MutationKind, e.payload as MutationPayload<MutationKind>),
      }) as HistoryEntry,
  );
}

export interface ViewContext {
  now: string;
  calendar: BusinessCalendar;
  actorOf: (userId: string) => Actor;
}

/** Server claim + pending entries (only those in state pending; conflicts are shown beside it). */
export function localView(server: Claim, outbox: readonly OutboxRow[], ctx: ViewContext): Claim {
  const pending = outbox.filter((e) => e.state === 'pending');
  const history = [...server.history, ...pendingHistory(server, pending, ctx.actorOf)];
  return materialize(factsOf(server), history, { now: ctx.now, calendar: ctx.calendar, lease: server.lease, competing: server.competing });
}

export function localDecision(outbox: readonly OutboxRow[]): DecisionKind | null {
  const decisions = outbox.filter((e) => e.state === 'pending' && (DECISION_KINDS as readonly string[]).includes(e.kind));
  return (decisions.at(-1)?.kind as DecisionKind | undefined) ?? null;
}

/** The next instant the derived state may move at: the earliest end of an open deadline after `now`. */
function staleAt(local: Claim, now: string): string | null {
  let at: string | null = null;
  for (const d of local.deadlines) if (d.metAt === null && d.dueAt > now && (at === null || d.dueAt < at)) at = d.dueAt;
  return at;
}

export function queueIndex(local: Claim, outbox: readonly OutboxRow[], now: string): QueueIndex {
  const urgent = mostUrgent(local.deadlines);
  const target = local.deadlines.find((d) => d.kind === 'decision-target' && d.metAt === null) ?? null;
  const products = local.products.filter((p) => !p.removed).map((p) => p.name);
  const search = [
    local.id,
    local.partner.name,
    local.partner.mpnId,
    local.customer.name,
    local.customer.domain,
    local.customer.tenantId,
    local.subscriptionId ?? '',
    ...products,
  ]
    .join(' ')
    .toLowerCase();
  return {
    status: local.status,
    derivedState: local.derivedState,
    urgentDue: urgent?.dueAt ?? null,
    targetDue: target?.dueAt ?? null,
    submittedAt: local.submittedAt,
    partnerName: local.partner.name,
    customerName: local.customer.name,
    searchText: search,
    staleAt: staleAt(local, now),
    item: {
      id: local.id,
      version: local.version,
      status: local.status,
      derivedState: local.derivedState,
      partner: local.partner,
      customer: local.customer,
      products,
      activity: local.activity,
      submittedAt: local.submittedAt,
      mostUrgent: urgent,
      decisionTarget: target,
      infoRounds: infoRequestRounds(local.history),
      documentCount: local.documents.length,
      competingCount: local.competing.length,
      localDecision: localDecision(outbox),
      leaseExpiresAt: local.lease?.expiresAt ?? null,
    },
  };
}
