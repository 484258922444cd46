// Audit statistics: headline figures, charts (agreement per reviewer, per finding with Cohen's kappa,
// and the trend over ISO weeks) drawn with recharts, each followed by its table, the PoE assist's precision
// per reason, and the CSV exports.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AuditStats } from '../../../shared/contracts';
import { useFormat } from '../../i18n/format';
import { useStore } from '../../store';
import { AssistPrecisionTable } from './AssistPrecisionTable';
import { ExportButtons } from './ExportButtons';
import { RatesEditor } from './RatesEditor';
import { DecisionFilterFields, type DecisionFilter } from './DecisionFilterFields';
import { StatsTable } from './StatsTable';
import { useTargetLabel } from './FindingsForm';
import { dayStart, useAuditNumbers } from './useAuditFormat';
import './audit-screen.css';
import './audit-stats.css';

const ACCENT = '#1d58c2';
const SECOND = '#13693f';
const WARN = '#a8231b';
const AXIS = { fontSize: 11, fill: '#56616e' };

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat-card" data-testid={testId}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

function Charts({ stats }: { stats: AuditStats }) {
  const { t } = useTranslation('audit');
  const n = useAuditNumbers();
  const target = useTargetLabel();
  const pct = (v: unknown) => (typeof v === 'number' ? n.percent(v) : String(v));
  const reviewers = stats.byReviewer.map((r) => ({ name: r.reviewer.name, agreement: r.agreementRate ?? 0, decisions: r.decisionAgreementRate ?? 0 }));
  // Statistics cached before product findings existed have no per-product figures.
  const products = (stats.byProduct as AuditStats['byProduct'] | undefined) ?? [];
  const reasons = stats.byReason.map((r) => ({ name: target(r.target), agreement: r.agreementRate ?? 0, kappa: r.kappa }));
  const weeks = stats.byWeek.map((w) => ({ name: w.week, agreement: w.agreementRate ?? 0, overturned: w.overturned }));
  return (
    <div className="chart-grid">
      <figure className="chart-card" aria-labelledby="chart-reviewer-title">
        <figcaption id="chart-reviewer-title" className="section-title">
          {t('stats.byReviewer')}
        </figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={reviewers} title={t('stats.chartByReviewer')} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={AXIS} interval={0} />
            <YAxis domain={[0, 1]} tickFormatter={pct} tick={AXIS} width={48} />
            <Tooltip formatter={pct} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="agreement" name={t('stats.agreement')} fill={ACCENT} isAnimationActive={false} />
            <Bar dataKey="decisions" name={t('stats.decisionAgreement')} fill={SECOND} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        <StatsTable
          testId="table-by-reviewer"
          columns={[
            { label: t('stats.reviewer') },
            { label: t('stats.audited') },
            { label: t('stats.agreement') },
            { label: t('stats.kappa') },
            { label: t('stats.overturned') },
          ]}
          rows={stats.byReviewer.map((r) => ({
            key: r.reviewer.id,
            label: r.reviewer.name,
            cells: [r.audited, n.percent(r.agreementRate), n.kappa(r.kappa), r.overturned],
          }))}
        />
      </figure>
      <figure className="chart-card" aria-labelledby="chart-reason-title">
        <figcaption id="chart-reason-title" className="section-title">
          {t('stats.byReason')}
        </figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={reasons} layout="vertical" title={t('stats.chartByReason')} margin={{ top: 4, right: 12, bottom: 4, left: 4 }} barGap={1}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} tick={AXIS} tickFormatter={(v: number) => n.kappa(v)} />
            <YAxis type="category" dataKey="name" tick={{ ...AXIS, fontSize: 10.5 }} width={150} interval={0} />
            <Tooltip formatter={(v, key) => (key === t('stats.kappa') ? (typeof v === 'number' ? n.kappa(v) : t('stats.none')) : pct(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="agreement" name={t('stats.agreement')} fill={ACCENT} barSize={8} isAnimationActive={false} />
            <Bar dataKey="kappa" name={t('stats.kappa')} fill={SECOND} barSize={8} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        <StatsTable
          testId="table-by-reason"
          caption={t('stats.table')}
          columns={[
            { label: t('findings.finding') },
            { label: t('stats.findings') },
            { label: t('stats.agreement') },
            { label: t('stats.kappa') },
            { label: '✓✓ / ✓✗ / ✗✓ / ✗✗', title: t('stats.table') },
          ]}
          rows={stats.byReason.map((r) => ({
            key: r.target,
            label: target(r.target),
            data: { 'data-target': r.target },
            cells: [
              r.findings,
              n.percent(r.agreementRate),
              n.kappa(r.kappa),
              <span className="mono small">{r.table ? `${r.table.both} / ${r.table.reviewerOnly} / ${r.table.qaOnly} / ${r.table.neither}` : '—'}</span>,
            ],
          }))}
        />
        {products.length > 0 ? (
          <StatsTable
            testId="table-by-product"
            caption={t('stats.byProduct')}
            columns={[{ label: t('stats.product') }, { label: t('stats.findings') }, { label: t('stats.agreement') }]}
            rows={products.map((p) => ({ key: p.productName, label: p.productName, cells: [p.findings, n.percent(p.agreementRate)] }))}
          />
        ) : null}
      </figure>
      <figure className="chart-card wide" aria-labelledby="chart-trend-title">
        <figcaption id="chart-trend-title" className="section-title">
          {t('stats.trend')}
        </figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart data={weeks} title={t('stats.chartTrend')} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={AXIS} />
            <YAxis yAxisId="rate" domain={[0, 1]} tickFormatter={pct} tick={AXIS} width={48} />
            <YAxis yAxisId="count" orientation="right" allowDecimals={false} tick={AXIS} width={32} />
            <Tooltip formatter={(v, key) => (key === t('stats.overturned') ? String(v) : pct(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="count" dataKey="overturned" name={t('stats.overturned')} fill={WARN} barSize={18} isAnimationActive={false} />
            <Line
              yAxisId="rate"
              type="monotone"
              dataKey="agreement"
              name={t('stats.agreement')}
              stroke={ACCENT}
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
        <StatsTable
          testId="table-by-week"
          columns={[
            { label: t('stats.week') },
            { label: t('stats.audited') },
            { label: t('stats.agreement') },
            { label: t('stats.kappa') },
            { label: t('stats.overturned') },
          ]}
          rows={stats.byWeek.map((w) => ({ key: w.week, label: w.week, cells: [w.audited, n.percent(w.agreementRate), n.kappa(w.kappa), w.overturned] }))}
        />
      </figure>
    </div>
  );
}

export function AuditStatsScreen() {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const n = useAuditNumbers();
  const result = useStore((s) => s.audit.stats);
  const status = useStore((s) => s.audit.statsStatus);
  const error = useStore((s) => s.audit.statsError);
  const load = useStore((s) => s.audit.loadStats);
  const loadReviewers = useStore((s) => s.audit.loadReviewers);
  const [period, setPeriod] = useState<DecisionFilter>({ from: '', to: '', reviewer: '' });
  const { from, to, reviewer } = period;

  const query = () => ({
    ...(from ? { from: dayStart(from, f.timeZone) } : {}),
    ...(to ? { to: dayStart(to, f.timeZone) } : {}),
    ...(reviewer ? { reviewerId: reviewer } : {}),
  });

  // Loaded when the screen opens; the filter form reloads on demand.
  useEffect(() => {
    void load();
    void loadReviewers();
  }, [load, loadReviewers]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(query());
  };

  const stats = result?.stats;
  return (
    <section className="page-view audit-stats" aria-labelledby="audit-stats-title">
      <header className="page-header wide">
        <h2 id="audit-stats-title">{t('stats.title')}</h2>
        <p className="muted">{t('stats.intro')}</p>
      </header>
      <div className="stats-toolbar">
        <form className="stats-filters" onSubmit={submit} aria-label={t('stats.filters')}>
          <DecisionFilterFields value={period} onChange={setPeriod} />
          <button type="submit" className="secondary-button" disabled={status === 'loading'}>
            {t('stats.apply')}
          </button>
        </form>
        <ExportButtons />
      </div>
      {status === 'error' ? <p className="form-error">{error}</p> : null}
      {result ? (
        <p className={`small ${result.offline ? 'hint' : 'muted'}`}>
          {result.offline ? t('stats.offline', { when: f.dateTime(result.asOf) }) : t('stats.asOf', { when: f.dateTime(result.asOf) })}
        </p>
      ) : null}
      {!stats ? (
        <p className="empty-state">{status === 'loading' ? t('stats.loading') : null}</p>
      ) : (
        <>
          <div className="stat-cards">
            <Figure testId="stat-audited" label={t('stats.audited')} value={String(stats.overall.audited)} />
            <Figure testId="stat-agreement" label={t('stats.agreement')} value={n.percent(stats.overall.agreementRate)} />
            <Figure testId="stat-decision-agreement" label={t('stats.decisionAgreement')} value={n.percent(stats.overall.decisionAgreementRate)} />
            <Figure testId="stat-kappa" label={t('stats.kappa')} value={n.kappa(stats.overall.kappa)} />
            <Figure testId="stat-overturned" label={t('stats.overturned')} value={String(stats.overall.overturned)} />
          </div>
          {stats.overall.audited === 0 ? <p className="empty-state">{t('stats.empty')}</p> : <Charts stats={stats} />}
          <AssistPrecisionTable stats={stats} />
        </>
      )}
      <RatesEditor />
    </section>
  );
}
