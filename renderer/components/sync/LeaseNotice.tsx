// What the lease means for the reviewer's work right now: that it ends soon (work done after may not
// apply), or that it ended while online (never silently). Offline, OfflineBanner says it instead.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { useNow } from '../common/useNow';
import '../../styles/offline.css';

/** How close to its end the lease is worth a warning. */
export const LEASE_MARGIN_MS = 10 * 60_000;

export function LeaseNotice() {
  const { t } = useTranslation('offline');
  const f = useFormat();
  const now = Date.parse(useNow());
  const lease = useStore((s) => s.sync.status?.lease ?? null);
  const offline = useStore((s) => s.sync.status?.connection === 'offline');
  const endedAt = useStore((s) => s.offline.leaseEndedAt);
  const dismiss = useStore((s) => s.offline.dismissLeaseEnded);
  if (endedAt) {
    return (
      <div className="lease-notice ended" role="alert" data-testid="lease-ended">
        <span>{t('lease.ended', { when: f.dateTime(endedAt) })}</span>
        <button type="button" className="secondary-button" onClick={dismiss}>
          {t('lease.dismiss')}
        </button>
      </div>
    );
  }
  if (!lease || offline) return null;
  const left = Date.parse(lease.expiresAt) - now;
  if (left > LEASE_MARGIN_MS || left <= 0) return null;
  return (
    <div className="lease-notice soon" role="status" data-testid="lease-ends-soon">
      {t('lease.endsSoon', { when: f.time(lease.expiresAt), relative: f.relative(lease.expiresAt, now) })}
    </div>
  );
}
