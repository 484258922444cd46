// Submitting and reading QA audits. An audit is immutable: a correction is a new audit naming the one it
// corrects (always the current one), and the history of corrections is kept. A claim's decision is
// audited once (then only corrected), never by the reviewer who made it. Reviewers read only the audits
// of their own decisions. The audit id comes from the client and makes a re-sent audit a duplicate.
import type { z } from 'zod';
import type { AuditRecord, AuditSubmit, AuditedDecision, FindingRecord, ProductFindingRecord } from '../../shared/contracts';
import { FINDING_TARGETS, findingAnswerProblem, reviewerProductTicks, verdictOf, type FindingAnswer, type FindingTarget } from '../../shared/domain';
import { problem } from '../http/problems';
import type { AuditFilter, AuditItemRecord, AuditRow } from '../store/audit-repository';
import type { Tx } from '../store/repository';
import { actorOf, type AppContext, type Caller } from './context';

type Submit = z.output<typeof AuditSubmit>;

export const reviewerAnswerOn = (d: AuditedDecision, target: FindingTarget): FindingAnswer => (target === 'decision' ? d.answer : d.reasons.includes(target));

export function recordOf(row: AuditRow, item: AuditItemRecord): AuditRecord {
  return {
    id: row.id,
    claimId: row.claimId,
    corrects: row.corrects,
    correctedBy: row.correctedBy,
    auditor: row.auditor,
    submittedAt: row.submittedAt,
    blind: row.blind,
    decision: item.decision,
    findings: row.findings,
    productFindings: row.productFindings,
    partnerName: item.partnerName,
    customerName: item.customerName,
  };
}

async function record(tx: Tx, row: AuditRow): Promise<AuditRecord> {
  return recordOf(row, (await tx.audit.getItem(row.claimId))!);
}

/** The findings in the order of FINDING_TARGETS, each checked against the decision it audits. */
function checkedFindings(body: Submit, decision: AuditedDecision): FindingRecord[] {
  const out: FindingRecord[] = [];
  for (const target of FINDING_TARGETS) {
    const i = body.findings.findIndex((f) => f.target === target);
    if (i < 0) throw problem.validation(`findings: a finding on ${target} is missing`, 'findings');
    if (body.findings.findIndex((f, j) => j > i && f.target === target) >= 0) throw problem.validation(`findings: ${target} appears twice`, 'findings');
    const f = body.findings[i]!;
    const bad = findingAnswerProblem(target, decision.kind, f.answer);
    if (bad) throw problem.validation(`findings.${i}.answer: ${bad}`, `findings.${i}.answer`);
    const reviewerAnswer = reviewerAnswerOn(decision, target);
    const verdict = verdictOf(reviewerAnswer, f.answer);
    if (f.verdict !== verdict) {
      throw problem.validation(
        `findings.${i}.verdict: the answer ${String(f.answer)} and the reviewer's ${String(reviewerAnswer)} make this finding "${verdict}", not "${f.verdict}"`,
        `findings.${i}.verdict`,
      );
    }
    out.push({ target, verdict, answer: f.answer, note: f.note && f.note.length > 0 ? f.note : null, reviewerAnswer });
  }
  return out;
}

/** The product findings, each on a product of the claim (once), with the reviewer's ticks on it at the decision. */
async function checkedProductFindings(tx: Tx, body: Submit, decision: AuditedDecision): Promise<ProductFindingRecord[]> {
  if (body.productFindings.length === 0) return [];
  const claim = await tx.getClaim(body.claimId);
  const products = new Map((claim?.facts.products ?? []).map((p) => [p.id, p.name]));
  const ticks = reviewerProductTicks(await tx.history(body.claimId), decision.seq);
  return body.productFindings.map((f, i) => {
    const name = products.get(f.productId);
    if (name === undefined)
      throw problem.validation(`productFindings.${i}.productId: claim ${body.claimId} has no product ${f.productId}`, `productFindings.${i}.productId`);
    if (body.productFindings.findIndex((g, j) => j > i && g.productId === f.productId) >= 0) {
      throw problem.validation(`productFindings: product ${f.productId} appears twice`, 'productFindings');
    }
    return {
      productId: f.productId,
      productName: name,
      verdict: f.verdict,
      note: f.note && f.note.length > 0 ? f.note : null,
      reviewerReasons: ticks.get(f.productId) ?? [],
    };
  });
}

