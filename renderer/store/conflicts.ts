// Conflicts slice: the reviewer's actions the service refused (conflict or invalid), each with the
// service's current claim, and the explicit choice to re-apply on the new version or discard.
import type { MethodOutput } from '../../shared/contracts';
import { i18n } from '../i18n';
import { describeError, invoke } from './services';
import type { SliceContext } from './slice';

export type ConflictItem = MethodOutput<'conflicts.list'>['conflicts'][number];

export interface ConflictsSlice {
  items: ConflictItem[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The entry whose discard waits for a second, confirming click. */
  confirmingDiscard: string | null;
  resolving: string | null;
  load(): Promise<void>;
  askDiscard(entryId: string | null): void;
  resolve(entryId: string, choice: 'reapply' | 'discard'): Promise<void>;
  /** Several at once: discard all, or re-apply all that still can apply. */
  resolveAll(choice: 'reapply' | 'discard'): Promise<void>;
}

export function createConflictsSlice({ patch, get }: SliceContext): ConflictsSlice {
  return {
    items: [],
    status: 'idle',
    error: null,
    confirmingDiscard: null,
    resolving: null,

    async load() {
      patch('conflicts', { status: get().conflicts.items.length ? 'ready' : 'loading' });
      try {
        const out = await invoke('conflicts.list', {});
        patch('conflicts', { items: out.conflicts, status: 'ready', error: null });
      } catch (error) {
        patch('conflicts', { status: 'error', error: describeError(error) });
      }
    },

    askDiscard(entryId) {
      patch('conflicts', { confirmingDiscard: entryId });
    },

    async resolveAll(choice) {
      const targets = get().conflicts.items.filter((c) => choice === 'discard' || c.canReapply !== false);
      if (targets.length === 0) return;
      patch('conflicts', { resolving: 'all' });
      let done = 0;
      try {
        for (const item of targets) {
          await invoke('conflicts.resolve', { entryId: item.entry.id, choice });
          done++;
        }
      } catch (error) {
        get().ui.notify('error', describeError(error));
      } finally {
        const key = choice === 'discard' ? 'conflict.discardedAll' : 'conflict.reappliedAll';
        if (done > 0) get().ui.notify('success', String((i18n.t as (k: string, o: object) => string)(key, { ns: 'offline', count: done })));
        get().claim.invalidate(targets.map((c) => c.entry.claimId));
        patch('conflicts', { resolving: null, confirmingDiscard: null });
        await Promise.all([get().conflicts.load(), get().sync.load(), get().queue.refresh()]);
      }
    },

    async resolve(entryId, choice) {
      patch('conflicts', { resolving: entryId });
      try {
        const item = get().conflicts.items.find((c) => c.entry.id === entryId);
        await invoke('conflicts.resolve', { entryId, choice });
        get().ui.notify('success', { key: choice === 'reapply' ? 'conflicts.reapplied' : 'conflicts.discarded' });
        if (item) get().claim.invalidate([item.entry.claimId]);
        await Promise.all([get().conflicts.load(), get().sync.load(), get().queue.refresh()]);
        if (item && get().claim.currentId === item.entry.claimId) await get().claim.reload();
      } catch (error) {
        get().ui.notify('error', describeError(error));
      } finally {
        patch('conflicts', { resolving: null, confirmingDiscard: null });
      }
    },
  };
}
