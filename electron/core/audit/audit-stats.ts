// Audit mode, statistics and exports: agreement statistics (the last answer kept for offline reading),
// the CSV exports, a reviewer's own audits, and the reviewers' sampling rates, all from the service.
import type { AuditRecord, AuditStats, MethodOutput } from '../../../shared/contracts';
import { badInput, fail } from '../problems';
import { OfflineError } from '../service-client';
import { asProblem, signedIn, type AuditContext } from './audit-context';

export type AuditPeriod = { from?: string; to?: string; reviewerId?: string };

const key = (a: AuditContext, name: string): string => `audit.${name}.${signedIn(a).id}`;

export async function auditStats(a: AuditContext, q: AuditPeriod): Promise<MethodOutput<'audit.stats'>> {
  signedIn(a);
  try {
    const stats = await a.sync.call('auditStats', { query: q });
    const asOf = a.ctx.now();
    a.ctx.store.setValue(key(a, 'stats'), { query: q, stats, asOf });
    return { stats, asOf, offline: false };
  } catch (error) {
    if (!(error instanceof OfflineError)) asProblem(error);
    const cached = a.ctx.store.getValue<{ query: AuditPeriod; stats: AuditStats; asOf: string }>(key(a, 'stats'));
    if (cached && JSON.stringify(cached.query) === JSON.stringify(q)) return { stats: cached.stats, asOf: cached.asOf, offline: true };
    return asProblem(error);
  }
}

export async function exportCsv(a: AuditContext, kind: 'audits' | 'stats', q: AuditPeriod): Promise<MethodOutput<'audit.export'>> {
  signedIn(a);
  const bytes = await a.sync.call(kind === 'audits' ? 'auditCsv' : 'auditStatsCsv', { query: q }).catch(asProblem);
  // ignoreBOM keeps the byte-order mark in the text, so the saved file starts with it too.
  const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const day = a.ctx.now().slice(0, 10);
  return { fileName: kind === 'audits' ? `qa-audits-${day}.csv` : `qa-audit-statistics-${day}.csv`, mediaType: 'text/csv', csv };
}

export async function myAudits(a: AuditContext): Promise<MethodOutput<'audit.mine'>> {
  signedIn(a);
  try {
    const { audits } = await a.sync.call('auditList', { query: { limit: 1000 } });
    const asOf = a.ctx.now();
    a.ctx.store.setValue(key(a, 'mine'), { audits, asOf });
    return { audits, asOf, offline: false };
  } catch (error) {
    if (!(error instanceof OfflineError)) asProblem(error);
    const cached = a.ctx.store.getValue<{ audits: AuditRecord[]; asOf: string }>(key(a, 'mine'));
    return cached ? { ...cached, offline: true } : asProblem(error);
  }
}

export async function reviewerRates(a: AuditContext): Promise<MethodOutput<'audit.reviewers'>> {
  signedIn(a);
  return a.sync.call('auditReviewers').catch(asProblem);
}

export async function setReviewerRate(
  a: AuditContext,
  i: { reviewerId: string; experience?: 'new' | 'experienced'; customRate?: number | null },
): Promise<MethodOutput<'audit.setReviewer'>> {
  signedIn(a);
  const { reviewerId, ...body } = i;
  if (Object.keys(body).length === 0) fail(badInput('experience', 'name the experience or the rate to set'));
  return a.sync.call('auditReviewerSet', { params: { id: reviewerId }, body }).catch(asProblem);
}
