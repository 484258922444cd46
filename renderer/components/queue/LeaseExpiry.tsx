// When the reviewer's lease on the batch expires (after which decisions may conflict).
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { useNow } from '../common/useNow';

export function LeaseExpiry() {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const lease = useStore((s) => s.sync.status?.lease ?? null);
  const release = useStore((s) => s.queue.release);
  if (!lease) return <p className="lease muted small">{t('queue.noLease')}</p>;
  const expired = lease.expiresAt < now;
  return (
    <div className={`lease small${expired ? ' expired' : ''}`}>
      <span>{expired ? t('queue.leaseExpired', { when: f.dateTime(lease.expiresAt) }) : t('queue.leaseUntil', { when: f.time(lease.expiresAt), relative: f.relative(lease.expiresAt, Date.parse(now)) })}</span>
      <button type="button" className="link-button" onClick={() => void release()}>
        {t('queue.release')}
      </button>
    </div>
  );
}
