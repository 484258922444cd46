// The claimed products of the audited claim, and once the reviewer's answers show, which per-product
// checklist reasons the reviewer had ticked on each (blind: the products only, no ticks), and the QA
// lead's per-product finding on those ticks (agree or disagree) while the draft is open.
import { useTranslation } from 'react-i18next';
import type { AuditView } from '../../../shared/contracts';
import { VERDICTS } from '../../../shared/domain';
import { useStore } from '../../store';
import { Section } from '../common/Section';

export function AuditProducts({ view }: { view: AuditView }) {
  const { t } = useTranslation('audit');
  const { t: tr } = useTranslation();
  const revealed = view.decision !== null;
  const recordProduct = useStore((st) => st.audit.recordProduct);
  const saving = useStore((st) => st.audit.saving);
  const editable = revealed && view.draft !== null && view.outbox === null;
  const submitted = view.records.find((r) => r.correctedBy === null)?.productFindings ?? [];
  const verdictOf = (productId: string) => (editable ? view.draft?.productFindings : submitted)?.find((f) => f.productId === productId)?.verdict ?? null;
  const ticked = (productId: string) => view.claim.checklist.filter((c) => c.productId === productId && c.checked).map((c) => tr(`reason.${c.code}`));
  return (
    <Section id="audit-products-title" title={t('panel.products')} className="claim-section" testId="audit-products">
      <ul className="audit-products">
        {view.claim.products.map((p) => {
          const marks = revealed ? ticked(p.id) : [];
          return (
            <li key={p.id}>
              <span className="strong">{p.name}</span>{' '}
              <span className="muted small">
                {p.workload} · {tr(`family.${p.family}`)}
              </span>
              {revealed ? (
                <p className="small muted">{marks.length ? t('panel.productTicked', { reasons: marks.join(' · ') }) : t('panel.productNoneTicked')}</p>
              ) : null}
              {revealed ? (
                <div className="segmented" role="group" aria-label={t('panel.productVerdict', { product: p.name })} data-product={p.id}>
                  {VERDICTS.map((v) => (
                    <button
                      key={v}
                      type="button"
                      className={`segment verdict-${v}${verdictOf(p.id) === v ? ' active' : ''}`}
                      aria-pressed={verdictOf(p.id) === v}
                      disabled={!editable || saving}
                      onClick={() => void recordProduct(p.id, verdictOf(p.id) === v ? null : v)}
                    >
                      {t(`verdict.${v}`)}
                    </button>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