export async function submitAudit(app: AppContext, caller: Caller, body: Submit): Promise<{ outcome: 'applied' | 'duplicate'; audit: AuditRecord }> {
  const now = app.clock.iso();
  return app.store.transaction(async (tx) => {
    const existing = await tx.audit.getAudit(body.id);
    if (existing) {
      if (existing.claimId !== body.claimId || existing.auditor.id !== caller.id)
        throw problem.conflict(`id: audit id ${body.id} was already used for another audit`, 'id');
      return { outcome: 'duplicate' as const, audit: await record(tx, existing) };
    }
    const item = await tx.audit.getItem(body.claimId);
    if (!item) throw problem.notFound(`claimId: claim ${body.claimId} is in no audit sample`, 'claimId');
    if (item.decision.reviewer.id === caller.id)
      throw problem.forbidden(`claimId: you made the decision on claim ${body.claimId}; another QA lead audits it`, 'claimId');
    const audits = await tx.audit.auditsOfClaim(body.claimId);
    const current = audits.find((a) => a.correctedBy === null) ?? null;
    if (body.corrects === null && current) {
      throw problem.conflict(
        `claimId: the decision on claim ${body.claimId} was audited already (audit ${current.id}); submit a correction of it instead`,
        'claimId',
      );
    }
    if (body.corrects !== null && body.corrects !== current?.id) {
      throw problem.conflict(
        `corrects: a correction names the current audit of claim ${body.claimId} (${current?.id ?? 'none yet'}), not ${body.corrects}`,
        'corrects',
      );
    }
    const row: Omit<AuditRow, 'correctedBy'> = {
      id: body.id,
      claimId: body.claimId,
      corrects: body.corrects,
      auditor: actorOf(caller),
      submittedAt: now,
      blind: body.blind,
      findings: checkedFindings(body, item.decision),
      productFindings: await checkedProductFindings(tx, body, item.decision),
      reviewerId: item.decision.reviewer.id,
      decidedAt: item.decision.at,
    };
    await tx.audit.insertAudit(row);
    return { outcome: 'applied' as const, audit: recordOf({ ...row, correctedBy: null }, item) };
  });
}

/** Which reviewer's audits the caller may read: reviewers only their own; others whoever they name. */
export function readableReviewer(caller: Caller, asked: string | undefined): string | undefined {
  if (caller.role !== 'reviewer') return asked;
  if (asked !== undefined && asked !== caller.id) throw problem.forbidden('reviewerId: reviewers read only the audits of their own decisions', 'reviewerId');
  return caller.id;
}

export async function listAudits(
  app: AppContext,
  caller: Caller,
  q: Omit<AuditFilter, 'history'> & { history: 'true' | 'false'; limit: number; offset: number },
): Promise<{ audits: AuditRecord[]; total: number }> {
  const reviewerId = readableReviewer(caller, q.reviewerId);
  return app.store.transaction(async (tx) => {
    const { audits, total } = await tx.audit.listAudits({ from: q.from, to: q.to, reviewerId, history: q.history === 'true' }, q.limit, q.offset);
    const out: AuditRecord[] = [];
    for (const a of audits) out.push(await record(tx, a));
    return { audits: out, total };
  });
}

/** Every current audit (or every audit, with history) matching the filter, for statistics and exports. */
export async function allAudits(tx: Tx, f: AuditFilter): Promise<{ row: AuditRow; record: AuditRecord }[]> {
  const out: { row: AuditRow; record: AuditRecord }[] = [];
  const page = 1000;
  for (let offset = 0; ; offset += page) {
    const { audits } = await tx.audit.listAudits(f, page, offset);
    for (const row of audits) out.push({ row, record: await record(tx, row) });
    if (audits.length < page) return out;
  }
}

export async function getAudit(app: AppContext, caller: Caller, id: string): Promise<{ audit: AuditRecord; history: AuditRecord[] }> {
  return app.store.transaction(async (tx) => {
    const row = await tx.audit.getAudit(id);
    if (!row || (caller.role === 'reviewer' && row.reviewerId !== caller.id))
      throw problem.notFound(`audit ${id} does not exist or is not visible to you`, 'id');
    const item = (await tx.audit.getItem(row.claimId))!;
    const history = (await tx.audit.auditsOfClaim(row.claimId)).map((a) => recordOf(a, item));
    return { audit: recordOf(row, item), history };
  });
}
