// The reviewer's settings, stored in the workstation profile: language, time zone for dates and
// deadlines, batch size, the service, and keyboard shortcuts.
import { useMemo } from 'react';
import { useDraft } from '../common/useDraft';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/contracts';
import { systemTimeZone } from '../../review/calendar';
import { useStore } from '../../store';
import { OutboxTransfer } from './OutboxTransfer';
import { SupportCard } from './SupportCard';
import { ShortcutSettings } from './ShortcutSettings';
import { Section } from '../common/Section';

function BatchSize() {
  const { t } = useTranslation();
  const value = useStore((s) => s.settings.value?.batchSize ?? 25);
  const update = useStore((s) => s.settings.update);
  const [draft, setDraft] = useDraft(String(value));
  const commit = () => {
    const n = Math.round(Number(draft));
    if (Number.isFinite(n) && n >= 1 && n <= 500 && n !== value) void update({ batchSize: n });
    else setDraft(String(value));
  };
  return (
    <label className="field">
      <span>{t('settings.batchSize')}</span>
      <input
        type="number"
        min={1}
        max={500}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <span className="small muted">{t('settings.batchSizeHint')}</span>
    </label>
  );
}

export function SettingsView() {
  const { t } = useTranslation();
  const settings = useStore((s) => s.settings.value);
  const update = useStore((s) => s.settings.update);
  const serviceUrl = useStore((s) => s.session.serviceUrl);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  if (!settings) return <p className="empty-state">{t('common.loading')}</p>;
  return (
    <section className="page-view settings" aria-labelledby="settings-title">
      <header className="page-header">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <p className="muted">{t('settings.intro')}</p>
      </header>
      <div className="settings-grid">
        <Section id="settings-general" title={t('settings.general')} className="settings-card">
          <label className="field">
            <span>{t('settings.language')}</span>
            <select value={settings.language} onChange={(e) => void update({ language: e.target.value as Language })}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`language.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('settings.timeZone')}</span>
            <select value={settings.timeZone ?? ''} onChange={(e) => void update({ timeZone: e.target.value || null })}>
              <option value="">{t('settings.systemTimeZone', { zone: systemTimeZone() })}</option>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
            <span className="small muted">{t('settings.timeZoneHint')}</span>
          </label>
          <BatchSize />
          <div className="field">
            <span>{t('settings.service')}</span>
            <code className="mono small">{serviceUrl ?? settings.serviceUrl ?? t('common.none')}</code>
          </div>
        </Section>
        <OutboxTransfer />
        <ShortcutSettings />
        <SupportCard />
      </div>
    </section>
  );
}
