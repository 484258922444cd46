// Settings → Support and About: "Save diagnostics" (one JSON file for support, no PoE content) and the
// version, runtimes and licences of what ships. Both come from the workstation API.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/contracts';
import { downloadText } from '../../files/download';
import { useStore } from '../../store';
import { describeError, invoke } from '../../store/services';
import { Section } from '../common/Section';

export function SupportCard() {
  const { t } = useTranslation('desktop');
  const notify = useStore((s) => s.ui.notify);
  const [saving, setSaving] = useState(false);
  const [info, setInfo] = useState<MethodOutput<'app.about'> | null>(null);
  useEffect(() => {
    invoke('app.about', {}).then(setInfo, () => undefined);
  }, []);
  const save = async () => {
    setSaving(true);
    try {
      const out = await invoke('app.diagnostics', {});
      downloadText(out.fileName, out.json, 'application/json');
      notify('success', t('support.saved', { file: out.fileName }));
    } catch (error) {
      notify('error', describeError(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Section id="settings-support" title={t('support.title')} className="settings-card support-card" intro={t('support.intro')}>
      <div className="field">
        <button type="button" className="secondary-button" disabled={saving} onClick={() => void save()} data-testid="save-diagnostics">
          {saving ? t('support.saving') : t('support.save')}
        </button>
      </div>
      {info ? (
        <div className="about" data-testid="about">
          <h4 className="section-title">{t('about.title')}</h4>
          <p>
            <strong>{info.name}</strong> · {t('about.version', { version: info.version })} · {t(`about.host_${info.host}`)}
          </p>
          <p className="small muted">
            {t('about.runtimes', { node: info.versions.node, electron: info.versions.electron ?? '—', chrome: info.versions.chrome ?? '—' })}
          </p>
          <details>
            <summary>{t('about.licences', { count: info.licences.length })}</summary>
            <ul className="licences small">
              {info.licences.map((l) => (
                <li key={l.name}>
                  <code>{l.name}</code> {l.version} — {l.license}
                </li>
              ))}
            </ul>
          </details>
        </div>
      ) : null}
    </Section>
  );
}
