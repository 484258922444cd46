// Claim slice: the open claim (local view, as pulled, and its unsynced outbox entries), moving to the
// next or previous claim, and prefetching the next one so it opens already loaded.
import { WorkstationError, type Claim, type MethodOutput, type OutboxEntry, type QueueItem } from '../../shared/contracts';
import { useAssist } from '../assist/assist-store';
import { coalesce } from './coalesce';
import { describeError, invoke } from './services';
import type { SliceContext } from './slice';

export type ClaimView = MethodOutput<'claim.get'>;

export interface ClaimSlice {
  currentId: string | null;
  view: ClaimView | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** A request to lease the open claim again is under way. */
  leasing: boolean;
  open(id: string): Promise<void>;
  /** Leases the open claim again after its lease lapsed (it stayed open to read). */
  leaseAgain(): Promise<void>;
  openNext(): Promise<void>;
  openPrevious(): Promise<void>;
  reload(): Promise<void>;
  close(): void;
  /** Takes the local claim a review action returned (and the outbox entry it wrote). */
  applyResult(claim: Claim, entry?: OutboxEntry): void;
  invalidate(ids: readonly string[]): void;
  /** A claim's row changed (claim.changed): drop a stale cached view, reload the open claim only if it moved on. */
  onChanged(id: string, item: QueueItem | null): void;
  prefetch(id: string | null): void;
}

const CACHE_LIMIT = 8;

export function createClaimSlice({ patch, get }: SliceContext): ClaimSlice {
  const loaded = new Map<string, ClaimView>();
  const inFlight = new Map<string, Promise<ClaimView>>();

  const remember = (id: string, view: ClaimView) => {
    loaded.delete(id);
    loaded.set(id, view);
    while (loaded.size > CACHE_LIMIT) loaded.delete(loaded.keys().next().value as string);
  };

  const fetchView = (id: string): Promise<ClaimView> => {
    const running = inFlight.get(id);
    if (running) return running;
    const p = invoke('claim.get', { id })
      .then((view) => {
        if (view.assist) useAssist.getState().accept(view.assist);
        remember(id, view);
        return view;
      })
      .finally(() => inFlight.delete(id));
    inFlight.set(id, p);
    return p;
  };

  const show = (id: string, view: ClaimView, resetViewer: boolean) => {
    if (get().claim.currentId !== id) return;
    patch('claim', { view, status: 'ready', error: null });
    if (resetViewer) get().viewer.showDocuments(view.claim.documents);
  };

  const open = async (id: string) => {
    const previous = get().claim.currentId;
    if (previous !== id) get().review.reset();
    patch('claim', { currentId: id });
    const cached = loaded.get(id);
    if (cached) {
      show(id, cached, true);
    } else {
      patch('claim', { status: 'loading', error: null });
      try {
        show(id, await fetchView(id), true);
      } catch (error) {
        if (get().claim.currentId === id) patch('claim', { status: 'error', error: describeError(error), view: null });
        return;
      }
    }
    // Not while a pull downloads: the first claim's paint comes first (the pull's end prefetches).
    if (!get().queue.pulling) get().claim.prefetch(get().queue.nextToReview(id));
  };

  return {
    currentId: null,
    view: null,
    status: 'idle',
    error: null,
    leasing: false,

    open,

    async leaseAgain() {
      const id = get().claim.currentId;
      if (!id || get().claim.leasing) return;
      patch('claim', { leasing: true });
      try {
        const view = await invoke('claim.lease', { id });
        remember(id, view);
        show(id, view, false);
        get().ui.notify('success', { key: 'offline:claim.leasedAgain' as never, values: { claim: id } });
      } catch (error) {
        get().ui.notify('error', describeError(error));
      } finally {
        patch('claim', { leasing: false });
      }
    },

    async openNext() {
      // past the last row listed, the next page is loaded first (J keeps going across pages)
      const next = await get().queue.following(get().claim.currentId);
      if (next) await open(next);
    },

    async openPrevious() {
      const prev = get().queue.neighbour(get().claim.currentId, -1);
      if (prev) await open(prev);
    },

    reload: coalesce(async () => {
      const id = get().claim.currentId;
      if (!id) return;
      loaded.delete(id);
      try {
        const before = get()
          .claim.view?.claim.documents.map((d) => d.sha256)
          .join();
        const view = await fetchView(id);
        show(id, view, before !== view.claim.documents.map((d) => d.sha256).join());
      } catch (error) {
        if (error instanceof WorkstationError && error.problem.status === 404) {
          // The claim left the batch (its lease ended or moved on): say so and close it.
          if (get().claim.currentId === id) get().claim.close();
          get().ui.notify('info', { key: 'claim.leftBatch', values: { claim: id } });
        } else get().ui.notify('error', describeError(error));
      }
    }),

    close() {
      patch('claim', { currentId: null, view: null, status: 'idle', error: null });
      get().viewer.showDocuments([]);
      get().review.reset();
    },

    applyResult(claim, entry) {
      const view = get().claim.view;
      if (!view || view.claim.id !== claim.id) {
        loaded.delete(claim.id);
        return;
      }
      const next: ClaimView = { ...view, claim, pending: entry ? [...view.pending, entry] : view.pending };
      remember(claim.id, next);
      patch('claim', { view: next });
    },

    invalidate(ids) {
      for (const id of ids) loaded.delete(id);
    },

    onChanged(id, item) {
      const differs = (v: ClaimView | null | undefined) =>
        !!v &&
        (!item ||
          v.claim.version !== item.version ||
          v.pending.filter((e) => e.state === 'pending').length !== item.pending ||
          v.pending.some((e) => e.state !== 'pending') !== item.conflict);
      if (differs(loaded.get(id))) loaded.delete(id);
      // The action's own answer already showed the open claim as it is now: only a change from elsewhere reloads it.
      const acting = get().review.busy || Object.values(get().review.saving).some(Boolean);
      if (get().claim.currentId === id && !acting && differs(get().claim.view)) void get().claim.reload();
    },

    prefetch(id) {
      if (!id || loaded.has(id)) {
        const doc = id ? loaded.get(id)?.claim.documents[0] : undefined;
        if (doc) get().viewer.prefetch(doc);
        return;
      }
      fetchView(id)
        .then((view) => {
          const doc = view.claim.documents[0];
          if (doc) get().viewer.prefetch(doc);
        })
        .catch(() => undefined); // a failed prefetch is retried when the claim is opened
    },
  };
}
