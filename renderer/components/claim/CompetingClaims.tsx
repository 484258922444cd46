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
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('competing.claim')}</th>
            <th scope="col">{t('competing.partner')}</th>
            <th scope="col">{t('competing.status')}</th>
            <th scope="col">{t('competing.products')}</th>
            <th scope="col">{t('competing.latestPoe')}</th>
          </tr>
        </thead>
        <tbody>
          {competing.map((c) => (
            <tr key={c.id} className={ownPoe && c.latestPoeAt && c.latestPoeAt > ownPoe ? 'newer-poe' : undefined}>
              <td className="mono small">
                {inQueue.some((i) => i.id === c.id) ? (
                  <button type="button" className="link-button" onClick={() => void open(c.id)}>
                    {c.id}
                  </button>
                ) : (
                  c.id
                )}
              </td>
              <td>
                {c.partner.name}
                <div className="muted small mono">{c.partner.mpnId}</div>
              </td>
              <td>
                <StatusBadge status={c.status} derived={c.derivedState} />
              </td>
              <td className="small">{c.products.join(', ')}</td>
              <td className="small">
                {c.latestPoeAt ? f.date(c.latestPoeAt) : <span className="muted">{t('common.none')}</span>}
                {ownPoe && c.latestPoeAt && c.latestPoeAt > ownPoe ? <div className="marker conflict">{t('competing.newer')}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
