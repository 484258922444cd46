// Why a PoE document cannot be shown, in the reviewer's words, with a retry; the claim stays usable.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

export function DocumentProblem() {
  const { t } = useTranslation();
  const failure = useStore((s) => s.viewer.failure);
  const fileName = useStore((s) => s.viewer.documents[s.viewer.index]?.fileName ?? '');
  const retry = useStore((s) => s.viewer.retry);
  if (!failure) return null;
  return (
    <div className="document-problem" role="alert">
      <h3>{t('viewer.problemTitle', { file: fileName })}</h3>
      <p>{t(`viewer.problem.${failure.reason}`)}</p>
      <p className="muted small">{t('viewer.problemClaimUsable')}</p>
      <details className="small muted">
        <summary>{t('viewer.problemDetails')}</summary>
        <code>{failure.detail}</code>
      </details>
      <button type="button" className="secondary-button" onClick={retry}>
        {t('viewer.retry')}
      </button>
    </div>
  );
}
