// Conflicts slice: the reviewer's actions the service refused (conflict or invalid), each with the
// service's current claim, and the explicit choice to re-apply on the new version or discard.
import type { MethodOutput } from '../../shared/contracts';
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
