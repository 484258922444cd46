// The renderer's one store, composed of slices (session, settings, queue, claim, viewer, review,
// sync, conflicts, ui), and the wiring of workstation events into it.
import { create } from 'zustand';
import type { WorkstationBridge, WorkstationEvent } from '../../shared/contracts';
import { useAssist } from '../assist/assist-store';
import { createAuditSlice } from './audit';
import { createClaimSlice } from './claim';
import { createConflictsSlice } from './conflicts';
import { createOfflineSlice } from './offline';
import { createQueueSlice } from './queue';
import { createReviewSlice } from './review';
import { bindBridge } from './services';
import { createSessionSlice } from './session';
import { createSettingsSlice } from './settings';
import { makeContext, type AppState } from './slice';
import { createSyncSlice } from './sync';
import { createUiSlice } from './ui';
import { createViewerSlice } from './viewer';

export type { AppState } from './slice';

export const useStore = create<AppState>()((set, get) => {
  const ctx = makeContext({ setState: set, getState: get });
  return {
    session: createSessionSlice(ctx),
    settings: createSettingsSlice(ctx),
    queue: createQueueSlice(ctx),
    claim: createClaimSlice(ctx),
    viewer: createViewerSlice(ctx),
    review: createReviewSlice(ctx),
    sync: createSyncSlice(ctx),
    conflicts: createConflictsSlice(ctx),
    ui: createUiSlice(ctx),
    audit: createAuditSlice(ctx),
    offline: createOfflineSlice(ctx),
  };
});

function onEvent(event: WorkstationEvent): void {
  const s = useStore.getState();
  switch (event.type) {
    case 'sync.status':
      s.sync.apply(event.status);
      s.offline.observe(event.status);
      return;
    case 'pull.progress':
      s.queue.onProgress(event.progress);
      return;
    case 'queue.changed':
      s.claim.invalidate(event.claimIds);
      void s.queue.refresh();
      if (s.claim.currentId && event.claimIds.includes(s.claim.currentId)) void s.claim.reload();
      return;
    case 'claim.changed':
      s.queue.patchItem(event.id, event.item);
      s.claim.onChanged(event.id, event.item);
      return;
    case 'conflicts.changed':
      void s.conflicts.load();
      return;
    case 'audit.changed':
      s.audit.onChanged(event.claimIds);
      return;
    case 'assist.changed':
      useAssist.getState().onChanged(event.claimIds, event.progress, s.claim.currentId);
      // a competing claim's acknowledgement date may now be known: the core dates and orders them anew
      if (s.claim.view?.claim.competing.some((c) => event.claimIds.includes(c.id))) void s.claim.reload();
      return;
  }
}

/** Binds the bridge, listens to its events and restores the session. Returns the unsubscribe. */
export function startStore(bridge: WorkstationBridge): () => void {
  bindBridge(bridge);
  const unsubscribe = bridge.subscribe(onEvent);
  const unlink = bridge.onLink?.((linked) => useStore.getState().sync.setLinked(linked));
  void useStore.getState().session.restore();
  return () => {
    unsubscribe();
    unlink?.();
  };
}
