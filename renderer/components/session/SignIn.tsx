// Sign in to the review service: service address, user name and password. The profile remembers
// the address and user, and a reviewer who signed in once can sign in again offline.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/contracts';
import { useStore } from '../../store';

export function SignIn() {
  const { t } = useTranslation();
  const rememberedUrl = useStore((s) => s.session.serviceUrl ?? s.settings.value?.serviceUrl ?? '');
  const busy = useStore((s) => s.session.busy);
  const error = useStore((s) => s.session.error);
  const login = useStore((s) => s.session.login);
  const language = useStore((s) => s.settings.value?.language);
  const updateSettings = useStore((s) => s.settings.update);
  const [serviceUrl, setServiceUrl] = useState(rememberedUrl);
  const lastUsername = useStore((s) => s.session.lastUsername);
  const [username, setUsername] = useState(lastUsername ?? '');
  const [password, setPassword] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await login({ username: username.trim(), password, serviceUrl: serviceUrl.trim() });
  };

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <div className="sign-in-brand">
          <span className="brand-mark" aria-hidden="true">
            PoE
          </span>
          <h1 id="sign-in-title">{t('signIn.title')}</h1>
        </div>
        <p className="muted">{t('signIn.intro')}</p>
        <label className="field">
          <span>{t('signIn.serviceUrl')}</span>
          <input type="url" value={serviceUrl} onChange={(e) => setServiceUrl(e.target.value)} placeholder="https://" autoComplete="url" spellCheck={false} />
        </label>
        <label className="field">
          <span>{t('signIn.username')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required autoFocus={!username} spellCheck={false} />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
            autoFocus={Boolean(username)}
          />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary-button wide" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
        <p className="muted small">{t('signIn.offlineNote')}</p>
        <label className="field inline">
          <span>{t('settings.language')}</span>
          <select className="system-font-only" value={language ?? 'en'} onChange={(e) => void updateSettings({ language: e.target.value as Language })}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
    </main>
  );
}
