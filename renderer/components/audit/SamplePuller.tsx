// The QA lead's sample form: random or stratified by reviewer, a seed (the same seed over the same
// decisions draws the same sample), and filters by period, reviewer, decision and reason.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_REASONS, DECISION_KINDS, type DecisionKind } from '../../../shared/contracts';
import { CHECKLIST_REASONS, REJECTION_REASONS } from '../../../shared/domain';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import type { SampleInput } from '../../store/audit';
import { DecisionFilterFields, type DecisionFilter } from './DecisionFilterFields';
import { dayStart, useAuditNumbers } from './useAuditFormat';

const newSeed = () => Math.floor(Math.random() * 1_000_000);

/** A whole number from `min` to 1,000, kept in range as it is typed. */
function CountField({ label, min, value, onChange }: { label: string; min: number; value: number; onChange: (n: number) => void }) {
  return (
    <label className="mini-field">
      {label}
      <input
        type="number"
        min={min}
        max={1000}
        value={value}
        onChange={(e) => onChange(Math.max(min, Math.min(1000, Math.round(Number(e.target.value)) || min)))}
      />
    </label>
  );
}

export function SamplePuller() {
  const { t } = useTranslation('audit');
  const { t: tr } = useTranslation();
  const f = useFormat();
  const n = useAuditNumbers();
  const defaults = useStore((s) => s.audit.defaults);
  const pulling = useStore((s) => s.audit.pulling);
  const offline = useStore((s) => s.sync.status?.connection === 'offline');
  const pull = useStore((s) => s.audit.pull);
  const [mode, setMode] = useState<'random' | 'stratified'>('stratified');
  const [seed, setSeed] = useState(newSeed);
  const [size, setSize] = useState(10);
  const [minimum, setMinimum] = useState(1);
  const [period, setPeriod] = useState<DecisionFilter>({ from: '', to: '', reviewer: '' });
  const { from, to, reviewer } = period;
  const [kind, setKind] = useState('');
  const [reason, setReason] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const spec: SampleInput = {
      seed,
      mode,
      ...(mode === 'random' ? { size } : { minPerReviewer: minimum }),
      ...(from ? { from: dayStart(from, f.timeZone) } : {}),
      ...(to ? { to: dayStart(to, f.timeZone) } : {}),
      ...(reviewer ? { reviewerIds: [reviewer] } : {}),
      ...(kind ? { kinds: [kind as DecisionKind] } : {}),
      ...(reason ? { reasons: [reason] } : {}),
    };
    if (await pull(spec)) setSeed(newSeed());
  };

  const reasonLabel = (r: string) =>
    (CHECKLIST_REASONS as readonly string[]).includes(r) ? tr(`reason.${r}` as 'reason.missing-product') : tr(`rejection.${r}` as 'rejection.insufficient-poe');

  return (
    <form className="sample-form" onSubmit={(e) => void submit(e)} aria-labelledby="sample-title">
      <h2 id="sample-title" className="section-title">
        {t('pull.title')}
      </h2>
      <fieldset className="segmented" aria-label={t('pull.mode')}>
        <legend className="visually-hidden">{t('pull.mode')}</legend>
        {(['stratified', 'random'] as const).map((m) => (
          <label key={m} className={`segment${mode === m ? ' active' : ''}`}>
            <input type="radio" name="sample-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(`pull.${m}`)}
          </label>
        ))}
      </fieldset>
      <div className="sample-grid">
        {mode === 'random' ? (
          <CountField label={t('pull.size')} min={1} value={size} onChange={setSize} />
        ) : (
          <CountField label={t('pull.minPerReviewer')} min={0} value={minimum} onChange={setMinimum} />
        )}
        <label className="mini-field">
          {t('pull.seed')}
          <span className="seed-line">
            <input type="number" min={0} max={2147483647} value={seed} onChange={(e) => setSeed(Math.max(0, Math.round(Number(e.target.value)) || 0))} />
            <button type="button" className="text-button small" onClick={() => setSeed(newSeed())}>
              {t('pull.newSeed')}
            </button>
          </span>
        </label>
        <DecisionFilterFields value={period} onChange={setPeriod} />
        <label className="mini-field">
          {t('pull.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('pull.allKinds')}</option>
            {DECISION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="mini-field wide">
          {t('pull.reason')}
          <select value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">{t('pull.anyReason')}</option>
            <optgroup label={t('pull.checklistReasons')}>
              {CHECKLIST_REASONS.map((r) => (
                <option key={r} value={r}>
                  {reasonLabel(r)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('pull.rejectionReasons')}>
              {AUDIT_REASONS.filter((r) => !(CHECKLIST_REASONS as readonly string[]).includes(r) && (REJECTION_REASONS as readonly string[]).includes(r)).map(
                (r) => (
                  <option key={r} value={r}>
                    {reasonLabel(r)}
                  </option>
                ),
              )}
            </optgroup>
          </select>
        </label>
      </div>
      {mode === 'stratified' && defaults ? (
        <p className="small muted">
          {t('pull.rates', { newRate: n.percent(defaults.newRate), experiencedRate: n.percent(defaults.experiencedRate), factor: defaults.rejectionFactor })}
        </p>
      ) : null}
      <button type="submit" className="primary-button" disabled={pulling || offline} title={offline ? t('pull.offline') : undefined}>
        {pulling ? t('pull.pulling') : t('pull.submit')}
      </button>
    </form>
  );
}
