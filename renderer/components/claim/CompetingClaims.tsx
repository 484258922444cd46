// Other claims on the same customer tenant and workload: partner, status, overlapping products and
// latest PoE date, so a decision here stays consistent with them (the most recent valid PoE wins).
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { StatusBadge } from '../common/Badges';

export function CompetingClaims() {
  const { t } = useTranslation();
  const f = useFormat();
  const competing = useStore((s) => s.claim.view?.claim.competing);
  const ownPoe = useStore((s) => s.claim.view?.claim.documents.reduce<string | null>((a, d) => (a === null || d.uploadedAt > a ? d.uploadedAt : a), null) ?? null);
  const inQueue = useStore((s) => s.queue.items);
  const open = useStore((s) => s.claim.open);
  if (!competing || competing.length === 0) return <p className="empty-state small">{t('competing.none')}</p>;
  return (
    <div className="competing">
      <p className="small muted">{t('competing.explain', { when: ownPoe ? f.date(ownPoe) : t('common.none') })}</p>
      <ul className="competing-list" aria-label={t('claim.tabs.competing', { count: competing.length })}>
        {competing.map((c) => {
          const newer = Boolean(ownPoe && c.latestPoeAt && c.latestPoeAt > ownPoe);
          return (
            <li key={c.id} className={`competing-item${newer ? ' newer-poe' : ''}`}>
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
                <span>{c.latestPoeAt ? f.date(c.latestPoeAt) : t('common.none')}</span>
                {newer ? <span className="marker conflict">{t('competing.newer')}</span> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
