// A calm banner while the service cannot be reached: work continues on the leased batch and is kept.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Icon } from '../common/Icon';

export function OfflineBanner() {
  const { t } = useTranslation();
  const offline = useStore((s) => s.sync.status?.connection === 'offline');
  const pending = useStore((s) => s.sync.status?.pending ?? 0);
  if (!offline) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <Icon name="cloudOff" />
      <span>
        <strong>{t('offline.title')}</strong> {t('offline.body', { count: pending })}
      </span>
    </div>
  );
}
