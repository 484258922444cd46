// Above a PDF pdf.js may not show in full: which pages, why, and "Open with system PDF reader" (the
// desktop app opens a cached copy; a browser downloads the file), so no decision rests on a silent gap.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../store/services';
import { useStore } from '../../store';

function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName.toLowerCase().endsWith('.pdf') ? fileName : `${fileName}.pdf`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ContentWarning() {
  const { t } = useTranslation('viewer');
  const problems = useStore((s) => s.viewer.pageProblems);
  const loaded = useStore((s) => s.viewer.loaded);
  const [outcome, setOutcome] = useState<'opened' | 'downloaded' | null>(null);
  const pages = Object.entries(problems)
    .filter(([, list]) => list.length > 0)
    .map(([p]) => Number(p))
    .sort((a, b) => a - b);
  if (pages.length === 0 || loaded?.kind !== 'pdf') return null;

  const open = async () => {
    const answer = await invoke('document.openExternal', { sha256: loaded.sha256 }).catch(() => ({ opened: false }));
    if (answer.opened) return setOutcome('opened');
    download(loaded.bytes, loaded.fileName);
    setOutcome('downloaded');
  };

  return (
    <div className="content-warning" role="alert">
      <div>
        <strong>{t('bannerTitle')}</strong> <span>{t('bannerPages', { pages: pages.join(', ') })}</span>
        <p className="small">{t('bannerAdvice')}</p>
        {outcome ? (
          <p className="small muted" aria-live="polite">
            {t(outcome)}
          </p>
        ) : null}
      </div>
      <button type="button" className="secondary-button" onClick={() => void open()}>
        {t('openExternal')}
      </button>
    </div>
  );
}
