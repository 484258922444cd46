// The signed-in workstation: top bar, offline banner, the review screen (queue, PoE, claim side by
// side) or the Conflicts or Settings screen, the sync status bar, and the shortcuts help.
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { AuditScreen } from './audit/AuditScreen';
import { AuditStatsScreen } from './audit/AuditStatsScreen';
import { MyAuditsScreen } from './audit/MyAuditsScreen';
import { ClaimPanel } from './claim/ClaimPanel';
import { ConfirmDialog } from './common/ConfirmDialog';
import { ShortcutsHelp } from './common/ShortcutsHelp';
import { TopBar } from './common/TopBar';
import { QueuePanel } from './queue/QueuePanel';
import { ConflictsView } from './sync/ConflictsView';
import { LeaseNotice } from './sync/LeaseNotice';
import { OfflineBanner } from './sync/OfflineBanner';
import { SyncStatusBar } from './sync/SyncStatusBar';
import { UndoToast } from './sync/UndoToast';
import { SettingsView } from './settings/SettingsView';
import { PoeViewer } from './viewer/PoeViewer';

export function Workspace() {
  const view = useStore((s) => s.ui.view);
  // QA leads and administrators audit; they hold no review batch.
  const auditor = useStore((s) => s.session.user?.role === 'qa_lead' || s.session.user?.role === 'admin');
  const { t } = useTranslation();
  return (
    <div className="workspace">
      <a className="skip-link" href="#claim-panel">
        {t('app.skipToClaim')}
      </a>
      <TopBar />
      <OfflineBanner />
      <LeaseNotice />
      <main className="workspace-main">
        {auditor ? null : (
          <div className="review-screen" hidden={view !== 'review'}>
            <QueuePanel />
            <PoeViewer />
            <ClaimPanel />
          </div>
        )}
        {view === 'audit' ? <AuditScreen /> : null}
        {view === 'audit-stats' ? <AuditStatsScreen /> : null}
        {view === 'my-audits' ? <MyAuditsScreen /> : null}
        {view === 'conflicts' ? <ConflictsView /> : null}
        {view === 'settings' ? <SettingsView /> : null}
      </main>
      <SyncStatusBar />
      <ShortcutsHelp />
      <UndoToast />
      <ConfirmDialog />
    </div>
  );
}
