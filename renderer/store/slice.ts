// The shape of the whole store and the helpers slices use to update their own part of it.
// Each slice lives under its own key (s.queue, s.sync…), so selectors stay small and precise.
import type { StoreApi } from 'zustand';
import type { AuditSlice } from './audit';
import type { ClaimSlice } from './claim';
import type { ConflictsSlice } from './conflicts';
import type { OfflineSlice } from './offline';
import type { QueueSlice } from './queue';
import type { ReviewSlice } from './review';
import type { SessionSlice } from './session';
import type { SettingsSlice } from './settings';
import type { SyncSlice } from './sync';
import type { UiSlice } from './ui';
import type { ViewerSlice } from './viewer';

export interface AppState {
  session: SessionSlice;
  settings: SettingsSlice;
  queue: QueueSlice;
  claim: ClaimSlice;
  viewer: ViewerSlice;
  review: ReviewSlice;
  sync: SyncSlice;
  conflicts: ConflictsSlice;
  ui: UiSlice;
  audit: AuditSlice;
  offline: OfflineSlice;
}

export type SliceKey = keyof AppState;
export type Patch = <K extends SliceKey>(key: K, patch: Partial<AppState[K]> | ((slice: AppState[K]) => Partial<AppState[K]>)) => void;

export interface SliceContext {
  patch: Patch;
  get: () => AppState;
}

export function makeContext(store: Pick<StoreApi<AppState>, 'setState' | 'getState'>): SliceContext {
  const patch: Patch = (key, p) => store.setState((s) => ({ [key]: { ...s[key], ...(typeof p === 'function' ? p(s[key]) : p) } }) as Partial<AppState>);
  return { patch, get: store.getState };
}
