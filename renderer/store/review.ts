// Review slice: the reviewer's actions on the open claim — checklist ticks and notes, comments,
// decisions composed from templates — and undo of the last unsynced action. Every action goes
// through the workstation API, which writes it to the outbox; what is allowed comes from shared/.
// The decision composer's state, templates and decision payloads are in review-composer.ts.
import { Decision, WorkstationError, type Language, type OutboxEntry } from '../../shared/contracts';
import { REVIEWER_REJECTION_REASONS, type ChecklistReason, type DisputeOutcome } from '../../shared/domain';
import { i18n } from '../i18n';
import { reviewerCalendar, nowIso } from '../review/calendar';
import { deniedForLease, leaseHeld, permissionsFor, type ReviewerAction } from '../review/permissions';
import { COMPOSER_ACTION, decisionOf, templateFor, type Composer, type ComposerKind } from './review-composer';
import { describeError, invoke } from './services';
import type { AppState, SliceContext } from './slice';

export type { Composer, ComposerKind } from './review-composer';

export interface ReviewSlice {
  composer: Composer | null;
  commentDraft: string;
  busy: boolean;
  /** Checklist rows with a write in flight, keyed "code|productId". */
  saving: Record<string, boolean>;
  reset(): void;
  toggleReason(code: ChecklistReason, productId: string | null): Promise<void>;
  /** Ticks a reason with a note (accepting a PoE assist suggestion): the ordinary checklist action. */
  tickWithNote(code: ChecklistReason, productId: string | null, note: string): Promise<void>;
  saveNote(code: ChecklistReason, productId: string | null, note: string): Promise<void>;
  openComposer(kind: ComposerKind, options?: { productId?: string; outcome?: DisputeOutcome }): void;
  updateComposer(change: Partial<Pick<Composer, 'message' | 'rejectionReason' | 'outcome' | 'language' | 'supersedes'>>): void;
  refillMessage(): void;
  closeComposer(): void;
  submitDecision(): Promise<boolean>;
  setCommentDraft(text: string): void;
  sendComment(): Promise<boolean>;
  undo(): Promise<void>;
}

export const rowKey = (code: ChecklistReason, productId: string | null) => `${code}|${productId ?? ''}`;

export function allowedNow(s: AppState, action: ReviewerAction) {
  return permissionsFor(
    s.claim.view?.claim ?? null,
    s.session.user?.role ?? null,
    nowIso(),
    reviewerCalendar(s.settings.value, s.session.calendar),
    leaseHeld(s.claim.view, s.session.user?.id ?? null),
  )[action];
}

/** Tells the reviewer, in their language, that an action is not open on this claim now. */
export function notifyNotAllowed(s: AppState, action: ReviewerAction): void {
  const status = s.claim.view?.claim.status;
  if (!status) return;
  if (deniedForLease(allowedNow(s, action))) return s.ui.notify('info', { key: 'offline:claim.notLeased' as never });
  s.ui.notify('info', { key: 'decide.notAllowedNow', values: { action: i18n.t(`actionName.${action}`), status: i18n.t(`status.${status}`) } });
}

const UNDO_RETRIES = 20;
const UNDO_RETRY_MS = 300;

