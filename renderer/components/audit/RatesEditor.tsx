// The sampling rates a stratified sample uses: each reviewer's experience (new reviewers are sampled
// more) and an optional rate of their own. QA leads and administrators set them on the service.
import { useDraft } from '../common/useDraft';
import { useTranslation } from 'react-i18next';
import type { ReviewerAuditProfile } from '../../../shared/contracts';
import { useStore } from '../../store';
import { useAuditNumbers } from './useAuditFormat';
import { Section } from '../common/Section';

function RateRow({ profile }: { profile: ReviewerAuditProfile }) {
  const { t } = useTranslation('audit');
  const n = useAuditNumbers();
  const save = useStore((s) => s.audit.setReviewer);
  const offline = useStore((s) => s.sync.status?.connection === 'offline');
  const name = profile.reviewer.name;
  const shown = profile.customRate === null ? '' : String(Math.round(profile.customRate * 1000) / 10);
  const [rate, setRate] = useDraft(shown);
  const commit = () => {
    const value = rate.trim() === '' ? null : Number(rate) / 100;
    if (value !== null && !(value >= 0 && value <= 1)) return setRate(shown);
    if (value !== profile.customRate) void save(profile.reviewer.id, { customRate: value });
  };
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <select
          aria-label={t('rates.experienceLabel', { reviewer: name })}
          value={profile.experience}
          disabled={offline}
          onChange={(e) => void save(profile.reviewer.id, { experience: e.target.value as 'new' | 'experienced' })}
        >
          <option value="new">{t('rates.new')}</option>
          <option value="experienced">{t('rates.experienced')}</option>
        </select>
      </td>
      <td>
        <input
          type="number"
          min={0}
          max={100}
          step={0.5}
          className="rate-input"
          aria-label={t('rates.customRateLabel', { reviewer: name })}
          placeholder={t('rates.defaultHint')}
          value={rate}
          disabled={offline}
          onChange={(e) => setRate(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      </td>
      <td>{n.percent(profile.rate)}</td>
      <td>{n.percent(profile.rejectionRate)}</td>
    </tr>
  );
}

export function RatesEditor() {
  const { t } = useTranslation('audit');
  const reviewers = useStore((s) => s.audit.reviewers);
  if (reviewers.length === 0) return null;
  return (
    <Section id="rates-title" title={t('rates.title')} className="chart-card rates-card" intro={t('rates.intro')}>
      <table className="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('rates.reviewer')}</th>
            <th scope="col">{t('rates.experience')}</th>
            <th scope="col">{t('rates.customRate')}</th>
            <th scope="col">{t('rates.rate')}</th>
            <th scope="col">{t('rates.rejectionRate')}</th>
          </tr>
        </thead>
        <tbody>
          {reviewers.map((p) => (
            <RateRow key={p.reviewer.id} profile={p} />
          ))}
        </tbody>
      </table>
    </Section>
  );
}
