// The PoE assist in the renderer: the assist's result per claim (loaded through the workstation API,
// refreshed by the assist.changed event) and the background progress. A store of its own, beside the
// app store, so that assist updates never re-render the rest of the screen.
import { create } from 'zustand';
import type { AssistResult, AssistSuggestion } from '../../shared/contracts';
import { invoke } from '../store/services';

export interface AssistState {
  results: Record<string, AssistResult>;
  progress: { done: number; total: number };
  load(claimId: string): Promise<void>;
  run(claimId: string): Promise<void>;
  onChanged(claimIds: string[], progress: { done: number; total: number }, currentId: string | null): void;
}

export const useAssist = create<AssistState>()((set, get) => ({
  results: {},
  progress: { done: 0, total: 0 },
  async load(claimId) {
    try {
      const r = await invoke('assist.get', { claimId });
      set((s) => ({ results: { ...s.results, [claimId]: r } }));
    } catch {
      // no assist for a claim that left the batch: the checklist works without it
    }
  },
  async run(claimId) {
    const r = await invoke('assist.run', { claimId });
    set((s) => ({ results: { ...s.results, [claimId]: r } }));
  },
  onChanged(claimIds, progress, currentId) {
    set({ progress: progress.done >= progress.total ? { done: 0, total: 0 } : progress });
    for (const id of claimIds) if (id === currentId || get().results[id]) void get().load(id);
  },
}));

/** The suggestion for one checklist row of a claim, when the assist has one. */
export function suggestionFor(result: AssistResult | undefined, code: string, productId: string | null): AssistSuggestion | null {
  return result?.suggestions.find((s) => s.code === code && s.productId === productId) ?? null;
}
