// Says so when the open claim is no longer leased to the reviewer (the lease ran out): the claim stays
// open to read, and acting needs it leased again.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { useNow } from '../common/useNow';
import '../../styles/offline.css';

export function ClaimLeaseNotice() {
  const { t } = useTranslation('offline');
  const f = useFormat();
  const now = useNow();
  const me = useStore((s) => s.session.user?.id);
  const server = useStore((s) => s.claim.view?.server ?? null);
  const endedAt = useStore((s) => s.offline.leaseEndedAt ?? s.sync.status?.lease?.expiresAt ?? null);
  if (!server) return null;
  const held = server.lease !== null && server.lease.reviewerId === me && server.lease.expiresAt > now;
  if (held) return null;
  const when = server.lease && server.lease.reviewerId === me ? server.lease.expiresAt : endedAt;
  return (
    <p className="claim-readonly" role="status" data-testid="claim-readonly">
      {t('claim.readOnly', { when: when ? f.dateTime(when) : '—' })}
    </p>
  );
}
