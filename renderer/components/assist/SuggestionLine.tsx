// The assist's suggestion under a checklist reason: an icon and a one-line reason, a button that opens
// the evidence in the viewer (page + highlighted rectangle), and Accept (or the A key on the line),
// which ticks the reason through the ordinary review action with the note prefilled. Never ticks by itself.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistSuggestion } from '../../../shared/contracts';
import type { ChecklistReason } from '../../../shared/domain';
import { suggestionFor, useAssist } from '../../assist/assist-store';
import { useStore } from '../../store';
import '../../styles/assist.css';

const ICON = { applies: '⚠', clear: '✓', unsure: '?' } as const;

/** The note an accepted suggestion leaves on the reason: the reason and where it was seen. */
export function acceptNote(s: AssistSuggestion, line: string, where: (page: number) => string): string {
  const ev = s.evidence[0];
  return ev ? `${line} (${where(ev.page)}${ev.text ? `: "${ev.text.slice(0, 80)}"` : ''})` : line;
}

export function SuggestionLine({ code, productId, disabled }: { code: ChecklistReason; productId: string | null; disabled: boolean }) {
  const { t } = useTranslation('assist');
  const claimId = useStore((s) => s.claim.currentId);
  const checked = useStore((s) => s.claim.view?.claim.checklist.find((e) => e.code === code && e.productId === productId)?.checked ?? false);
  const result = useAssist((s) => (claimId ? s.results[claimId] : undefined));
  const load = useAssist((s) => s.load);
  const showEvidence = useStore((s) => s.viewer.showEvidence);
  const tick = useStore((s) => s.review.tickWithNote);
  // The result comes with the claim (claim.get); asked for only when that answer had none.
  const shownId = useStore((s) => s.claim.view?.claim.id);
  useEffect(() => {
    if (claimId && shownId === claimId && !useAssist.getState().results[claimId]) void load(claimId);
  }, [claimId, shownId, load]);
  const s = suggestionFor(result, code, productId);
  if (!s || (s.verdict === 'clear' && !s.evidence.length)) return null;
  const line = t(`message.${s.message.key}`, { ...s.message.params, defaultValue: s.reason });
  const ev = s.evidence[0] ?? null;
  const canAccept = s.verdict === 'applies' && !checked && !disabled;
  const accept = () => {
    if (canAccept)
      void tick(
        code,
        productId,
        acceptNote(s, line, (page) => t('page', { page })),
      );
  };
  return (
    <div
      className={`assist-suggestion ${s.verdict}`}
      data-testid={`suggestion-${code}-${productId ?? 'claim'}`}
      tabIndex={0}
      onKeyDown={(e) => {
        if ((e.key === 'a' || e.key === 'A') && !e.ctrlKey && !e.metaKey && !e.altKey) {
          // A on a focused suggestion accepts it; it must not reach the global A (approve) shortcut
          e.preventDefault();
          e.stopPropagation();
          accept();
        }
      }}
      aria-label={t(`verdict.${s.verdict}`) + ': ' + line}
    >
      <span className="assist-icon" aria-hidden="true">
        {ICON[s.verdict]}
      </span>
      <span className="assist-text">
        <span className="assist-verdict">{t(`verdict.${s.verdict}`)}</span> {line}
      </span>
      {ev ? (
        <button type="button" className="link-button small" onClick={() => showEvidence({ sha256: ev.sha256, page: ev.page, rect: ev.rect })}>
          {t('evidence', { page: ev.page })}
        </button>
      ) : null}
      {canAccept ? (
        <button type="button" className="small assist-accept" onClick={accept} title={t('acceptHint')}>
          {t('accept')} <kbd>A</kbd>
        </button>
      ) : null}
    </div>
  );
}
