// Moving a reviewer's unsynced actions to another workstation (a machine being replaced): export them
// to a file here, import the file there; each action keeps its id, so the service applies it once.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Section } from '../common/Section';

export function OutboxTransfer() {
  const { t } = useTranslation();
  const pending = useStore((s) => s.sync.status?.pending ?? 0);
  const exportOutbox = useStore((s) => s.sync.exportOutbox);
  const importOutbox = useStore((s) => s.sync.importOutbox);
  const input = useRef<HTMLInputElement>(null);
  return (
    <Section id="settings-outbox" title={t('settings.outbox.title')} className="settings-card" intro={t('settings.outbox.intro')}>
      <div className="field">
        <button type="button" className="secondary-button" disabled={pending === 0} onClick={() => void exportOutbox()}>
          {t('settings.outbox.export', { count: pending })}
        </button>
      </div>
      <label className="field">
        <span>{t('settings.outbox.import')}</span>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importOutbox(file).finally(() => input.current && (input.current.value = ''));
          }}
        />
      </label>
    </Section>
  );
}
