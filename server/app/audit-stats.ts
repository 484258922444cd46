// Agreement statistics of QA audits: per reviewer, per finding (the decision and each checklist reason),
// per claimed product and per ISO week of the decisions. Agreement rate over findings, overturned decisions, and Cohen's
// kappa of the checklist reasons (reviewer's tick against the QA lead's answer, pooled over audits).
// Only current audits count: a correction replaces what it corrects. Also the PoE assist's precision per
// reason as reviewers judged it at their decisions (recorded with each decision).
import { DateTime } from 'luxon';
import type { AgreementFigures, AgreementTable, AuditRecord, AuditStats } from '../../shared/contracts';
import { CHECKLIST_REASONS, FINDING_TARGETS, type Actor, type BusinessCalendar, type FindingTarget } from '../../shared/domain';
import { assistPrecision, type AssistAgreement } from '../../shared/domain/assist';
import { allAudits, readableReviewer } from './audit-records';
import type { AppContext, Caller } from './context';

/**
 * Cohen's kappa of two raters over the same items: (po − pe) / (1 − pe), po the observed agreement and
 * pe the agreement expected from each rater's category frequencies. Null without items, or when pe is
 * 1 (both raters used one and the same category throughout: kappa is undefined).
 */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) agree++;
  }
  const po = agree / n;
  let pe = 0;
  for (const [c, count] of a) pe += (count / n) * ((b.get(c) ?? 0) / n);
  if (1 - pe < 1e-12) return null;
  return (po - pe) / (1 - pe);
}

export function agreementTable(pairs: readonly (readonly [boolean, boolean])[]): AgreementTable {
  const t = { both: 0, reviewerOnly: 0, qaOnly: 0, neither: 0 };
  for (const [reviewer, qa] of pairs) {
    if (reviewer && qa) t.both++;
    else if (reviewer) t.reviewerOnly++;
    else if (qa) t.qaOnly++;
    else t.neither++;
  }
  return t;
}

const reasonPairs = (audits: readonly AuditRecord[], only?: FindingTarget): [string, string][] =>
  audits.flatMap((a) =>
    a.findings
      .filter((f) => f.target !== 'decision' && (!only || f.target === only))
      .map((f) => [String(f.reviewerAnswer), String(f.answer)] as [string, string]),
  );

export function figures(audits: readonly AuditRecord[]): AgreementFigures {
  const findings = audits.flatMap((a) => a.findings);
  const agreed = findings.filter((f) => f.verdict === 'agree').length;
  const decisions = audits.map((a) => a.findings.find((f) => f.target === 'decision')!);
  const decisionsAgreed = decisions.filter((f) => f.verdict === 'agree').length;
  return {
    audited: audits.length,
    findings: findings.length,
    agreed,
    agreementRate: findings.length ? agreed / findings.length : null,
    decisionAgreementRate: audits.length ? decisionsAgreed / audits.length : null,
    kappa: cohenKappa(reasonPairs(audits)),
    overturned: audits.length - decisionsAgreed,
  };
}

/** The ISO week ("2026-W10") of an instant in the calendar's time zone. */
export const isoWeek = (instant: string, calendar: BusinessCalendar): string =>
  DateTime.fromISO(instant, { zone: 'utc' }).setZone(calendar.timeZone).toFormat("kkkk-'W'WW");

function groupBy<K>(audits: readonly AuditRecord[], key: (a: AuditRecord) => K): Map<K, AuditRecord[]> {
  const m = new Map<K, AuditRecord[]>();
  for (const a of audits) (m.get(key(a)) ?? m.set(key(a), []).get(key(a))!).push(a);
  return m;
}

/** Agreement per claimed product over the audits' product findings, by product name (product ids are per claim). */
export function productFigures(audits: readonly AuditRecord[]): AuditStats['byProduct'] {
  const m = new Map<string, { productName: string; findings: number; agreed: number }>();
  for (const f of audits.flatMap((a) => a.productFindings)) {
    const row = m.get(f.productName) ?? m.set(f.productName, { productName: f.productName, findings: 0, agreed: 0 }).get(f.productName)!;
    row.findings++;
    if (f.verdict === 'agree') row.agreed++;
  }
  return [...m.values()].map((r) => ({ ...r, agreementRate: r.agreed / r.findings })).sort((a, b) => a.productName.localeCompare(b.productName));
}

export function computeStats(
  audits: readonly AuditRecord[],
  o: { from: string | null; to: string | null; reviewerId: string | null; now: string; calendar: BusinessCalendar },
  agreements: readonly Pick<AssistAgreement, 'code' | 'verdict' | 'outcome'>[] = [],
): AuditStats {
  const reviewers = new Map<string, Actor>(audits.map((a) => [a.decision.reviewer.id, a.decision.reviewer]));
  const byReviewer = [...groupBy(audits, (a) => a.decision.reviewer.id)]
    .map(([id, list]) => ({ reviewer: reviewers.get(id)!, ...figures(list) }))
    .sort((a, b) => a.reviewer.name.localeCompare(b.reviewer.name) || a.reviewer.id.localeCompare(b.reviewer.id));
  const byReason = FINDING_TARGETS.map((target) => {
    const fs = audits.flatMap((a) => a.findings.filter((f) => f.target === target));
    const agreed = fs.filter((f) => f.verdict === 'agree').length;
    const isReason = (CHECKLIST_REASONS as readonly string[]).includes(target);
    return {
      target,
      findings: fs.length,
      agreed,
      agreementRate: fs.length ? agreed / fs.length : null,
      kappa: isReason ? cohenKappa(reasonPairs(audits, target)) : cohenKappa(fs.map((f) => [String(f.reviewerAnswer), String(f.answer)] as [string, string])),
      table: isReason ? agreementTable(fs.map((f) => [f.reviewerAnswer === true, f.answer === true] as [boolean, boolean])) : null,
    };
  });
  const byWeek = [...groupBy(audits, (a) => isoWeek(a.decision.at, o.calendar))]
    .map(([week, list]) => ({ week, ...figures(list) }))
    .sort((a, b) => a.week.localeCompare(b.week));
  const assist = assistPrecision(CHECKLIST_REASONS, agreements);
  return {
    from: o.from,
    to: o.to,
    reviewerId: o.reviewerId,
    generatedAt: o.now,
    overall: figures(audits),
    byReviewer,
    byReason,
    byProduct: productFigures(audits),
    byWeek,
    assist,
  };
}

export async function auditStats(app: AppContext, caller: Caller, q: { from?: string; to?: string; reviewerId?: string }): Promise<AuditStats> {
  const reviewerId = readableReviewer(caller, q.reviewerId);
  const [audits, agreements] = await app.store.transaction(
    async (tx) =>
      [
        await allAudits(tx, { from: q.from, to: q.to, reviewerId, history: false }),
        await tx.audit.assistAgreements({ from: q.from, to: q.to, reviewerIds: reviewerId ? [reviewerId] : undefined }),
      ] as const,
  );
  const o = { from: q.from ?? null, to: q.to ?? null, reviewerId: reviewerId ?? null, now: app.clock.iso(), calendar: app.calendar };
  return computeStats(
    audits.map((a) => a.record),
    o,
    agreements,
  );
}
