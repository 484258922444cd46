// The undo offer after a decision: a countdown to when it is sent to the review service, and Undo
// (also Ctrl+Z / Cmd+Z). Once the window is over the action syncs and the toast goes.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import '../../styles/offline.css';

export function UndoToast() {
  const { t } = useTranslation('offline');
  const { t: tr } = useTranslation();
  const offer = useStore((s) => s.offline.undo);
  const clear = useStore((s) => s.offline.clearUndo);
  const undo = useStore((s) => s.review.undo);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!offer) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [offer]);

  useEffect(() => {
    if (offer && now >= offer.pushableAt) clear();
  }, [offer, now, clear]);

  if (!offer || now >= offer.pushableAt) return null;
  const seconds = Math.max(1, Math.ceil((offer.pushableAt - now) / 1000));
  return (
    <div className="undo-toast" role="status" data-testid="undo-toast">
      <span>{t('undo.saved', { action: tr(`mutation.${offer.kind as 'comment'}`), claim: offer.claimId, seconds })}</span>
      <button type="button" className="secondary-button" onClick={() => void undo()}>
        {t('undo.button')}
      </button>
    </div>
  );
}
