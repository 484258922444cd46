// When the reviewer's lease on the batch ends ("Checked out until Tue 18:00" for an offline
// checkout), and releasing the batch (after a confirmation saying what happens to the work).
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { useNow } from '../common/useNow';

export function LeaseExpiry() {
  const { t } = useTranslation();
  const { t: to } = useTranslation('offline');
  const f = useFormat();
  const now = useNow();
  const lease = useStore((s) => s.sync.status?.lease ?? null);
  const release = useStore((s) => s.queue.release);
  const guard = useStore((s) => s.offline.guardRelease);
  if (!lease) return <p className="lease muted small">{t('queue.noLease')}</p>;
  const expired = lease.expiresAt < now;
  const when = f.weekdayTime(lease.expiresAt);
  return (
    <div className={`lease small${expired ? ' expired' : ''}`} data-testid="lease-expiry">
      <span>
        {expired
          ? t('queue.leaseExpired', { when: f.dateTime(lease.expiresAt) })
          : lease.mode === 'offline'
            ? to('lease.checkedOutUntil', { when })
            : t('queue.leaseUntil', { when: f.time(lease.expiresAt), relative: f.relative(lease.expiresAt, Date.parse(now)) })}
      </span>
      <button type="button" className="link-button" onClick={() => void guard().then((ok) => (ok ? release() : undefined))}>
        {t('queue.release')}
      </button>
    </div>
  );
}
