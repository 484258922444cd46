// The one guardrail confirmation at a time (approve with ticked reasons or a competing claim, release
// the batch, sign out with unsynced work): a modal dialog that says what happens, Cancel by default.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import '../../styles/offline.css';

export function ConfirmDialog() {
  const { t } = useTranslation('offline');
  const c = useStore((s) => s.offline.confirmation);
  const answer = useStore((s) => s.offline.answer);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (c && !dialog.open) dialog.showModal();
    if (!c && dialog.open) dialog.close();
  }, [c]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-title"
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
    >
      {c ? (
        <>
          <h2 id="confirm-title">{c.title}</h2>
          {c.lines.map((l, i) => (
            <p key={i} className={i === 0 ? undefined : 'confirm-line'}>
              {l}
            </p>
          ))}
          <div className="row-line confirm-actions">
            <span className="spacer" />
            <button type="button" className="secondary-button" onClick={() => answer(false)} autoFocus>
              {t('confirm.cancel')}
            </button>
            <button type="button" className={c.danger ? 'danger-button' : 'primary-button'} onClick={() => answer(true)}>
              {c.confirm}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
