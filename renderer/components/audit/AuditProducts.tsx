// The claimed products of the audited claim, and once the reviewer's answers show, which per-product
// checklist reasons the reviewer had ticked on each (blind: the products only, no ticks).
import { useTranslation } from 'react-i18next';
import type { AuditView } from '../../../shared/contracts';

export function AuditProducts({ view }: { view: AuditView }) {
  const { t } = useTranslation('audit');
  const { t: tr } = useTranslation();
  const revealed = view.decision !== null;
  const ticked = (productId: string) => view.claim.checklist.filter((c) => c.productId === productId && c.checked).map((c) => tr(`reason.${c.code}`));
  return (
    <section className="claim-section" aria-labelledby="audit-products-title" data-testid="audit-products">
      <h3 id="audit-products-title" className="section-title">
        {t('panel.products')}
      </h3>
      <ul className="audit-products">
        {view.claim.products.map((p) => {
          const marks = revealed ? ticked(p.id) : [];
          return (
            <li key={p.id}>
              <span className="strong">{p.name}</span>{' '}
              <span className="muted small">
                {p.workload} · {tr(`family.${p.family}`)}
              </span>
              {revealed ? <p className="small muted">{marks.length ? t('panel.productTicked', { reasons: marks.join(' · ') }) : t('panel.productNoneTicked')}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
