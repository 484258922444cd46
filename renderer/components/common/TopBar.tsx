// The bar across the top: app name, the three screens (review, conflicts with its count, settings),
// who is signed in, the shortcuts help and sign out.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import type { View } from '../../store/ui';
import { useShortcut } from '../../shortcuts/useShortcut';
import { Kbd } from './Kbd';

export function TopBar() {
  const { t } = useTranslation();
  const view = useStore((s) => s.ui.view);
  const setView = useStore((s) => s.ui.setView);
  const setHelp = useStore((s) => s.ui.setHelp);
  const conflicts = useStore((s) => s.sync.status?.conflicts ?? s.conflicts.items.length);
  const user = useStore((s) => s.session.user);
  const { t: ta } = useTranslation('audit');
  const role = user?.role;
  const logout = useStore((s) => s.session.logout);
  const guardSignOut = useStore((s) => s.offline.guardSignOut);
  const helpKey = useShortcut('help');

  const tab = (v: View, label: string, extra?: React.ReactNode) => (
    <button type="button" className={`nav-tab${view === v ? ' active' : ''}`} aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)}>
      {label}
      {extra}
    </button>
  );

  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          PoE
        </span>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <nav className="nav" aria-label={t('nav.label')}>
        {role === 'qa_lead' ? tab('audit', ta('nav.audit')) : null}
        {role === 'qa_lead' || role === 'admin' ? tab('audit-stats', ta('nav.stats')) : null}
        {role === 'qa_lead' || role === 'admin' ? null : tab('review', t('nav.review'))}
        {role === 'qa_lead' || role === 'admin'
          ? null
          : tab(
              'conflicts',
              t('nav.conflicts'),
              conflicts > 0 ? (
                <span className="count-pill danger" aria-label={t('nav.conflictCount', { count: conflicts })}>
                  {conflicts}
                </span>
              ) : null,
            )}
        {role === 'reviewer' ? tab('my-audits', ta('nav.mine')) : null}
        {tab('settings', t('nav.settings'))}
      </nav>
      <div className="top-bar-end">
        {user ? (
          <span className="user">
            {user.name} <span className="muted">· {t(`role.${user.role}`)}</span>
          </span>
        ) : null}
        <button type="button" className="ghost-button" onClick={() => setHelp(true)} aria-keyshortcuts={helpKey}>
          {t('nav.shortcuts')} <Kbd combo={helpKey} />
        </button>
        <button type="button" className="ghost-button" onClick={() => void guardSignOut().then((ok) => (ok ? logout() : undefined))}>
          {t('nav.signOut')}
        </button>
      </div>
    </header>
  );
}
