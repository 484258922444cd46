// Recording the reviewer's actions: each checklist tick, comment, decision or product removal is
// checked against the shared transition table on the local view, then written as an outbox entry in
// the SAME transaction as the claim's refreshed local view. Also undo and conflict resolution.
import { v7 as uuidv7 } from 'uuid';
import { MutationPayloads, type Claim, type Product, type MutationKind, type OutboxEntry } from '../../shared/contracts';
import { MUTATION_ACTION, actionProductProblem, checkAction, contextOf, replay, type HistoryEntry } from '../../shared/domain';
import { pendingHistory } from './local-view';
import type { CoreContext } from './context';
import { badInput, conflict, fail, notAllowed, notFound, notSignedIn } from './problems';
import { toEntry, type OutboxRow } from './store/queries';

export interface Recorded {
  entry: OutboxEntry;
  claim: Claim;
}

/** The claim's local state before the action, as record reads it (no materialized claim). */
export interface Before {
  history: readonly HistoryEntry[];
  products: readonly Product[];
}

/**
 * Records one action. `add` puts what the core itself states into the payload, from the claim's local
 * state before the action (the decision's agreement with the assist): the service copy is read once.
 */
export function record(
  ctx: CoreContext,
  kind: MutationKind,
  claimId: string,
  rawPayload: Record<string, unknown>,
  fieldPrefix = '',
  add?: (before: Before) => Record<string, unknown>,
): Recorded {
  const user = ctx.session?.user ?? fail(notSignedIn());
  const { store } = ctx;
  const server = store.serverClaim(claimId);
  const outbox = server ? store.outboxForClaim(claimId) : [];
  if (!server || (!store.isInBatch(claimId) && outbox.length === 0)) return fail(notFound(`claim ${claimId} is not in your batch`));
  // The checks need the local history and products, not a materialized claim: the one materialization
  // of this action is the view after it (below), which also writes the queue row.
  const history = [
    ...server.history,
    ...pendingHistory(
      server,
      outbox.filter((e) => e.state === 'pending'),
      ctx.actorOf,
    ),
  ];
  const removed = new Set(replay(history).removedProductIds);
  const products = server.products.map((p) => ({ ...p, removed: p.removed || removed.has(p.id) }));
  const payload = MutationPayloads[kind].parse(add ? { ...rawPayload, ...add({ history, products }) } : rawPayload) as Record<string, unknown>;
  // The same per-product rules as the service (shared/domain/checklist.ts).
  const bad = actionProductProblem(kind, payload, products);
  if (bad) fail(badInput(`${fieldPrefix}${bad.field}`, bad.detail));
  const now = ctx.now();
  const check = checkAction(
    MUTATION_ACTION[kind],
    user.role,
    contextOf(history, {
      now,
      calendar: ctx.calendar(),
      documentCount: server.documents.length,
      activeProductCount: products.filter((p) => !p.removed).length,
    }),
  );
  if (!check.ok) fail(notAllowed(check.reason));
  const row: Omit<OutboxRow, 'seq' | 'server'> = {
    id: uuidv7(),
    userId: user.id,
    claimId,
    baseVersion: server.version,
    kind,
    payload,
    createdAt: now,
    state: 'pending',
    problem: null,
    attempts: 0,
  };
  // Nothing ran between the reads above and this transaction (it is all synchronous): the new local
  // view is the service copy and outbox already read, plus this entry, materialized once.
  const local = store.transaction(() => {
    const seq = store.insertOutbox(row);
    return ctx.reindex(claimId, undefined, { server, outbox: [...outbox, { ...row, seq, server: null }] })!;
  });
  ctx.active = true;
  return { entry: toEntry({ ...row, seq: 0, server: null }), claim: local };
}

/** Removes an unsynced entry (default: the reviewer's last one) unless it is being sent right now. */
export function undo(ctx: CoreContext, inFlight: ReadonlySet<string>, entryId?: string): OutboxEntry | null {
  const user = ctx.session?.user ?? fail(notSignedIn());
  const { store } = ctx;
  const row = entryId ? store.outboxEntry(entryId) : store.lastOutbox(user.id);
  if (!row) return entryId ? fail(notFound(`no unsynced action ${entryId}: it may have reached the service already`)) : null;
  if (row.userId !== user.id) fail(notFound(`no unsynced action ${row.id} of yours`));
  if (inFlight.has(row.id)) fail(conflict('This action is being sent to the review service right now; undo is possible again once the service answered.'));
  if (store.exportedAt(row.id))
    fail(conflict(`This action was exported to another workstation (${store.exportedAt(row.id)}) and is pushed from there; undo it there, not here.`));
  if (row.state === 'pending' && row.attempts > 0) {
    fail(
      conflict(
        'This action may already have reached the review service (a push of it got no answer), so it can no longer be undone here. Once it syncs, take it back with a new action (a comment or another decision).',
      ),
    );
  }
  store.transaction(() => {
    store.deleteOutbox(row.id);
    ctx.reindex(row.claimId);
  });
  return toEntry(row);
}

export function listConflicts(ctx: CoreContext): { entry: OutboxEntry; server: Claim | null; canReapply: boolean }[] {
  return ctx.store.unresolvedOutbox().map((r) => {
    const server = newest(r.server, ctx.store.serverClaim(r.claimId));
    return { entry: toEntry(r), server, canReapply: canReapply(ctx, r, server) };
  });
}

/** Whether the action could still apply to the claim as the service shows it (approving a rejected claim never can). */
function canReapply(ctx: CoreContext, row: OutboxRow, server: Claim | null): boolean {
  if (!server) return false;
  const role = ctx.session?.user.role ?? 'reviewer';
  const context = contextOf(server.history, {
    now: ctx.now(),
    calendar: ctx.calendar(),
    documentCount: server.documents.length,
    activeProductCount: server.products.filter((p) => !p.removed).length,
  });
  return checkAction(MUTATION_ACTION[row.kind], role, context).ok;
}

const newest = (a: Claim | null, b: Claim | null): Claim | null => (a && b ? (a.version >= b.version ? a : b) : (a ?? b));

/** reapply: re-base on the service's current version and queue again; discard: drop it, logged. */
export function resolve(ctx: CoreContext, entryId: string, choice: 'reapply' | 'discard'): OutboxEntry | null {
  const { store } = ctx;
  const row = store.outboxEntry(entryId) ?? fail(notFound(`no conflicting action ${entryId}`));
  if (row.state === 'pending') fail(conflict(`action ${entryId} is not in conflict; undo it instead`));
  const server = newest(row.server, store.serverClaim(row.claimId));
  if (choice === 'reapply' && !canReapply(ctx, row, server)) {
    fail(notAllowed('This action can no longer apply to the claim as it is on the review service; discard it or copy it to a comment.'));
  }
  if (choice === 'discard') {
    store.transaction(() => {
      store.logDiscarded(toEntry(row), server, ctx.now());
      store.deleteOutbox(row.id);
      ctx.reindex(row.claimId);
    });
    return toEntry(row);
  }
  store.transaction(() => {
    if (server) ctx.acceptServerClaim(server, false);
    store.requeueOutbox(row.id, server?.version ?? row.baseVersion);
    ctx.reindex(row.claimId);
  });
  return toEntry(store.outboxEntry(row.id)!);
}
