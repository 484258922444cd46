// On a rejected claim with a dispute: which PoE documents are new since the rejection (shared/domain's
// documentsSinceRejection), so the reviewer decides the dispute on the updated PoE, not on text alone.
import { useTranslation } from 'react-i18next';
import { documentsSinceRejection } from '../../../shared/domain';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { Section } from '../common/Section';

export function DisputeEvidence() {
  const { t } = useTranslation('cpor');
  const f = useFormat();
  const claim = useStore((s) => s.claim.view?.claim);
  if (!claim || claim.status !== 'rejected' || !claim.dispute) return null;
  const fresh = new Set(documentsSinceRejection(claim.history));
  const docs = claim.documents.filter((d) => fresh.has(d.sha256));
  return (
    <Section id="dispute-evidence-title" title={t('evidence.title')} className="claim-section dispute-evidence" testId="dispute-evidence">
      {docs.length === 0 ? (
        <p className="small muted">{t('evidence.none')}</p>
      ) : (
        <ul className="small">
          {docs.map((d) => (
            <li key={d.sha256}>
              <span className="marker new-poe">NEW</span> {t('evidence.file', { name: d.fileName, when: f.dateTime(d.uploadedAt) })}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
