// The claim's full history, newest first: every change, comment and action by partner, customer,
// reviewer or the system; the reviewer's own unsynced entries are marked.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { describeHistory } from '../../review/describe-history';
import { useStore } from '../../store';
import { ActorRole, HistoryDetails } from './HistoryDetails';

export function HistoryList() {
  const { t } = useTranslation();
  const f = useFormat();
  const claim = useStore((s) => s.claim.view?.claim);
  const synced = useStore((s) => s.claim.view?.server.version ?? 0);
  if (!claim) return null;
  const entries = [...claim.history].reverse();
  return (
    <ol className="history" aria-label={t('claim.historyLabel')}>
      {entries.map((e) => {
        const { summary, message } = describeHistory(t, e, claim.products);
        const local = e.seq > synced;
        return (
          <li key={e.seq} className={`history-entry${local ? ' local' : ''}`}>
            <div className="row-line small">
              <span className="strong">{summary}</span>
              <span className="spacer" />
              {local ? <span className="marker pending">{t('claim.notSynced')}</span> : null}
            </div>
            <div className="row-line small muted">
              <span>
                {e.actor.name} · {t(`role.${e.actor.role}`)}
                <ActorRole actor={e.actor} />
              </span>
              <span className="spacer" />
              <time dateTime={e.at}>{f.dateTime(e.at)}</time>
            </div>
            <HistoryDetails entry={e} products={claim.products} documents={claim.documents} />
            {message ? <p className="quote">{message}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
