// What a history entry changed, beyond its one-line summary: a partner edit's values before → after,
// a request that named a product since removed, the updated PoE a dispute brought, a supersession
// (by an approval or an overturned dispute).
import { useTranslation } from 'react-i18next';
import type { DocumentRef, Product } from '../../../shared/contracts';
import type { HistoryEntry } from '../../../shared/domain';

export function HistoryDetails({ entry, products, documents }: { entry: HistoryEntry; products: readonly Product[]; documents: readonly DocumentRef[] }) {
  const { t } = useTranslation('cpor');
  switch (entry.kind) {
    case 'edited':
      if (!entry.changes?.length) return null;
      return (
        <table className="history-diff small" aria-label={t('history.changes')}>
          <tbody>
            {entry.changes.map((c, i) => (
              <tr key={i} data-field={c.field}>
                <th scope="row">{t(`history.field.${c.field}`)}</th>
                <td className="diff-before">{c.before === null ? <span className="muted">{t('history.added')}</span> : <del>{c.before}</del>}</td>
                <td aria-hidden="true">→</td>
                <td className="diff-after">{c.after === null ? <span className="diff-removed">{t('history.removed')}</span> : <ins>{c.after}</ins>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'info-requested': {
      const gone = entry.reasons.map((r) => products.find((p) => p.id === r.productId)).filter((p): p is Product => p?.removed === true);
      if (gone.length === 0) return null;
      return <p className="small history-note">{gone.map((p) => t('history.productNowRemoved', { product: p.name })).join(', ')}</p>;
    }
    case 'dispute-filed': {
      const files = entry.documents ?? [];
      if (files.length === 0) return null;
      return (
        <p className="small history-note">
          {t('history.disputeDocuments', {
            count: files.length,
            files: files.map((s) => documents.find((d) => d.sha256 === s)?.fileName ?? s.slice(0, 8)).join(', '),
          })}
        </p>
      );
    }
    case 'approved':
    case 'dispute-resolved':
      return entry.supersedes?.length ? <p className="small history-note">{t('history.supersedes', { ids: entry.supersedes.join(', ') })}</p> : null;
    case 'rejected':
      return entry.supersededBy ? <p className="small history-note">{t('history.supersededBy', { id: entry.supersededBy })}</p> : null;
    default:
      return null;
  }
}

/** "Name · role" with the partner user's role (billing, global or incentives admin) when recorded. */
export function ActorRole({ actor }: { actor: HistoryEntry['actor'] }) {
  const { t } = useTranslation('cpor');
  return actor.partnerRole ? <span className="partner-role"> ({t(`history.partnerRole.${actor.partnerRole}`)})</span> : null;
}
