// Short notices in a polite live region: what was saved, what failed, what was undone.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

export function Notices() {
  const notices = useStore((s) => s.ui.notices);
  const dismiss = useStore((s) => s.ui.dismiss);
  const { t } = useTranslation();
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`}>
          <span>{n.key ? String(t(n.key, n.values ?? {})) : n.text}</span>
          <button type="button" className="icon-button" onClick={() => dismiss(n.id)} aria-label={t('common.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
