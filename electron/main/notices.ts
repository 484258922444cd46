// When the desktop app tells the reviewer something outside its window, pure: a native notification
// when a batch of actions finished syncing while the window was hidden or in the background.
import type { SyncStatus } from '../../shared/contracts';

export interface SyncWatch {
  /** The most actions seen waiting since the outbox was last empty and online. */
  peak: number;
}

/** Feeds one status; returns the notice to show, if this status finished a batch while the reviewer was away. */
export function syncedWhileAway(watch: SyncWatch, next: SyncStatus, windowVisibleAndFocused: boolean): { title: string; body: string } | null {
  watch.peak = Math.max(watch.peak, next.pending);
  if (next.pending > 0 || next.connection !== 'online') return null;
  const synced = watch.peak;
  watch.peak = 0;
  if (synced === 0 || windowVisibleAndFocused) return null;
  return { title: 'All actions synced', body: `${synced} action${synced === 1 ? '' : 's'} reached the review service.` };
}
