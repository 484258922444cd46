// The open audit beside the PoE: the sampled decision (or why it is hidden), the findings form, the
// audits already made of it with their corrections, then the claim as the reviewer had it: facts,
// messages and history, with the review screen's own claim components.
import { useTranslation } from 'react-i18next';
import type { AuditRecord, AuditView } from '../../../shared/contracts';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { ClaimFacts } from '../claim/ClaimFacts';
import { HistoryList } from '../claim/HistoryList';
import { AuditProducts } from './AuditProducts';
import { FindingsForm, useAnswerLabel, useTargetLabel } from './FindingsForm';
import { Section } from '../common/Section';

function DecisionSummary({ view }: { view: AuditView }) {
  const { t } = useTranslation('audit');
  const { t: tr } = useTranslation();
  const f = useFormat();
  const d = view.decision;
  if (!d) {
    return (
      <Section id="decision-title" title={t('panel.decision')} className="claim-section">
        <p className="hint small" data-testid="decision-hidden">
          {t('panel.hiddenDecision')}
        </p>
      </Section>
    );
  }
  return (
    <Section id="decision-title" title={t('panel.decision')} className="claim-section" testId="audited-decision">
      <p className="row-line">
        <span className={`badge decision-kind kind-${d.kind}`}>{t(`kind.${d.kind}`)}</span>
        {d.kind === 'resolve-dispute' ? <span className="strong">{t(`answer.${d.answer}`)}</span> : null}
        <span className="small muted">{t('panel.decided', { when: f.dateTime(d.at), reviewer: d.reviewer.name })}</span>
      </p>
      <dl className="facts compact">
        {d.rejectionReason ? (
          <>
            <dt>{t('panel.rejectionReason')}</dt>
            <dd>{tr(`rejection.${d.rejectionReason}`)}</dd>
          </>
        ) : null}
        <dt>{t('panel.ticked')}</dt>
        <dd>{d.reasons.length ? d.reasons.map((r) => tr(`reason.${r}`)).join(' · ') : <span className="muted">{t('panel.noneTicked')}</span>}</dd>
      </dl>
      {d.message ? (
        <>
          <p className="small muted">{t('panel.message')}</p>
          <p className="quote">{d.message}</p>
        </>
      ) : null}
    </Section>
  );
}

function RecordCard({ record }: { record: AuditRecord }) {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const target = useTargetLabel();
  const answer = useAnswerLabel();
  const agreed = record.findings.filter((x) => x.verdict === 'agree').length;
  return (
    <li className={`audit-record${record.correctedBy ? ' superseded' : ''}`}>
      <div className="row-line small">
        <span className="strong">{t('records.submitted', { auditor: record.auditor.name, when: f.dateTime(record.submittedAt) })}</span>
        <span className="spacer" />
        {record.blind ? <span className="badge">{t('records.blind')}</span> : null}
        {record.corrects ? <span className="badge">{t('records.correction')}</span> : null}
        <span className={`badge ${record.correctedBy ? 'superseded-badge' : 'current-badge'}`}>
          {record.correctedBy ? t('records.corrected') : t('records.current')}
        </span>
      </div>
      <p className="small muted">{t('records.agreed', { agreed, total: record.findings.length })}</p>
      <ul className="record-findings">
        {record.findings.map((x) => (
          <li key={x.target} className={`verdict-${x.verdict}`}>
            <span className="strong">{target(x.target)}</span>: {t(`verdict.${x.verdict}`)}
            {x.verdict === 'disagree' ? <span className="muted"> ({answer(x.answer)})</span> : null}
            {x.note ? <span className="record-note"> — {x.note}</span> : null}
          </li>
        ))}
      </ul>
    </li>
  );
}

