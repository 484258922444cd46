// The claim beside its PoE: header (status, urgency), facts, deadlines, then checklist, comments,
// history and competing claims in tabs, and the decision bar at the bottom.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { DecisionBar } from '../review/DecisionBar';
import { ClaimFacts } from './ClaimFacts';
import { ClaimHeader } from './ClaimHeader';
import { ClaimLeaseNotice } from './ClaimLeaseNotice';
import { ClaimTabs } from './ClaimTabs';
import { DeadlinesList } from './DeadlinesList';
import { DecisionTarget } from './DecisionTarget';
import { DisputeEvidence } from './DisputeEvidence';
import '../../styles/cpor.css';

export function ClaimPanel() {
  const { t } = useTranslation();
  const claimId = useStore((s) => s.claim.view?.claim.id ?? null);
  const hasClaim = claimId !== null;
  const status = useStore((s) => s.claim.status);
  const error = useStore((s) => s.claim.error);
  return (
    <section id="claim-panel" className="claim-panel panel" aria-labelledby="claim-title" tabIndex={-1}>
      {hasClaim ? (
        <>
          <ClaimHeader />
          <ClaimLeaseNotice />
          {/* Keyed by claim: each claim opens scrolled to its top. */}
          <div className="claim-scroll" key={claimId}>
            <ClaimFacts />
            <DisputeEvidence />
            <DecisionTarget />
            <DeadlinesList />
            <ClaimTabs />
          </div>
          <DecisionBar />
        </>
      ) : (
        <>
          <h2 id="claim-title" className="visually-hidden">
            {t('claim.title')}
          </h2>
          <p className="empty-state">{status === 'loading' ? t('common.loading') : error ? error : t('claim.none')}</p>
        </>
      )}
    </section>
  );
}
