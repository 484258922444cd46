// The assist's background progress in the sync bar: documents read of the claims queued (hidden when idle).
import { useTranslation } from 'react-i18next';
import { useAssist } from '../../assist/assist-store';

export function AssistProgress() {
  const { t } = useTranslation('assist');
  const p = useAssist((s) => s.progress);
  if (p.total === 0) return null;
  return (
    <span className="sync-item muted" data-testid="assist-progress" role="status">
      {t('progress', { done: p.done, total: p.total })}
    </span>
  );
}
