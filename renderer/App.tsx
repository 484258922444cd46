// The app's top level: sign-in until a session exists, then the workspace; shortcuts and notices
// around both.
import { useTranslation } from 'react-i18next';
import { Notices } from './components/common/Notices';
import { SignIn } from './components/session/SignIn';
import { Workspace } from './components/Workspace';
import { ShortcutsController } from './shortcuts/ShortcutsController';
import { useStore } from './store';

export function App() {
  const phase = useStore((s) => s.session.phase);
  const { t } = useTranslation();
  return (
    <>
      <ShortcutsController />
      {phase === 'starting' ? (
        <div className="splash" role="status">
          {t('app.starting')}
        </div>
      ) : phase === 'signed-out' ? (
        <SignIn />
      ) : (
        <Workspace />
      )}
      <Notices />
    </>
  );
}
