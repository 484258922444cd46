// The findings of an audit, one group each (the decision, then every checklist reason): the reviewer's
// answer (hidden in a blind audit until every own answer is in), the QA lead's own answer, agree or
// disagree, and a note for the reviewer. Which answers exist and how they compare is shared/'s rule.
import { useDraft } from '../common/useDraft';
import { useTranslation } from 'react-i18next';
import type { AuditView, DraftFinding } from '../../../shared/contracts';
import { FINDING_TARGETS, VERDICTS, answersFor, type DecisionAnswer, type FindingAnswer, type FindingTarget } from '../../../shared/domain';
import { useStore } from '../../store';
import { Section } from '../common/Section';

export function useTargetLabel(): (target: FindingTarget) => string {
  const { t } = useTranslation('audit');
  const { t: tr } = useTranslation();
  return (target) => (target === 'decision' ? t('target.decision') : tr(`reason.${target}`));
}

export function useAnswerLabel(): (answer: FindingAnswer) => string {
  const { t } = useTranslation('audit');
  return (answer) => t(`answer.${String(answer) as 'approve'}`);
}

function NoteField({ claimId, finding, label }: { claimId: string; finding: DraftFinding; label: string }) {
  const { t } = useTranslation('audit');
  const record = useStore((s) => s.audit.record);
  const [text, setText] = useDraft(finding.note ?? '', claimId);
  const save = () => {
    if (text.trim() !== (finding.note ?? '')) void record([{ target: finding.target, note: text }]);
  };
  return (
    <textarea
      className="finding-note"
      rows={1}
      maxLength={4000}
      aria-label={t('findings.noteLabel', { finding: label })}
      placeholder={t('findings.notePlaceholder')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={save}
    />
  );
}

function Finding({ view, finding }: { view: AuditView; finding: DraftFinding }) {
  const { t } = useTranslation('audit');
  const label = useTargetLabel()(finding.target);
  const answerLabel = useAnswerLabel();
  const record = useStore((s) => s.audit.record);
  const saving = useStore((s) => s.audit.saving);
  const hidden = view.decision === null;
  const reviewer = view.reviewerAnswers?.find((a) => a.target === finding.target)?.answer;
  const id = `finding-${finding.target}`;
  const disputeOpen = view.claim.dispute !== null && view.claim.dispute.resolvedAt === null;
  const options: readonly DecisionAnswer[] = view.decision
    ? answersFor(view.decision.kind)
    : disputeOpen
      ? answersFor('resolve-dispute')
      : answersFor('approve');
  return (
    <fieldset
      className={`finding${finding.verdict === 'disagree' ? ' disagree' : ''}`}
      data-target={finding.target}
      aria-describedby={hidden ? undefined : `${id}-reviewer`}
    >
      <legend>{label}</legend>
      {hidden ? null : (
        <div className="finding-line">
          <p id={`${id}-reviewer`} className="finding-reviewer small">
            <span className="muted">{t('findings.reviewer')}:</span> <strong>{reviewer === undefined ? '—' : answerLabel(reviewer)}</strong>
          </p>
          <div className="segmented" role="radiogroup" aria-label={t('findings.verdictLabel', { finding: label })}>
            {VERDICTS.map((v) => (
              <label key={v} className={`segment verdict-${v}${finding.verdict === v ? ' active' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-verdict`}
                  value={v}
                  checked={finding.verdict === v}
                  disabled={saving}
                  onChange={() => void record([{ target: finding.target, verdict: v }])}
                />
                {t(`verdict.${v}`)}
              </label>
            ))}
          </div>
        </div>
      )}
      <div className="finding-line">
        <span className="small muted" id={`${id}-yours`}>
          {t('findings.yours')}:
        </span>
        {finding.target === 'decision' ? (
          <select
            aria-label={t('findings.answerLabel', { finding: label })}
            value={typeof finding.answer === 'string' ? finding.answer : ''}
            disabled={saving}
            onChange={(e) => e.target.value && void record([{ target: 'decision', answer: e.target.value as DecisionAnswer }])}
          >
            <option value="">{t('findings.choose')}</option>
            {options.map((o) => (
              <option key={o} value={o}>
                {answerLabel(o)}
              </option>
            ))}
          </select>
        ) : (
          <div className="segmented" role="radiogroup" aria-label={t('findings.answerLabel', { finding: label })}>
            {[true, false].map((v) => (
              <label key={String(v)} className={`segment${finding.answer === v ? ' active' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-answer`}
                  value={String(v)}
                  checked={finding.answer === v}
                  disabled={saving}
                  onChange={() => void record([{ target: finding.target, answer: v }])}
                />
                {answerLabel(v)}
              </label>
            ))}
          </div>
        )}
      </div>
      <NoteField claimId={view.item.claimId} finding={finding} label={label} />
    </fieldset>
  );
}

export function FindingsForm({ view }: { view: AuditView }) {
  const { t } = useTranslation('audit');
  const submit = useStore((s) => s.audit.submit);
  const discard = useStore((s) => s.audit.discard);
  const saving = useStore((s) => s.audit.saving);
  const draft = view.draft!;
  const findings = FINDING_TARGETS.map((target) => draft.findings.find((f) => f.target === target)!);
  const complete = findings.every((f) => f.answer !== null && f.verdict !== null);
  return (
    <Section id="findings-title" title={t('findings.title')} className="claim-section findings">
      {draft.corrects ? <p className="hint small">{t('findings.correcting')}</p> : null}
      {findings.map((f) => (
        <Finding key={f.target} view={view} finding={f} />
      ))}
      <div className="findings-actions">
        <button
          type="button"
          className="primary-button"
          disabled={!complete || saving}
          onClick={() => void submit()}
          aria-describedby={complete ? undefined : 'findings-incomplete'}
        >
          {draft.corrects ? t('findings.submitCorrection') : t('findings.submit')}
        </button>
        {draft.corrects ? (
          <button type="button" className="secondary-button" onClick={() => void discard()}>
            {t('records.cancelCorrection')}
          </button>
        ) : null}
        {complete ? null : (
          <span id="findings-incomplete" className="small muted">
            {t('findings.incomplete')}
          </span>
        )}
      </div>
    </Section>
  );
}
