// The checklist of the seed: the five reasons for the whole claim (keys 1–5), and for each product
// the reasons that apply per product, plus removing a product the PoE does not support.
import { useTranslation } from 'react-i18next';
import { CHECKLIST_REASONS, PER_PRODUCT_REASONS } from '../../../shared/domain';
import { useStore } from '../../store';
import { deniedForLease } from '../../review/permissions';
import { usePermissions } from '../claim/usePermissions';
import { ChecklistRow } from './ChecklistRow';

export function ChecklistPanel() {
  const { t } = useTranslation();
  const products = useStore((s) => s.claim.view?.claim.products);
  const status = useStore((s) => s.claim.view?.claim.status);
  const openComposer = useStore((s) => s.review.openComposer);
  const perms = usePermissions();
  const locked = !perms.checklist.ok;
  if (!products) return null;
  return (
    <div className="checklist">
      {locked && status && !deniedForLease(perms.checklist) ? (
        <p className="hint small" title={perms.checklist.ok ? undefined : perms.checklist.reason}>
          {t('checklist.locked', { status: t(`status.${status}`) })}
        </p>
      ) : null}
      <fieldset className="checklist-group">
        <legend>{t('checklist.wholeClaim')}</legend>
        {CHECKLIST_REASONS.map((code, i) => (
          <ChecklistRow key={code} code={code} productId={null} index={i + 1} disabled={locked} />
        ))}
      </fieldset>
      {products.map((p) => (
        <fieldset key={p.id} className={`checklist-group product${p.removed ? ' removed' : ''}`} aria-label={p.name}>
          <legend>
            <span className="strong">{p.name}</span>{' '}
            <span className="muted small">
              {p.workload} · {t(`family.${p.family}`)}
            </span>
            {p.removed ? <span className="marker conflict">{t('checklist.removed')}</span> : null}
          </legend>
          {p.removed ? null : PER_PRODUCT_REASONS.map((code) => <ChecklistRow key={code} code={code} productId={p.id} disabled={locked} />)}
          {p.removed ? null : (
            <button
              type="button"
              className="link-button small danger"
              onClick={() => openComposer('remove-product', { productId: p.id })}
              disabled={!perms['remove-product'].ok}
              title={perms['remove-product'].ok ? undefined : perms['remove-product'].reason}
            >
              {t('checklist.removeProduct', { product: p.name })}
            </button>
          )}
        </fieldset>
      ))}
    </div>
  );
}
