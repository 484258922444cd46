// The claim's facts as the partner entered them: partner and MPN ID, customer, tenant, domain,
// subscription, activity type, submission date and both contacts.
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/contracts';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { AcknowledgementFact, MatchBadge } from '../assist/AssistFacts';
import { Section } from '../common/Section';

function ContactLine({ contact }: { contact: Contact }) {
  return (
    <>
      {contact.name}
      {contact.phone ? <span className="muted"> · {contact.phone}</span> : null}
      <br />
      <a href={`mailto:${contact.email}`} className="small">
        {contact.email}
      </a>
    </>
  );
}

export function ClaimFacts() {
  const { t } = useTranslation();
  const f = useFormat();
  const claim = useStore((s) => s.claim.view?.claim);
  if (!claim) return null;
  return (
    <Section id="facts-title" title={t('claim.facts')} className="claim-section">
      <dl className="facts">
        <dt>{t('claim.partner')}</dt>
        <dd>{claim.partner.name}</dd>
        <dt>{t('claim.mpnId')}</dt>
        <dd className="mono">{claim.partner.mpnId}</dd>
        <dt>{t('claim.customer')}</dt>
        <dd>
          {claim.customer.name}
          <MatchBadge field="name" />
        </dd>
        <dt>{t('claim.tenantId')}</dt>
        <dd className="mono tenant">
          {claim.customer.tenantId}
          <MatchBadge field="tenantId" />
        </dd>
        <dt>{t('claim.domain')}</dt>
        <dd className="mono">
          {claim.customer.domain}
          <MatchBadge field="domain" />
        </dd>
        <dt>{t('claim.subscription')}</dt>
        <dd className="mono small">{claim.subscriptionId ?? <span className="muted">{t('common.none')}</span>}</dd>
        <dt>{t('claim.activity')}</dt>
        <dd>{t(`activity.${claim.activity}`)}</dd>
        <dt>{t('claim.submitted')}</dt>
        <dd>{claim.submittedAt ? f.dateTime(claim.submittedAt) : <span className="muted">{t('common.none')}</span>}</dd>
        <AcknowledgementFact />
        <dt>{t('claim.customerContact')}</dt>
        <dd>
          <ContactLine contact={claim.customerContact} />
        </dd>
        <dt>{t('claim.partnerContact')}</dt>
        <dd>
          <ContactLine contact={claim.partnerContact} />
        </dd>
      </dl>
    </Section>
  );
}
