// The signed-in workstation: top bar, offline banner, the review screen (queue, PoE, claim side by
// side) or the Conflicts or Settings screen, the sync status bar, and the shortcuts help.
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
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

// The audit and statistics screens (and the charts library) load only when first opened.
const AuditScreen = lazy(() => import('./audit/AuditScreen').then((m) => ({ default: m.AuditScreen })));
const AuditStatsScreen = lazy(() => import('./audit/AuditStatsScreen').then((m) => ({ default: m.AuditStatsScreen })));
const MyAuditsScreen = lazy(() => import('./audit/MyAuditsScreen').then((m) => ({ default: m.MyAuditsScreen })));

export function Workspace() {
  const view = useStore((s) => s.ui.view);
  // QA leads and administrators audit; they hold no review batch.
  const auditor = useStore((s) => s.session.user?.role === 'qa_lead' || s.session.user?.role === 'admin');
  const { t } = useTranslation();
  // Signed in, claims and labels may be in Chinese: load the bundled Traditional Chinese face (5.7 MB) once
  // the first claim has painted (the page is idle, or 10 s on), not in the way of it. Text that needs it
  // earlier loads it by itself (CSS). The sign-in page never downloads it.
  useEffect(() => {
    const load = () => void document.fonts.load('13px "PoE Noto Sans Hant"', '審核').catch(() => undefined);
    const timer = setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(load, { timeout: 10_000 }) : load()), 3_000);
    return () => clearTimeout(timer);
  }, []);
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
          <div className="three-pane review-screen" hidden={view !== 'review'}>
            <QueuePanel />
            <PoeViewer />
            <ClaimPanel />
          </div>
        )}
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          {view === 'audit' ? <AuditScreen /> : null}
          {view === 'audit-stats' ? <AuditStatsScreen /> : null}
          {view === 'my-audits' ? <MyAuditsScreen /> : null}
        </Suspense>
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
