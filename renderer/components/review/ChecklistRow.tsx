// One checklist reason (for the whole claim or one product): a checkbox, its shortcut, what it means,
// and, once ticked, an optional note saved when the field is left.
import { useDraft } from '../common/useDraft';
import { useTranslation } from 'react-i18next';
import type { ShortcutAction } from '../../../shared/contracts';
import type { ChecklistReason } from '../../../shared/domain';
import { useShortcut } from '../../shortcuts/useShortcut';
import { useStore } from '../../store';
import { rowKey } from '../../store/review';
import { SuggestionLine } from '../assist/SuggestionLine';
import { Kbd } from '../common/Kbd';

interface Props {
  code: ChecklistReason;
  productId: string | null;
  /** 1–5 for the claim-wide reasons, which have a toggle shortcut. */
  index?: number;
  disabled: boolean;
}

export function ChecklistRow({ code, productId, index, disabled }: Props) {
  const { t } = useTranslation();
  const entry = useStore((s) => s.claim.view?.claim.checklist.find((e) => e.code === code && e.productId === productId) ?? null);
  const saving = useStore((s) => Boolean(s.review.saving[rowKey(code, productId)]));
  const toggle = useStore((s) => s.review.toggleReason);
  const saveNote = useStore((s) => s.review.saveNote);
  const shortcut = useShortcut(index ? (`toggle-reason-${index}` as ShortcutAction) : null);
  const [note, setNote] = useDraft(entry?.note ?? '');
  const checked = entry?.checked ?? false;
  const id = `reason-${code}-${productId ?? 'claim'}`;

  return (
    <div className={`check-row${checked ? ' checked' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled || saving}
        onChange={() => void toggle(code, productId)}
        aria-keyshortcuts={index ? shortcut : undefined}
        aria-describedby={`${id}-hint`}
      />
      <label htmlFor={id} className="check-label">
        <span className="check-title">{t(`reason.${code}`)}</span>
        <span id={`${id}-hint`} className="check-hint">
          {t(`reasonHint.${code}`)}
        </span>
      </label>
      {index ? <Kbd combo={shortcut} /> : <span />}
      {checked ? (
        <input
          className="note-input"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => void saveNote(code, productId, note)}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          placeholder={t('checklist.notePlaceholder')}
          aria-label={t('checklist.noteFor', { reason: t(`reason.${code}`) })}
          disabled={disabled}
          maxLength={2000}
        />
      ) : null}
      <SuggestionLine code={code} productId={productId} disabled={disabled || saving} />
    </div>
  );
}
