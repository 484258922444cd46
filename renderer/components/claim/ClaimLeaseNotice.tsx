// Says so when the open claim is no longer leased to the reviewer (the lease ran out and the claim left the
// batch): the claim stays open to read, acting needs it leased again, and a button asks the service for it.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { leaseHeld } from '../../review/permissions';
import { useStore } from '../../store';
import '../../styles/offline.css';

export function ClaimLeaseNotice() {
  const { t } = useTranslation('offline');
  const f = useFormat();
  const held = useStore((s) => s.session.user?.role !== 'reviewer' || leaseHeld(s.claim.view, s.session.user.id));
  const server = useStore((s) => s.claim.view?.server ?? null);
  const endedAt = useStore((s) => s.offline.leaseEndedAt ?? s.sync.status?.lease?.expiresAt ?? null);
  const offline = useStore((s) => s.sync.status?.connection === 'offline');
  const leasing = useStore((s) => s.claim.leasing);
  const leaseAgain = useStore((s) => s.claim.leaseAgain);
  if (!server || held) return null;
  return (
    <div className="claim-readonly" role="status" data-testid="claim-readonly">
      <p>{t('claim.readOnly', { when: endedAt ? f.dateTime(endedAt) : '—' })}</p>
      <button
        type="button"
        className="secondary-button"
        disabled={offline || leasing}
        title={offline ? t('claim.leaseAgainOffline') : undefined}
        onClick={() => void leaseAgain()}
      >
        {leasing ? t('claim.leasing') : t('claim.leaseAgain')}
      </button>
    </div>
  );
}
