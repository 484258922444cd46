// One tab per PoE document of the claim (file name, type); arrow keys move between tabs.
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { Icon } from '../common/Icon';

export function DocumentTabs() {
  const { t } = useTranslation();
  const f = useFormat();
  const documents = useStore((s) => s.viewer.documents);
  const index = useStore((s) => s.viewer.index);
  const select = useStore((s) => s.viewer.selectDocument);

  const onKeyDown = (e: KeyboardEvent) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + documents.length) % documents.length;
    select(next);
    document.getElementById(`doc-tab-${next}`)?.focus();
  };

  return (
    <div className="document-tabs" role="tablist" aria-label={t('viewer.documents')} onKeyDown={onKeyDown}>
      {documents.map((d, i) => (
        <button
          key={d.sha256}
          id={`doc-tab-${i}`}
          type="button"
          role="tab"
          aria-selected={i === index}
          aria-controls="page-stage"
          tabIndex={i === index ? 0 : -1}
          className={`document-tab${i === index ? ' active' : ''}`}
          onClick={() => select(i)}
          title={t('viewer.uploaded', { when: f.dateTime(d.uploadedAt), size: Math.max(1, Math.round(d.size / 1024)) })}
        >
          <Icon name="document" size={12} />
          <span className="truncate">{d.fileName}</span>
          <span className="doc-type">{d.mediaType === 'application/pdf' ? 'PDF' : d.mediaType === 'image/png' ? 'PNG' : 'JPEG'}</span>
        </button>
      ))}
    </div>
  );
}
