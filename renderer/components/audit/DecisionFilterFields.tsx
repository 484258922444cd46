// The fields that narrow reviewers' decisions by when they were decided and who decided them: shared by
// the sample puller and the statistics filters, so both ask the same question the same way.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

export interface DecisionFilter {
  from: string;
  to: string;
  reviewer: string;
}

export function DecisionFilterFields({ value, onChange }: { value: DecisionFilter; onChange(next: DecisionFilter): void }) {
  const { t } = useTranslation('audit');
  const reviewers = useStore((s) => s.audit.reviewers);
  return (
    <>
      <label className="mini-field">
        {t('filter.from')}
        <input type="date" value={value.from} onChange={(e) => onChange({ ...value, from: e.target.value })} />
      </label>
      <label className="mini-field">
        {t('filter.to')}
        <input type="date" value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} />
      </label>
      <label className="mini-field">
        {t('filter.reviewer')}
        <select value={value.reviewer} onChange={(e) => onChange({ ...value, reviewer: e.target.value })}>
          <option value="">{t('filter.allReviewers')}</option>
          {reviewers.map((r) => (
            <option key={r.reviewer.id} value={r.reviewer.id}>
              {r.reviewer.name}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
