// The QA lead's SLA report: every claim's history folded by shared/domain's slaReport, per reviewer,
// and the same rows as CSV (RFC 4180, UTF-8 with byte-order mark, like the audit statistics).
import { stringify } from 'csv-stringify/sync';
import type { SlaReport } from '../../shared/contracts';
import { slaReport } from '../../shared/domain';
import type { CsvFile } from './audit-csv';
import type { AppContext } from './context';

export async function slaReportOf(app: AppContext): Promise<SlaReport> {
  const now = app.clock.iso();
  const histories = await app.store.transaction(async (tx) => {
    const out = [];
    for (const id of await tx.cpor.allClaimIds()) out.push(await tx.history(id));
    return out;
  });
  return { now, reviewers: slaReport(histories, now, app.calendar) };
}

export const SLA_COLUMNS = [
  'reviewer_id',
  'reviewer',
  'deadlines_met',
  'met_on_time',
  'on_time_rate',
  'overdue_now',
  'auto_rejections_no_partner_response',
] as const;

export async function exportSlaReport(app: AppContext): Promise<CsvFile> {
  const report = await slaReportOf(app);
  const rows = report.reviewers.map((r) => ({
    reviewer_id: r.reviewerId ?? '',
    reviewer: r.reviewerName ?? '(not started)',
    deadlines_met: r.met,
    met_on_time: r.onTime,
    on_time_rate: r.onTimeRate === null ? '' : Math.round(r.onTimeRate * 10_000) / 10_000,
    overdue_now: r.overdueNow,
    auto_rejections_no_partner_response: r.autoRejections,
  }));
  const text = stringify(rows, { header: true, bom: true, record_delimiter: 'windows', escape_formulas: true, columns: [...SLA_COLUMNS] });
  return { fileName: `sla-report-${report.now.slice(0, 10)}.csv`, text };
}
