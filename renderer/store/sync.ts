// Sync slice: connection state, pending outbox count, conflicts count, last sync time and the lease,
// as the workstation core reports them (sync.status events), "sync now", and moving unsynced work
// to another workstation (outbox export and import), and whether the workstation process still answers.
import type { SyncStatus } from '../../shared/contracts';
import { downloadText } from '../files/download';
import { describeError, invoke } from './services';
import type { SliceContext } from './slice';

export interface SyncSlice {
  status: SyncStatus | null;
  running: boolean;
  /** False while the page cannot reach the workstation process (the browser host died): nothing saves or syncs. */
  linked: boolean;
  setLinked(linked: boolean): void;
  load(): Promise<void>;
  run(): Promise<void>;
  apply(status: SyncStatus): void;
  /** Downloads the unsynced actions as a file for another workstation. */
  exportOutbox(): Promise<void>;
  /** Takes in the unsynced actions of a file another workstation exported. */
  importOutbox(file: File): Promise<void>;
}

export function createSyncSlice({ patch, get }: SliceContext): SyncSlice {
  return {
    status: null,
    running: false,
    linked: true,

    setLinked(linked) {
      if (linked === get().sync.linked) return;
      patch('sync', { linked });
      if (linked) void get().sync.load();
    },

    async load() {
      try {
        get().sync.apply(await invoke('sync.status', {}));
      } catch (error) {
        get().ui.notify('error', describeError(error));
      }
    },

    async exportOutbox() {
      try {
        const out = await invoke('outbox.export', {});
        downloadText(out.fileName, out.json, 'application/json');
        get().ui.notify('success', { key: 'settings.outbox.exported', values: { count: out.entries, file: out.fileName } });
      } catch (error) {
        get().ui.notify('error', describeError(error));
      }
    },

    async importOutbox(file) {
      try {
        const out = await invoke('outbox.import', { json: await file.text() });
        get().ui.notify('success', { key: 'settings.outbox.imported', values: { imported: out.imported, skipped: out.skipped } });
        await Promise.all([get().sync.load(), get().queue.refresh()]);
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
      // Rows patch themselves from claim.changed: a pending count that moved needs no re-list.
    },
  };
}
