// The open claim at a glance: id, status and derived state, partner → customer, its most urgent
// deadline, and whether some of the reviewer's actions on it wait to sync.
import { useTranslation } from 'react-i18next';
import { mostUrgent } from '../../../shared/domain';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { StatusBadge, TimeLeftBadge } from '../common/Badges';
import { useWindowTitle } from './useWindowTitle';

export function ClaimHeader() {
  const { t } = useTranslation();
  const f = useFormat();
  const claim = useStore((s) => s.claim.view?.claim);
  const pending = useStore((s) => s.claim.view?.pending.length ?? 0);
  useWindowTitle(claim?.id ?? null);
  if (!claim) return null;
  const urgent = mostUrgent(claim.deadlines);
  return (
    <header className="claim-header">
      <div className="row-line">
        <h2 id="claim-title" className="claim-title">
          {claim.id}
        </h2>
        <StatusBadge status={claim.status} derived={claim.derivedState} />
        <span className="spacer" />
        {pending > 0 ? (
          <span className="marker pending" data-testid="claim-pending">
            {t('queue.pending', { count: pending })}
          </span>
        ) : null}
      </div>
      <div className="row-line">
        <span className="strong truncate">{claim.partner.name}</span>
        <span className="muted">→</span>
        <span className="truncate">{claim.customer.name}</span>
      </div>
      {urgent ? (
        <div className="row-line small">
          <TimeLeftBadge deadline={urgent} showKind />
          <span className="muted">{t('deadline.due', { when: f.dateTime(urgent.dueAt) })}</span>
        </div>
      ) : null}
    </header>
  );
}
