// The status bar along the bottom: online, offline or syncing; how many actions wait to sync; conflicts;
// when the last sync happened; the last error; and "sync now".
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useShortcut } from '../../shortcuts/useShortcut';
import { useStore } from '../../store';
import { AssistProgress } from '../assist/AssistProgress';
import { Icon } from '../common/Icon';
import { Kbd } from '../common/Kbd';

export function SyncStatusBar() {
  const { t } = useTranslation();
  const f = useFormat();
  const status = useStore((s) => s.sync.status);
  const running = useStore((s) => s.sync.running);
  const run = useStore((s) => s.sync.run);
  const setView = useStore((s) => s.ui.setView);
  const syncKey = useShortcut('sync');
  const linked = useStore((s) => s.sync.linked);
  // A dead workstation process is no "Online": the page shows itself disconnected until it answers again.
  const connection = !linked ? 'disconnected' : running ? 'syncing' : (status?.connection ?? 'offline');
  return (
    <footer className="sync-bar">
      <span className={`connection connection-${connection}`} data-testid="connection" role="status">
        <span className="dot" aria-hidden="true" />
        {t(`sync.connection.${connection}`)}
      </span>
      <span className="sync-item" data-testid="pending-count">
        {t('sync.pending', { count: status?.pending ?? 0 })}
      </span>
      {status && status.conflicts > 0 ? (
        <button type="button" className="link-button sync-item danger" onClick={() => setView('conflicts')}>
          <Icon name="warning" size={12} /> {t('sync.conflicts', { count: status.conflicts })}
        </button>
      ) : null}
      <span className="sync-item muted">{status?.lastSyncAt ? t('sync.lastSync', { when: f.dateTime(status.lastSyncAt) }) : t('sync.never')}</span>
      {status?.lastError ? (
        <span className="sync-item muted truncate error-text" title={status.lastError}>
          {status.lastError}
        </span>
      ) : null}
      <AssistProgress />
      <span className="spacer" />
      <button type="button" className="ghost-button small" onClick={() => void run()} disabled={running || !linked} aria-keyshortcuts={syncKey}>
        <Icon name="sync" size={12} /> {t('sync.now')} <Kbd combo={syncKey} />
      </button>
    </footer>
  );
}
