// Every deadline of the claim, derived from its history in shared/: the open ones with time left,
// the met ones with when they were met.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { TimeLeftBadge } from '../common/Badges';
import { Section } from '../common/Section';

export function DeadlinesList() {
  const { t } = useTranslation();
  const f = useFormat();
  const deadlines = useStore((s) => s.claim.view?.claim.deadlines);
  if (!deadlines || deadlines.length === 0) return null;
  return (
    <Section id="deadlines-title" title={t('claim.deadlines')} className="claim-section">
      <ul className="deadlines">
        {deadlines.map((d, i) => (
          <li key={`${d.kind}-${i}`} className={d.metAt ? 'met' : 'open'}>
            <span className="deadline-kind">{t(`deadlineKind.${d.kind}`)}</span>
            <span className="muted small">{f.date(d.dueAt)}</span>
            <span className="spacer" />
            {d.metAt ? <span className="small muted">{t('deadline.metAt', { when: f.date(d.metAt) })}</span> : <TimeLeftBadge deadline={d} />}
          </li>
        ))}
      </ul>
    </Section>
  );
}
