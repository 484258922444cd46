// Builds the Claim a reader sees from its stored facts and its history: status, derived state,
// checklist, comments thread, deadlines. The service answers with it; the workstation's local view
// (server claim + unsynced mutations) is the same function over a longer history.
import { deriveDeadlines, deriveState, replay, type BusinessCalendar, type HistoryEntry } from '../domain';
import type { Claim, ChecklistEntry, Comment, CompetingClaim, Lease } from './claim';

/** What is stored about a claim besides its history. */
export type ClaimFacts = Pick<
  Claim,
  'id' | 'createdAt' | 'partner' | 'customer' | 'subscriptionId' | 'activity' | 'products' | 'customerContact' | 'partnerContact' | 'documents'
>;

export interface MaterializeContext {
  now: string;
  calendar: BusinessCalendar;
  lease: Lease | null;
  competing: CompetingClaim[];
}

function threadText(e: HistoryEntry): string | null {
  switch (e.kind) {
    case 'comment':
      return e.text;
    case 'info-requested':
    case 'dispute-resolved':
    case 'product-removed':
      return e.message;
    case 'approved':
    case 'rejected':
    case 'resubmitted':
    case 'customer-declined':
      return e.message;
    case 'dispute-filed':
      return e.justification;
    default:
      return null;
  }
}

/** The checklist as the history leaves it: each reason's (and product's) latest tick. */
export function checklistOf(history: readonly HistoryEntry[]): ChecklistEntry[] {
  const checklist = new Map<string, ChecklistEntry>();
  for (const e of history) {
    if (e.kind === 'checklist')
      checklist.set(`${e.code}|${e.productId ?? ''}`, { code: e.code, productId: e.productId, checked: e.checked, note: e.note, by: e.actor, at: e.at });
  }
  return [...checklist.values()];
}

export function materialize(facts: ClaimFacts, history: readonly HistoryEntry[], ctx: MaterializeContext): Claim {
  const life = replay(history);
  const comments: Comment[] = [];
  for (const e of history) {
    const text = threadText(e);
    if (text) comments.push({ seq: e.seq, kind: e.kind, author: e.actor, text, at: e.at });
  }
  const removed = new Set(life.removedProductIds);
  return {
    ...facts,
    version: history.length === 0 ? 0 : history[history.length - 1]!.seq,
    status: life.status,
    derivedState: deriveState(life, ctx.now, ctx.calendar),
    submittedAt: life.submittedAt,
    products: facts.products.map((p) => ({ ...p, removed: p.removed || removed.has(p.id) })),
    checklist: checklistOf(history),
    comments,
    history: [...history],
    deadlines: deriveDeadlines(history, ctx.calendar),
    rejection: life.rejection,
    dispute: life.dispute,
    lease: ctx.lease,
    competing: ctx.competing,
  };
}
