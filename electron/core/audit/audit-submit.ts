// Audit mode, submit and correct: a complete draft becomes an audit in the outbox (a client id, pushed
// exactly once by the sync engine); a correction is a new draft linked to the current audit.
import { v7 as uuidv7 } from 'uuid';
import type { AuditSubmit, AuditView, MethodOutput } from '../../../shared/contracts';
import { FINDING_TARGETS, verdictOf } from '../../../shared/domain';
import { badInput, conflict, fail, notFound } from '../problems';
import { ServiceError } from '../service-client';
import { changed, local, qaLead, reviewerAnswer, view, type AuditContext } from './audit-context';
import { toOutboxEntry } from './audit-store';

export function submitAudit(a: AuditContext, claimId: string): MethodOutput<'audit.submit'> {
  const user = qaLead(a);
  const { item } = local(a, user.id, claimId);
  const draft = a.store.draft(user.id, claimId) ?? fail(notFound(`There is no audit in progress on claim ${claimId}.`));
  const missing = draft.findings.findIndex((f) => f.answer === null || f.verdict === null);
  if (missing >= 0) fail(badInput(`findings.${missing}`, `record an answer and agree or disagree on ${draft.findings[missing]!.target} first`));
  const body: AuditSubmit = {
    id: uuidv7(), claimId, corrects: draft.corrects, blind: draft.blind,
    findings: draft.findings.map((f) => ({ target: f.target, verdict: verdictOf(reviewerAnswer(item, f.target), f.answer!), answer: f.answer!, note: f.note })),
  };
  a.ctx.store.transaction(() => {
    a.store.insertOutbox(user.id, body, a.ctx.now());
    a.store.deleteDraft(user.id, claimId);
  });
  changed(a, [claimId]);
  a.sync.kick();
  return { entry: toOutboxEntry(a.store.outboxFor(user.id, claimId)!), view: view(a, user.id, claimId) };
}

/** Starts a correction of the claim's current audit: a new draft with its answers, linked to it. */
export function correctAudit(a: AuditContext, claimId: string): AuditView {
  const user = qaLead(a);
  local(a, user.id, claimId);
  if (a.store.outboxFor(user.id, claimId)) fail(conflict(`An audit of claim ${claimId} is still waiting to sync (or was refused); correct it once it has synced.`));
  const current = a.store.records(claimId).find((r) => r.correctedBy === null) ?? fail(notFound(`Claim ${claimId} has no audit to correct yet.`));
  const existing = a.store.draft(user.id, claimId);
  if (!existing || existing.corrects !== current.id) {
    a.store.putDraft(user.id, {
      claimId, blind: false, revealed: true, corrects: current.id, updatedAt: a.ctx.now(),
      findings: FINDING_TARGETS.map((target) => {
        const f = current.findings.find((x) => x.target === target)!;
        return { target, answer: f.answer, verdict: f.verdict, note: f.note };
      }),
    });
  }
  changed(a, [claimId]);
  return view(a, user.id, claimId);
}

/** Pushes the QA lead's submitted audits in order, each at most once. */
export async function pushAudits(a: AuditContext): Promise<void> {
  const user = a.ctx.session?.user;
  if (!user || user.role !== 'qa_lead') return;
  for (const row of a.store.pendingOutbox(user.id)) {
    a.store.countAttempt(row.id);
    try {
      const res = await a.sync.call('auditSubmit', { body: row.body });
      a.ctx.store.transaction(() => {
        a.store.putRecord(res.audit);
        const corrected = res.audit.corrects ? a.store.records(row.claimId).find((r) => r.id === res.audit.corrects) : undefined;
        if (corrected) a.store.putRecord({ ...corrected, correctedBy: res.audit.id });
        a.store.deleteOutbox(row.id);
      });
    } catch (error) {
      const status = error instanceof ServiceError ? error.problem.status : 0;
      if (!(error instanceof ServiceError) || status < 400 || status >= 500 || status === 401 || status === 429) throw error;
      // The service said no (audited already, not sampled, your own decision…): kept and shown, never dropped.
      a.store.refuseOutbox(row.id, error.problem);
    }
    changed(a, [row.claimId]);
  }
}
