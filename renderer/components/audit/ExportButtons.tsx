// The CSV exports of audits and statistics (with the statistics screen's filters). The desktop app asks
// where to save; in a browser the file downloads.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

export function ExportButtons() {
  const { t } = useTranslation('audit');
  const exporting = useStore((s) => s.audit.exporting);
  const exportCsv = useStore((s) => s.audit.exportCsv);
  const offline = useStore((s) => s.sync.status?.connection === 'offline');
  return (
    <div className="export-buttons">
      {(['audits', 'stats'] as const).map((kind) => (
        <button key={kind} type="button" className="secondary-button" disabled={exporting !== null || offline} onClick={() => void exportCsv(kind)}>
          {exporting === kind ? t('export.exporting') : t(`export.${kind}`)}
        </button>
      ))}
    </div>
  );
}
