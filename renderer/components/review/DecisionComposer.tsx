// Composing a decision before it is sent: what it is based on (ticked reasons, rejection reason,
// dispute outcome, product, the supersede choice of a decision that approves), the message to the partner
// filled from templates and editable, then confirm (Ctrl+Enter) or cancel (Esc).
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/contracts';
import { REVIEWER_REJECTION_REASONS, decisionApproves, type RejectionReason } from '../../../shared/domain';
import { reasonLine, tickedReasons } from '../../review/message-templates';
import { useStore } from '../../store';
import { SupersedeChoice, supersedeBlocked } from '../claim/SupersedeChoice';

export function DecisionComposer() {
  const { t } = useTranslation();
  const composer = useStore((s) => s.review.composer);
  const claim = useStore((s) => s.claim.view?.claim);
  const busy = useStore((s) => s.review.busy);
  const update = useStore((s) => s.review.updateComposer);
  const refill = useStore((s) => s.review.refillMessage);
  const close = useStore((s) => s.review.closeComposer);
  const submit = useStore((s) => s.review.submitDecision);
  if (!composer || !claim) return null;

  const reasons = composer.kind === 'request-info' ? tickedReasons(claim.checklist) : [];
  const product = composer.productId ? claim.products.find((p) => p.id === composer.productId) : undefined;
  const needsMessage = composer.kind !== 'approve';
  // An approval and an overturned dispute both make the claim approved: both need the supersede choice.
  const approves = decisionApproves(composer);
  const blocked =
    (composer.kind === 'request-info' && reasons.length === 0) ||
    (needsMessage && !composer.message.trim()) ||
    (approves && supersedeBlocked(claim, composer.supersedes ?? []));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!blocked) void submit();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!blocked) void submit();
    }
  };

  return (
    <form className={`decision-composer kind-${composer.kind}`} onSubmit={onSubmit} onKeyDown={onKeyDown} aria-labelledby="composer-title">
      <h3 id="composer-title" className="composer-title">
        {t(`composer.title.${composer.kind}`, { product: product?.name ?? '' })}
      </h3>
      {composer.kind === 'request-info' ? (
        reasons.length > 0 ? (
          <ul className="composer-reasons small" aria-label={t('composer.reasons')}>
            {reasons.map((r) => (
              <li key={`${r.code}|${r.productId ?? ''}`}>{reasonLine(t, r, claim.products)}</li>
            ))}
          </ul>
        ) : (
          <p className="form-error small">{t('composer.noReasons')}</p>
        )
      ) : null}
      {composer.kind === 'reject' ? (
        <label className="field">
          <span>{t('composer.rejectionReason')}</span>
          <select value={composer.rejectionReason} onChange={(e) => update({ rejectionReason: e.target.value as RejectionReason })}>
            {REVIEWER_REJECTION_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`rejection.${r}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {composer.kind === 'resolve-dispute' ? (
        <fieldset className="outcome">
          <legend>{t('composer.outcome')}</legend>
          {(['uphold', 'overturn'] as const).map((o) => (
            <label key={o} className="check">
              <input type="radio" name="outcome" checked={composer.outcome === o} onChange={() => update({ outcome: o })} />
              {t(`dispute.${o}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {approves ? (
        <SupersedeChoice
          claim={claim}
          decision={composer.kind === 'approve' ? 'approve' : 'overturn'}
          supersedes={composer.supersedes ?? []}
          onChange={(ids) => update({ supersedes: ids })}
        />
      ) : null}
      <div className="composer-message-head">
        <label htmlFor="decision-message" className="field-label">
          {needsMessage ? t('composer.message') : t('composer.messageOptional')}
        </label>
        <span className="spacer" />
        <select
          value={composer.language}
          onChange={(e) => update({ language: e.target.value as Language })}
          aria-label={t('composer.templateLanguage')}
          title={t('composer.templateLanguage')}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
        <button type="button" className="link-button small" onClick={refill}>
          {t('composer.refill')}
        </button>
      </div>
      <textarea id="decision-message" value={composer.message} onChange={(e) => update({ message: e.target.value })} rows={7} required={needsMessage} />
      {composer.error ? (
        <p className="form-error small" role="alert">
          {composer.error}
        </p>
      ) : null}
      <div className="row-line composer-actions">
        <span className="small muted">{t('composer.hint')}</span>
        <span className="spacer" />
        <button type="button" className="secondary-button" onClick={close}>
          {t('common.cancel')}
        </button>
        <button type="submit" className={`primary-button confirm-${composer.kind}`} disabled={blocked || busy}>
          {t(`composer.confirm.${composer.kind}`)}
        </button>
      </div>
    </form>
  );
}
