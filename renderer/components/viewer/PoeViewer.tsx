// The PoE in the middle of the screen: one tab per document of the claim, the toolbar (pages, zoom,
// rotate, layout, search), a warning when pages may not be shown in full, page thumbnails, and the
// document itself (PDF or image) or why it cannot be shown.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { ContentWarning } from './ContentWarning';
import { DocumentTabs } from './DocumentTabs';
import { PageStage } from './PageStage';
import { PageThumbnails } from './PageThumbnails';
import { ViewerToolbar } from './ViewerToolbar';

export function PoeViewer() {
  const { t } = useTranslation();
  const count = useStore((s) => s.viewer.documents.length);
  const hasClaim = useStore((s) => s.claim.currentId !== null);
  const failed = useStore((s) => s.viewer.status === 'error');
  return (
    <section className="poe-viewer" aria-label={t('viewer.label')}>
      {count > 0 ? (
        <>
          <DocumentTabs />
          {failed ? null : <ViewerToolbar />}
          <ContentWarning />
          <div className="viewer-body">
            <PageThumbnails />
            <PageStage />
          </div>
        </>
      ) : (
        <p className="empty-state viewer-empty">{hasClaim ? t('viewer.noDocuments') : t('viewer.noClaim')}</p>
      )}
    </section>
  );
}
