// Other claims on the same customer tenant and workload: partner, status, overlapping products and the
// PoE's date (acknowledged or uploaded, most recent first as the core ordered them), so a decision here
// stays consistent with them (the most recent valid PoE wins).
import { useTranslation } from 'react-i18next';
import { newerPoe } from '../../../shared/domain';
import { useAssist } from '../../assist/assist-store';
import { reviewerCalendar } from '../../review/calendar';
import { ownPoe } from '../../review/poe-date';
import { useStore } from '../../store';
import { StatusBadge } from '../common/Badges';
import { PoeDateLabel, usePoeDateText } from './PoeDateLabel';

export function CompetingClaims() {
  const { t } = useTranslation();
  const claim = useStore((s) => s.claim.view?.claim);
  const competing = claim?.competing;
  const assist = useAssist((s) => (claim ? s.results[claim.id] : undefined));
  const timeZone = reviewerCalendar(
    useStore((s) => s.settings.value),
    useStore((s) => s.session.calendar),
  ).timeZone;
  const poeText = usePoeDateText();
  const inQueue = useStore((s) => s.queue.items);
  const open = useStore((s) => s.claim.open);
  if (!claim || !competing || competing.length === 0) return <p className="empty-state small">{t('competing.none')}</p>;
  const own = ownPoe(claim, assist);
  return (
    <div className="competing">
      <p className="small muted">{t('competing.explain', { when: poeText(own) })}</p>
      <ul className="competing-list" aria-label={t('claim.tabs.competing', { count: competing.length })}>
        {competing.map((c) => {
          const newer = newerPoe(c, own, timeZone);
          return (
            <li key={c.id} className={`competing-item${newer ? ' newer-poe' : ''}`} data-competing-id={c.id}>
              <div className="row-line">
                {inQueue.some((i) => i.id === c.id) ? (
                  <button type="button" className="link-button claim-id" onClick={() => void open(c.id)}>
                    {c.id}
                  </button>
                ) : (
                  <span className="claim-id">{c.id}</span>
                )}
                <span className="spacer" />
                <StatusBadge status={c.status} derived={c.derivedState} />
              </div>
              <div className="row-line">
                <span className="strong truncate">{c.partner.name}</span>
                <span className="muted small mono">
                  {t('claim.mpnId')} {c.partner.mpnId}
                </span>
              </div>
              <div className="row-line small">
                <span className="muted">{t('competing.products')}:</span>
                <span className="truncate">{c.products.join(', ')}</span>
              </div>
              <div className="row-line small">
                <span className="muted">{t('competing.latestPoe')}:</span>
                <PoeDateLabel claim={c} />
                {newer ? <span className="marker conflict">{t('competing.newer')}</span> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
