// A reviewer's audits of their own decisions (the learning loop): per decision, each finding with
// their answer, the QA lead's answer, agree or disagree, and the QA lead's note; and their own figures.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../../shared/contracts';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { useAnswerLabel, useTargetLabel } from './FindingsForm';
import { useAuditNumbers } from './useAuditFormat';
import './audit-screen.css';
import './audit-stats.css';
import './my-audits.css';

function AuditCard({ audit }: { audit: AuditRecord }) {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const target = useTargetLabel();
  const answer = useAnswerLabel();
  const titleId = `my-audit-${audit.id}`;
  return (
    <article className="my-audit" aria-labelledby={titleId} data-claim-id={audit.claimId}>
      <header className="my-audit-header">
        <h3 id={titleId} className="row-line">
          <span className="claim-id">{audit.claimId}</span>
          <span className={`badge decision-kind kind-${audit.decision.kind}`}>{t(`kind.${audit.decision.kind}`)}</span>
          {audit.findings.find((x) => x.target === 'decision')?.verdict === 'disagree' ? <span className="marker conflict">{t('list.overturned')}</span> : null}
          {audit.corrects ? <span className="badge">{t('records.correction')}</span> : null}
        </h3>
        <p className="small">
          <span className="strong">{audit.partnerName}</span> <span className="muted">→</span> {audit.customerName}
        </p>
        <p className="small muted">
          {t('panel.decided', { when: f.dateTime(audit.decision.at), reviewer: audit.decision.reviewer.name })} ·{' '}
          {t('mine.auditedBy', { name: audit.auditor.name, when: f.dateTime(audit.submittedAt) })}
        </p>
      </header>
      <table className="audit-table findings-table">
        <colgroup>
          <col className="finding-col" />
          <col className="answer-col" />
          <col className="answer-col" />
          <col className="verdict-col" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('findings.finding')}</th>
            <th scope="col">{t('mine.yours')}</th>
            <th scope="col">{t('mine.qaLead')}</th>
            <th scope="col">{t('findings.verdict')}</th>
            <th scope="col">{t('findings.note')}</th>
          </tr>
        </thead>
        <tbody>
          {audit.findings.map((x) => (
            <tr key={x.target} className={`verdict-${x.verdict}`} data-target={x.target}>
              <th scope="row">{target(x.target)}</th>
              <td>{answer(x.reviewerAnswer)}</td>
              <td>{answer(x.answer)}</td>
              <td>
                <span className={`badge verdict-badge verdict-${x.verdict}`}>{t(`verdict.${x.verdict}`)}</span>
              </td>
              <td className="note-cell">{x.note ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

export function MyAuditsScreen() {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const n = useAuditNumbers();
  const mine = useStore((s) => s.audit.mine);
  const stats = useStore((s) => s.audit.mineStats);
  const status = useStore((s) => s.audit.mineStatus);
  const error = useStore((s) => s.audit.mineError);
  const load = useStore((s) => s.audit.loadMine);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="page-view my-audits" aria-labelledby="my-audits-title">
      <header className="page-header wide">
        <h2 id="my-audits-title">{t('mine.title')}</h2>
        <p className="muted">{t('mine.intro')}</p>
        {stats && stats.overall.audited > 0 ? (
          <p className="strong" data-testid="my-audit-summary">
            {t('mine.summary', { audited: stats.overall.audited, agreement: n.percent(stats.overall.agreementRate), overturned: stats.overall.overturned })}
          </p>
        ) : null}
        {mine?.offline && mine.asOf ? <p className="hint small">{t('mine.offline', { when: f.dateTime(mine.asOf) })}</p> : null}
      </header>
      {status === 'error' ? <p className="form-error">{error}</p> : null}
      {mine && mine.audits.length === 0 ? <p className="empty-state">{t('mine.empty')}</p> : null}
      {!mine && status === 'loading' ? <p className="empty-state">{t('stats.loading')}</p> : null}
      <div className="my-audit-list" aria-label={t('mine.list')} role="list">
        {mine?.audits.map((a) => (
          <div role="listitem" key={a.id}>
            <AuditCard audit={a} />
          </div>
        ))}
      </div>
    </section>
  );
}
