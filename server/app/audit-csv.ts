// QA audits and their statistics as CSV files: RFC 4180 (CRLF, quoted where needed) written by
// csv-stringify, UTF-8 with a byte-order mark so spreadsheet software reads zh-TW text correctly, and
// cells that would start a formula escaped (CSV injection).
import { stringify } from 'csv-stringify/sync';
import type { AuditRecord, AuditStats } from '../../shared/contracts';
import { allAudits, readableReviewer } from './audit-records';
import { auditStats } from './audit-stats';
import type { AppContext, Caller } from './context';

const OPTIONS = { header: true, bom: true, record_delimiter: 'windows', escape_formulas: true } as const;

/** Rates and kappa with four decimals; empty when undefined. */
const num = (v: number | null): number | string => (v === null ? '' : Math.round(v * 10_000) / 10_000);

export const AUDIT_COLUMNS = [
  'audit_id',
  'claim_id',
  'partner',
  'customer',
  'reviewer_id',
  'reviewer',
  'decision',
  'decided_at',
  'rejection_reason',
  'reviewer_reasons',
  'auditor',
  'submitted_at',
  'blind',
  'corrects',
  'corrected_by',
  'current',
  'finding',
  'product',
  'reviewer_answer',
  'qa_answer',
  'verdict',
  'note',
] as const;

export function auditsCsv(audits: readonly AuditRecord[]): string {
  const common = (a: AuditRecord) => ({
    audit_id: a.id,
    claim_id: a.claimId,
    partner: a.partnerName,
    customer: a.customerName,
    reviewer_id: a.decision.reviewer.id,
    reviewer: a.decision.reviewer.name,
    decision: a.decision.answer,
    decided_at: a.decision.at,
    rejection_reason: a.decision.rejectionReason ?? '',
    reviewer_reasons: a.decision.reasons.join(' '),
    auditor: a.auditor.name,
    submitted_at: a.submittedAt,
    blind: a.blind ? 'yes' : 'no',
    corrects: a.corrects ?? '',
    corrected_by: a.correctedBy ?? '',
    current: a.correctedBy === null ? 'yes' : 'no',
  });
  // One row per finding; a product finding's reviewer answer is the reasons ticked on it (no own QA answer).
  const rows = audits.flatMap((a) => [
    ...a.findings.map((f) => ({
      ...common(a),
      finding: f.target,
      product: '',
      reviewer_answer: String(f.reviewerAnswer),
      qa_answer: String(f.answer),
      verdict: f.verdict,
      note: f.note ?? '',
    })),
    ...a.productFindings.map((f) => ({
      ...common(a),
      finding: 'product',
      product: `${f.productName} (${f.productId})`,
      reviewer_answer: f.reviewerReasons.join(' '),
      qa_answer: '',
      verdict: f.verdict,
      note: f.note ?? '',
    })),
  ]);
  return stringify(rows, { ...OPTIONS, columns: [...AUDIT_COLUMNS] });
}

export const STATS_COLUMNS = [
  'scope',
  'key',
  'label',
  'audited',
  'findings',
  'agreed',
  'agreement_rate',
  'decision_agreement_rate',
  'kappa',
  'overturned',
  'both',
  'reviewer_only',
  'qa_only',
  'neither',
  // the PoE assist's rows (scope "assist", one per checklist reason): reviewers' agreement at their decisions
  'suggestions',
  'applies',
  'applies_accepted',
  'precision',
  'clear',
  'clear_accepted',
  'clear_agreement',
  'overridden',
] as const;

export function statsCsv(s: AuditStats): string {
  const fig = (f: AuditStats['overall']) => ({
    audited: f.audited,
    findings: f.findings,
    agreed: f.agreed,
    agreement_rate: num(f.agreementRate),
    decision_agreement_rate: num(f.decisionAgreementRate),
    kappa: num(f.kappa),
    overturned: f.overturned,
    both: '',
    reviewer_only: '',
    qa_only: '',
    neither: '',
  });
  const rows = [
    { scope: 'overall', key: 'all', label: 'All audits', ...fig(s.overall) },
    ...s.byReviewer.map((r) => ({ scope: 'reviewer', key: r.reviewer.id, label: r.reviewer.name, ...fig(r) })),
    ...s.byReason.map((r) => ({
      scope: 'finding',
      key: r.target,
      label: r.target,
      audited: '',
      findings: r.findings,
      agreed: r.agreed,
      agreement_rate: num(r.agreementRate),
      decision_agreement_rate: '',
      kappa: num(r.kappa),
      overturned: '',
      both: r.table?.both ?? '',
      reviewer_only: r.table?.reviewerOnly ?? '',
      qa_only: r.table?.qaOnly ?? '',
      neither: r.table?.neither ?? '',
    })),
    ...s.byProduct.map((p) => ({
      scope: 'product',
      key: p.productName,
      label: p.productName,
      audited: '',
      findings: p.findings,
      agreed: p.agreed,
      agreement_rate: num(p.agreementRate),
      decision_agreement_rate: '',
      kappa: '',
      overturned: '',
      both: '',
      reviewer_only: '',
      qa_only: '',
      neither: '',
    })),
    ...s.byWeek.map((w) => ({ scope: 'week', key: w.week, label: w.week, ...fig(w) })),
    // columns a row does not fill are written empty
    ...s.assist.map((a) => ({
      scope: 'assist',
      key: a.code,
      label: a.code,
      suggestions: a.suggestions,
      applies: a.applies,
      applies_accepted: a.appliesAccepted,
      precision: num(a.precision),
      clear: a.clear,
      clear_accepted: a.clearAccepted,
      clear_agreement: num(a.clearAgreement),
      overridden: a.overridden,
    })),
  ];
  return stringify(rows, { ...OPTIONS, columns: [...STATS_COLUMNS] });
}

export interface CsvFile {
  fileName: string;
  text: string;
}

const stamp = (iso: string): string => iso.slice(0, 10);

export async function exportAudits(app: AppContext, caller: Caller, q: { from?: string; to?: string; reviewerId?: string }): Promise<CsvFile> {
  const reviewerId = readableReviewer(caller, q.reviewerId);
  const audits = await app.store.transaction((tx) => allAudits(tx, { from: q.from, to: q.to, reviewerId, history: true }));
  return { fileName: `qa-audits-${stamp(app.clock.iso())}.csv`, text: auditsCsv(audits.map((a) => a.record)) };
}

export async function exportStats(app: AppContext, caller: Caller, q: { from?: string; to?: string; reviewerId?: string }): Promise<CsvFile> {
  const stats = await auditStats(app, caller, q);
  return { fileName: `qa-audit-statistics-${stamp(stats.generatedAt)}.csv`, text: statsCsv(stats) };
}
