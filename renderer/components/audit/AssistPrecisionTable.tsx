// The PoE assist's precision per checklist reason on the statistics screen, from the reviewers' agreement
// recorded with their decisions in the period (audited or not): how many suggestions it made, how many of
// its "applies" the reviewer ticked (precision), and how often a "clear" reason was left unticked.
import { useTranslation } from 'react-i18next';
import type { AuditStats } from '../../../shared/contracts';
import { useTargetLabel } from './FindingsForm';
import { StatsTable } from './StatsTable';
import { useAuditNumbers } from './useAuditFormat';

export function AssistPrecisionTable({ stats }: { stats: AuditStats }) {
  const { t } = useTranslation('audit');
  const n = useAuditNumbers();
  const target = useTargetLabel();
  // Statistics cached before the assist's agreement was recorded have no such figures.
  const rows = (stats.assist as AuditStats['assist'] | undefined) ?? [];
  const total = rows.reduce((sum, r) => sum + r.suggestions, 0);
  return (
    <figure className="chart-card assist-precision" aria-labelledby="assist-precision-title">
      <figcaption id="assist-precision-title" className="section-title">
        {t('stats.assist.title')}
      </figcaption>
      <p className="small muted">{t('stats.assist.intro')}</p>
      {total === 0 ? (
        <p className="empty-state" data-testid="assist-precision-empty">
          {t('stats.assist.empty')}
        </p>
      ) : (
        <StatsTable
          testId="table-assist-precision"
          columns={[
            { label: t('findings.finding') },
            { label: t('stats.assist.suggestions') },
            { label: t('stats.assist.applies'), title: t('stats.assist.appliesTitle') },
            { label: t('stats.assist.agreed'), title: t('stats.assist.agreedTitle') },
            { label: t('stats.assist.precision') },
            { label: t('stats.assist.clearAgreement'), title: t('stats.assist.clearTitle') },
          ]}
          rows={rows.map((r) => ({
            key: r.code,
            label: target(r.code),
            data: { 'data-code': r.code },
            cells: [r.suggestions, r.applies, r.appliesAccepted, n.percent(r.precision), n.percent(r.clearAgreement)],
          }))}
        />
      )}
    </figure>
  );
}
