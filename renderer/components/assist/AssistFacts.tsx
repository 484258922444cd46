// Match / mismatch badges the assist puts beside the claim's customer name, tenant ID and domain, and
// the acknowledgement date it found with the 12-month cut-off.
import { useTranslation } from 'react-i18next';
import { useAssist } from '../../assist/assist-store';
import { useStore } from '../../store';
import '../../styles/assist.css';

export function MatchBadge({ field }: { field: 'name' | 'tenantId' | 'domain' }) {
  const { t } = useTranslation('assist');
  const claimId = useStore((s) => s.claim.currentId);
  const f = useAssist((s) => (claimId ? s.results[claimId]?.findings?.customer[field] : undefined));
  if (!f) return null;
  return (
    <span className={`assist-badge ${f.match}`} data-testid={`match-${field}`} title={f.found ? t('foundInPoe', { found: f.found }) : undefined}>
      {t(`match.${f.match}`)}
    </span>
  );
}

export function AcknowledgementFact() {
  const { t } = useTranslation('assist');
  const claimId = useStore((s) => s.claim.currentId);
  const result = useAssist((s) => (claimId ? s.results[claimId] : undefined));
  const a = result?.findings?.acknowledgement;
  const dup = result?.findings?.duplicates ?? [];
  if (!result) return null;
  return (
    <>
      <dt>{t('ackDate')}</dt>
      <dd data-testid="assist-ack">
        {result.status !== 'done' ? (
          <span className="muted">{t(`status.${result.status}`)}</span>
        ) : (
          <>
            {a?.date ?? a?.dateText ?? <span className="muted">{t('noDate')}</span>}{' '}
            {a?.cutoff ? <span className="muted small">{t('cutoff', { date: a.cutoff })}</span> : null}
            <br />
            <span className="small">{t(`signedBy.${a?.signedBy ?? 'none'}`)}</span>
          </>
        )}
        {dup.map((d) => (
          <div key={d.claimId} className="assist-badge mismatch" role="note">
            {t('duplicate', { claimId: d.claimId })}
          </div>
        ))}
      </dd>
    </>
  );
}