function AuditRecords({ view }: { view: AuditView }) {
  const { t } = useTranslation('audit');
  const correct = useStore((s) => s.audit.correct);
  const discard = useStore((s) => s.audit.discard);
  const saving = useStore((s) => s.audit.saving);
  const canCorrect = view.records.some((r) => r.correctedBy === null) && !view.draft && !view.outbox;
  if (view.records.length === 0 && !view.outbox) return null;
  return (
    <Section id="records-title" title={t('records.title')} className="claim-section">
      {view.outbox?.state === 'pending' ? <p className="marker pending">{t('records.pending')}</p> : null}
      {view.outbox && view.outbox.state !== 'pending' ? (
        <div className="form-error" role="alert">
          <p>{t('records.refused', { reason: view.outbox.problem?.detail ?? '' })}</p>
          <button type="button" className="secondary-button" onClick={() => void discard()} disabled={saving}>
            {t('records.discard')}
          </button>
        </div>
      ) : null}
      <ol className="audit-records">
        {view.records.map((r) => (
          <RecordCard key={r.id} record={r} />
        ))}
      </ol>
      {canCorrect ? (
        <button type="button" className="secondary-button" onClick={() => void correct()} disabled={saving}>
          {t('records.correct')}
        </button>
      ) : null}
    </Section>
  );
}

function Messages({ view }: { view: AuditView }) {
  const { t } = useTranslation('audit');
  const { t: tr } = useTranslation();
  const f = useFormat();
  return (
    <Section id="messages-title" title={t('panel.messages')} className="claim-section">
      {view.claim.comments.length === 0 ? (
        <p className="small muted">{t('panel.noMessages')}</p>
      ) : (
        <ol className="audit-messages">
          {view.claim.comments.map((c) => (
            <li key={c.seq}>
              <p className="row-line small muted">
                <span>
                  {c.author.name} · {tr(`role.${c.author.role}`)}
                </span>
                <span className="spacer" />
                <time dateTime={c.at}>{f.dateTime(c.at)}</time>
              </p>
              <p className="quote">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function AuditPanel() {
  const { t } = useTranslation('audit');
  const view = useStore((s) => s.audit.view);
  const status = useStore((s) => s.audit.status);
  const error = useStore((s) => s.audit.error);
  const blind = useStore((s) => s.audit.blind);
  const setBlind = useStore((s) => s.audit.setBlind);
  const open = useStore((s) => s.audit.open);
  if (!view) {
    return (
      <section id="claim-panel" className="claim-panel audit-panel panel" aria-labelledby="claim-title" tabIndex={-1}>
        <h2 id="claim-title" className="visually-hidden">
          {t('panel.label')}
        </h2>
        <p className="empty-state">{status === 'loading' ? t('stats.loading') : (error ?? t('panel.none'))}</p>
      </section>
    );
  }
  const toggleBlind = (on: boolean) => {
    setBlind(on);
    void open(view.item.claimId);
  };
  return (
    <section id="claim-panel" className="claim-panel audit-panel panel" aria-labelledby="claim-title" tabIndex={-1}>
      <header className="claim-header">
        <div className="row-line">
          <h2 id="claim-title" className="claim-title">
            {view.item.claimId}
          </h2>
          <span className={`badge audit-state state-${view.item.state}`}>{t(`state.${view.item.state}`)}</span>
          <span className="spacer" />
          {/* Which stratum drew it ("Rejections") would tell the decision: shown only once the decision is. */}
          {view.decision ? (
            <span className="small muted" data-testid="audit-stratum">
              {t('panel.sampled', { stratum: t(`stratum.${view.item.stratum}`) })}
            </span>
          ) : null}
        </div>
        <div className="row-line">
          <span className="strong truncate">{view.claim.partner.name}</span>
          <span className="muted">→</span>
          <span className="truncate">{view.claim.customer.name}</span>
        </div>
        <label className="check small" title={t('panel.blindHint')}>
          <input type="checkbox" checked={blind} onChange={(e) => toggleBlind(e.target.checked)} aria-describedby="blind-hint" />
          {t('panel.blind')}
          <span id="blind-hint" className="visually-hidden">
            {t('panel.blindHint')}
          </span>
        </label>
      </header>
      <div className="claim-scroll" key={view.item.claimId}>
        <DecisionSummary view={view} />
        <AuditProducts view={view} />
        {view.draft ? <FindingsForm view={view} /> : null}
        <AuditRecords view={view} />
        <ClaimFacts />
        <Messages view={view} />
        <Section id="audit-history-title" title={t('panel.history')} className="claim-section">
          <HistoryList />
        </Section>
      </div>
    </section>
  );
}
