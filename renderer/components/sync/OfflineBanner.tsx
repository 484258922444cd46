// A calm banner while the service cannot be reached: work continues on the leased batch and is kept,
// until when it holds; once the lease has ended it says so plainly, with no promise that it will sync.
// When the page lost the workstation process itself, it says that nothing can be saved.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { Icon } from '../common/Icon';
import { useNow } from '../common/useNow';

export function OfflineBanner() {
  const { t } = useTranslation();
  const { t: to } = useTranslation('offline');
  const f = useFormat();
  const now = useNow();
  const offline = useStore((s) => s.sync.status?.connection === 'offline');
  const pending = useStore((s) => s.sync.status?.pending ?? 0);
  const lease = useStore((s) => s.sync.status?.lease ?? null);
  const linked = useStore((s) => s.sync.linked);
  if (!linked) {
    return (
      <div className="offline-banner expired" role="alert" data-testid="host-gone">
        <Icon name="cloudOff" />
        <span>{to('connection.hostGone')}</span>
      </div>
    );
  }
  if (!offline) return null;
  const expired = lease !== null && lease.expiresAt <= now;
  return (
    <div className={`offline-banner${expired ? ' expired' : ''}`} role="status" data-testid="offline-banner">
      <Icon name="cloudOff" />
      {expired ? (
        <span>
          <strong>{to('banner.expiredTitle')}</strong> {to('banner.expired', { count: pending, when: f.dateTime(lease.expiresAt) })}
        </span>
      ) : lease ? (
        <span>
          <strong>{t('offline.title')}</strong> {to('banner.until', { count: pending, when: f.dateTime(lease.expiresAt) })}
        </span>
      ) : (
        <span>
          <strong>{t('offline.title')}</strong> {t('offline.body', { count: pending })}
        </span>
      )}
    </div>
  );
}
