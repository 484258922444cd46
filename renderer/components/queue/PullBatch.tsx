// "Pull batch": leases the next claims from the service, with a progress bar for claims and documents.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

export function PullBatch() {
  const { t } = useTranslation();
  const { t: to } = useTranslation('offline');
  const [forOffline, setForOffline] = useState(false);
  const pulling = useStore((s) => s.queue.pulling);
  const progress = useStore((s) => s.queue.progress);
  const pull = useStore((s) => s.queue.pullBatch);
  const size = useStore((s) => s.settings.value?.batchSize ?? 25);
  const offline = useStore((s) => s.sync.status?.connection === 'offline');

  const total = progress ? progress.claimsTotal + progress.documentsTotal : 0;
  const done = progress ? progress.claimsDone + progress.documentsDone : 0;
  return (
    <div className="pull-batch">
      <button
        type="button"
        className="primary-button wide"
        onClick={() => void pull(forOffline)}
        disabled={pulling || offline}
        title={offline ? t('queue.pullOffline') : undefined}
      >
        {pulling ? t('queue.pulling') : t('queue.pull', { size })}
      </button>
      <label className="small row-line" title={to('pull.forOfflineHint')}>
        <input type="checkbox" checked={forOffline} onChange={(e) => setForOffline(e.target.checked)} data-testid="pull-offline" />
        {to('pull.forOffline')}
      </label>
      {pulling && progress ? (
        <div className="pull-progress">
          <progress max={total || 1} value={total ? done : undefined} aria-label={t('queue.progressLabel')} />
          <span className="small muted" data-testid="pull-progress-text">
            {progress.phase === 'leasing'
              ? t('queue.phaseLeasing')
              : t('queue.progress', {
                  claimsDone: progress.claimsDone,
                  claimsTotal: progress.claimsTotal,
                  documentsDone: progress.documentsDone,
                  documentsTotal: progress.documentsTotal,
                })}
          </span>
        </div>
      ) : null}
    </div>
  );
}
