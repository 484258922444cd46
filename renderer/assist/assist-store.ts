// The PoE assist in the renderer: the assist's result per claim (loaded through the workstation API,
// refreshed by the assist.changed event) and the background progress. A store of its own, beside the
// app store, so that assist updates never re-render the rest of the screen.
import { create } from 'zustand';
import type { AssistResult, AssistSuggestion } from '../../shared/contracts';
import { invoke } from '../store/services';

export interface AssistState {
  results: Record<string, AssistResult>;
  progress: { done: number; total: number };
  /** A result that came with the claim (claim.get): kept unless what is here is newer. */
  accept(result: AssistResult): void;
  load(claimId: string): Promise<void>;
  run(claimId: string): Promise<void>;
  onChanged(claimIds: string[], progress: { done: number; total: number }, currentId: string | null): void;
}

const RANK: Record<AssistResult['status'], number> = { pending: 0, running: 1, done: 2, failed: 2 };
const newer = (a: AssistResult, b: AssistResult | undefined) =>
  !b || a.claimVersion > b.claimVersion || (a.claimVersion === b.claimVersion && RANK[a.status] >= RANK[b.status]);

/** One assist.get per claim at a time, however many checklist rows ask. */
const loading = new Map<string, Promise<void>>();

export const useAssist = create<AssistState>()((set, get) => ({
  results: {},
  progress: { done: 0, total: 0 },
  accept(result) {
    if (newer(result, get().results[result.claimId])) set((s) => ({ results: { ...s.results, [result.claimId]: result } }));
  },
  load(claimId) {
    const running = loading.get(claimId);
    if (running) return running;
    const p = invoke('assist.get', { claimId })
      .then((r) => set((s) => ({ results: { ...s.results, [claimId]: r } })))
      .catch(() => undefined) // no assist for a claim that left the batch: the checklist works without it
      .finally(() => loading.delete(claimId));
    loading.set(claimId, p);
    return p;
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
