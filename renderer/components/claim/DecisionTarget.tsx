// The seed's overall 10-day decision target (a deadline of its own in shared/domain), the rounds of
// information requests so far, and the reviewer SLAs that are overdue now.
import { useTranslation } from 'react-i18next';
import { infoRequestRounds, slaFlags } from '../../../shared/domain';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { TimeLeftBadge } from '../common/Badges';
import { useNow } from '../common/useNow';
import { Section } from '../common/Section';

export function DecisionTarget() {
  const { t } = useTranslation('cpor');
  const { t: tt } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const claim = useStore((s) => s.claim.view?.claim);
  const target = claim?.deadlines.find((d) => d.kind === 'decision-target');
  if (!claim || !target) return null;
  const rounds = infoRequestRounds(claim.history);
  const flags = slaFlags(claim.deadlines, now);
  return (
    <Section id="decision-target-title" title={t('process.title')} className="claim-section decision-target" testId="decision-target">
      <div className="row-line small">
        <span className="strong">{t('process.target')}</span>
        <span className="muted">{f.date(target.dueAt)}</span>
        <span className="spacer" />
        {target.metAt ? (
          <span className={target.metAt <= target.dueAt ? 'muted' : 'sla-flag'}>
            {t(target.metAt <= target.dueAt ? 'process.metOnTime' : 'process.metLate', { when: f.date(target.metAt) })}
          </span>
        ) : (
          <TimeLeftBadge deadline={target} />
        )}
      </div>
      <div className="row-line small muted">{rounds === 0 ? t('process.roundsNone') : t('process.rounds', { count: rounds })}</div>
      {flags.length > 0 ? (
        <div className="row-line small">
          <span className="sla-flag" role="status">
            {t('process.slaOverdue', { what: flags.map((d) => tt(`deadlineKind.${d.kind}`)).join(', ') })}
          </span>
        </div>
      ) : null}
    </Section>
  );
}
