// Sync slice: connection state, pending outbox count, conflicts count, last sync time and the lease,
// as the workstation core reports them (sync.status events), and "sync now".
import type { SyncStatus } from '../../shared/contracts';
import { describeError, invoke } from './services';
import type { SliceContext } from './slice';

export interface SyncSlice {
  status: SyncStatus | null;
  running: boolean;
  load(): Promise<void>;
  run(): Promise<void>;
  apply(status: SyncStatus): void;
}

export function createSyncSlice({ patch, get }: SliceContext): SyncSlice {
  return {
    status: null,
    running: false,

    async load() {
      try {
        get().sync.apply(await invoke('sync.status', {}));
      } catch (error) {
        get().ui.notify('error', describeError(error));
      }
    },

    async run() {
      if (get().sync.running) return;
      patch('sync', { running: true });
      try {
        get().sync.apply(await invoke('sync.run', {}));
      } catch (error) {
        get().ui.notify('error', describeError(error));
      } finally {
        patch('sync', { running: false });
      }
    },

    apply(status) {
      const before = get().sync.status;
      patch('sync', { status });
      if (before && before.conflicts !== status.conflicts) void get().conflicts.load();
      if (before && before.pending !== status.pending) void get().queue.refresh();
    },
  };
}
