// The area the PoE is drawn in: loading, the PDF in pdf.js's viewer or the image, or why the document
// cannot be shown (the rest of the claim stays usable). Its size drives the image's fit zooms.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { useElementSize } from '../common/useElementSize';
import { DocumentProblem } from './DocumentProblem';
import { ImageDocument } from './ImageDocument';
import { PdfDocumentView } from './PdfDocumentView';

export function PageStage() {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const box = useElementSize(ref);
  const status = useStore((s) => s.viewer.status);
  const loaded = useStore((s) => s.viewer.loaded);
  return (
    <div
      id="page-stage"
      ref={ref}
      className="page-stage"
      role="tabpanel"
      aria-label={loaded?.fileName ?? t('viewer.label')}
      data-document={loaded?.sha256}
      tabIndex={0}
      aria-busy={status === 'loading'}
    >
      {status === 'loading' ? <p className="empty-state">{t('viewer.loading')}</p> : null}
      {status === 'error' ? <DocumentProblem /> : null}
      {status === 'ready' && loaded?.kind === 'pdf' ? (
        <PdfDocumentView key={loaded.sha256} sha256={loaded.sha256} pdf={loaded.pdf} bytes={loaded.bytes} pageCount={loaded.pageCount} />
      ) : null}
      {status === 'ready' && loaded?.kind === 'image' ? <ImageDocument image={loaded} box={box} /> : null}
    </div>
  );
}
