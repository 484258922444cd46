// How each reviewer mutation becomes history: the action it needs permission for and the event it
// appends. The service applies mutations with this; the workstation builds its optimistic view with it.
import type { ClaimAction } from './transitions';
import type { HistoryEvent } from './history';
import type { MutationKind, MutationPayload } from '../contracts/mutations';

export const MUTATION_ACTION: Record<MutationKind, ClaimAction> = {
  comment: 'comment',
  checklist: 'checklist',
  approve: 'approve',
  'request-info': 'request-info',
  reject: 'reject',
  'resolve-dispute': 'resolve-dispute',
  'remove-product': 'remove-product',
};

/** Mutations whose effect commutes with other changes: they apply whatever their base version. */
export const COMMUTING_KINDS: readonly MutationKind[] = ['comment'];

/**
 * What others did to a claim since `baseVersion`: its history entries after that version by anyone but
 * `actorId`, leaving out what merely comes with leasing (review-started). A non-commuting mutation
 * based on that version conflicts exactly when this is not empty.
 */
export function actedSince<E extends { seq: number; kind: string; actor: { id: string } }>(history: readonly E[], baseVersion: number, actorId: string): E[] {
  return history.filter((e) => e.seq > baseVersion && e.actor.id !== actorId && e.kind !== 'review-started');
}

export function mutationEvent<K extends MutationKind>(kind: K, payload: MutationPayload<K>): HistoryEvent {
  const p = payload as MutationPayload<MutationKind>;
  switch (kind) {
    case 'comment':
      return { kind: 'comment', text: (p as MutationPayload<'comment'>).text };
    case 'checklist': {
      const c = p as MutationPayload<'checklist'>;
      return { kind: 'checklist', code: c.code, productId: c.productId ?? null, checked: c.checked, note: c.note ?? null };
    }
    case 'approve': {
      const a = p as MutationPayload<'approve'>;
      return a.supersedes?.length
        ? { kind: 'approved', message: a.message ?? null, supersedes: a.supersedes }
        : { kind: 'approved', message: a.message ?? null };
    }
    case 'request-info': {
      const r = p as MutationPayload<'request-info'>;
      return { kind: 'info-requested', reasons: r.reasons, message: r.message };
    }
    case 'reject': {
      const r = p as MutationPayload<'reject'>;
      return { kind: 'rejected', reason: r.reason, message: r.message };
    }
    case 'resolve-dispute': {
      const r = p as MutationPayload<'resolve-dispute'>;
      return r.outcome === 'overturn' && r.supersedes?.length
        ? { kind: 'dispute-resolved', outcome: r.outcome, message: r.message, supersedes: r.supersedes }
        : { kind: 'dispute-resolved', outcome: r.outcome, message: r.message };
    }
    case 'remove-product': {
      const r = p as MutationPayload<'remove-product'>;
      return { kind: 'product-removed', productId: r.productId, message: r.message };
    }
    default:
      throw new Error(`Unknown mutation kind "${String(kind)}"`);
  }
}