export function createReviewSlice({ patch, get }: SliceContext): ReviewSlice {
  /** The outbox entry of the reviewer's latest action in this session: what undo takes back first. */
  let lastEntryId: string | null = null;
  // The queue row and the sync status come back as events (claim.changed, sync.status): an action
  // costs one call, never a re-list of the queue.

  const writeChecklist = async (code: ChecklistReason, productId: string | null, checked: boolean, note: string | null) => {
    const claim = get().claim.view?.claim;
    if (!claim) return;
    if (!allowedNow(get(), 'checklist').ok) {
      notifyNotAllowed(get(), 'checklist');
      return;
    }
    const key = rowKey(code, productId);
    if (get().review.saving[key]) return;
    patch('review', (r) => ({ saving: { ...r.saving, [key]: true } }));
    try {
      const out = await invoke('review.checklist', { claimId: claim.id, code, productId, checked, note });
      lastEntryId = out.entry.id;
      get().claim.applyResult(out.claim, out.entry);
      const composer = get().review.composer;
      if (composer?.kind === 'request-info' && !composer.edited) get().review.refillMessage();
    } catch (error) {
      get().ui.notify('error', describeError(error));
    } finally {
      patch('review', (r) => ({ saving: { ...r.saving, [key]: false } }));
    }
  };

  const entryOf = (code: ChecklistReason, productId: string | null) =>
    get().claim.view?.claim.checklist.find((e) => e.code === code && e.productId === productId) ?? null;

  return {
    composer: null,
    commentDraft: '',
    busy: false,
    saving: {},

    reset() {
      patch('review', { composer: null, commentDraft: '', busy: false, saving: {} });
    },

    async toggleReason(code, productId) {
      const entry = entryOf(code, productId);
      await writeChecklist(code, productId, !(entry?.checked ?? false), entry?.note ?? null);
    },

    async tickWithNote(code, productId, note) {
      await writeChecklist(code, productId, true, note.slice(0, 2_000));
    },

    async saveNote(code, productId, note) {
      const entry = entryOf(code, productId);
      const next = note.trim() || null;
      if ((entry?.note ?? null) === next) return;
      await writeChecklist(code, productId, entry?.checked ?? true, next);
    },

    openComposer(kind, options = {}) {
      const s = get();
      if (!allowedNow(s, COMPOSER_ACTION[kind]).ok) {
        notifyNotAllowed(s, COMPOSER_ACTION[kind]);
        return;
      }
      const base = {
        kind,
        productId: options.productId ?? null,
        rejectionReason: REVIEWER_REJECTION_REASONS[0]!,
        outcome: options.outcome ?? 'uphold',
        language: (s.settings.value?.language ?? 'en') as Language,
      };
      patch('review', { composer: { ...base, message: templateFor(s, base), edited: false, error: null } });
      s.ui.setClaimTab('checklist');
      s.ui.focus('decision-message');
    },

    updateComposer(change) {
      const c = get().review.composer;
      if (!c) return;
      const next: Composer = { ...c, ...change, error: null };
      if (change.message !== undefined) next.edited = change.message !== templateFor(get(), next);
      else if (!c.edited) next.message = templateFor(get(), next);
      patch('review', { composer: next });
    },

    refillMessage() {
      const c = get().review.composer;
      if (c) patch('review', { composer: { ...c, message: templateFor(get(), c), edited: false, error: null } });
    },

    closeComposer() {
      patch('review', { composer: null });
    },

    async submitDecision() {
      const s = get();
      const c = s.review.composer;
      const claim = s.claim.view?.claim;
      if (!c || !claim || s.review.busy) return false;
      if (!(await s.offline.guardDecision(c.kind, claim, c.supersedes ?? []))) return false; // [guardrails]
      const parsed = Decision.safeParse(decisionOf(c, s));
      if (!parsed.success) {
        patch('review', { composer: { ...c, error: parsed.error.issues[0]?.message ?? 'invalid' } });
        return false;
      }
      const fallbackNext = s.queue.neighbour(claim.id, 1) ?? s.queue.neighbour(claim.id, -1);
      patch('review', { busy: true });
      try {
        const out = await invoke('review.decide', { claimId: claim.id, decision: parsed.data });
        lastEntryId = out.entry.id;
        get().claim.applyResult(out.claim, out.entry);
        get().offline.offerUndo(out.entry); // [undo window] the toast with countdown and Undo
        patch('review', { busy: false, composer: null });
        // The next claim opens at once, from its prefetched view when there is one.
        const next = c.kind !== 'remove-product' ? (out.next ?? fallbackNext) : null;
        // so that the next claim prefetches the one after it, not this one again
        if (c.kind !== 'remove-product') get().queue.markDecided(claim.id, c.kind);
        const opening = next && next !== claim.id ? get().claim.open(next) : null;
        get().ui.notify('success', { key: `decide.saved.${c.kind}`, values: { claim: claim.id } });
        await opening;
        return true;
      } catch (error) {
        const current = get().review.composer;
        patch('review', { busy: false, composer: current ? { ...current, error: describeError(error) } : null });
        return false;
      }
    },

    setCommentDraft(commentDraft) {
      patch('review', { commentDraft });
    },

    async sendComment() {
      const claim = get().claim.view?.claim;
      const text = get().review.commentDraft.trim();
      if (!claim || !text) return false;
      if (!allowedNow(get(), 'comment').ok) {
        notifyNotAllowed(get(), 'comment');
        return false;
      }
      patch('review', { busy: true });
      try {
        const out = await invoke('review.comment', { claimId: claim.id, text });
        lastEntryId = out.entry.id;
        get().claim.applyResult(out.claim, out.entry);
        patch('review', { busy: false, commentDraft: '' });
        return true;
      } catch (error) {
        patch('review', { busy: false });
        get().ui.notify('error', describeError(error));
        return false;
      }
    },

    async undo() {
      // Undo targets the reviewer's own last action of this session when known; while the sync engine
      // is sending it (409) it is retried briefly, never silently swapped for an older action.
      const target = lastEntryId;
      let undone: OutboxEntry | null = null;
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            undone = (await invoke('review.undo', target ? { entryId: target } : {})).undone;
            break;
          } catch (error) {
            const busy = error instanceof WorkstationError && error.problem.status === 409;
            if (!busy || attempt >= UNDO_RETRIES) throw error;
            await new Promise((r) => setTimeout(r, UNDO_RETRY_MS));
          }
        }
      } catch (error) {
        const gone = target && error instanceof WorkstationError && error.problem.status === 404;
        lastEntryId = null;
        get().ui.notify(gone ? 'info' : 'error', gone ? { key: 'undo.nothing' } : describeError(error));
        return;
      }
      lastEntryId = null;
      if (!undone) {
        get().ui.notify('info', { key: 'undo.nothing' });
        return;
      }
      get().claim.invalidate([undone.claimId]);
      if (get().offline.undo?.entryId === undone.id) get().offline.clearUndo();
      get().ui.notify('info', { key: 'undo.done', values: { action: i18n.t(`mutation.${undone.kind as 'comment'}`), claim: undone.claimId } });
      if (get().claim.currentId === undone.claimId) await get().claim.reload();
      else await get().claim.open(undone.claimId);
    },
  };
}
