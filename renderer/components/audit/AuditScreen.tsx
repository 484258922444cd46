// The QA lead's audit screen: sample form and sampled decisions on the left, the PoE in the middle (the
// review screen's viewer), the audit and the claim as the reviewer had it on the right.
import { useTranslation } from 'react-i18next';
import { PoeViewer } from '../viewer/PoeViewer';
import { AuditList } from './AuditList';
import { AuditPanel } from './AuditPanel';
import { SamplePuller } from './SamplePuller';
import './audit-screen.css';
import './findings.css';

export function AuditScreen() {
  const { t } = useTranslation('audit');
  return (
    <div className="three-pane audit-screen">
      <aside className="audit-sidebar panel" aria-label={t('list.label')}>
        <SamplePuller />
        <AuditList />
      </aside>
      <PoeViewer />
      <AuditPanel />
    </div>
  );
}
