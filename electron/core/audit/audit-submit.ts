// Audit mode, submit and correct: a complete draft becomes an audit in the outbox (a client id, pushed
// exactly once by the sync engine, through the one outbox's mechanics); a correction is a new draft linked
// to the current audit.
import { v7 as uuidv7 } from 'uuid';
import type { AuditSubmit, AuditView, MethodOutput } from '../../../shared/contracts';
import { FINDING_TARGETS, verdictOf } from '../../../shared/domain';
import { badInput, conflict, fail, notFound } from '../problems';
import { isServiceRestored } from '../rebase';
import { NetworkConfigurationError, OfflineError, ServiceError } from '../service-client';
import type { OutboxRow } from '../store/queries';
import { POISON_STRIKES, isolateFailure, isolates, nextBatch, type IsolationHost } from '../sync/push-isolation';
import { changed, local, qaLead, reviewerAnswer, view, type AuditContext } from './audit-context';
import { toOutboxEntry } from './audit-store';

export function submitAudit(a: AuditContext, claimId: string): MethodOutput<'audit.submit'> {
  const user = qaLead(a);
  const { item } = local(a, user.id, claimId);
  const draft = a.store.draft(user.id, claimId) ?? fail(notFound(`There is no audit in progress on claim ${claimId}.`));
  const missing = draft.findings.findIndex((f) => f.answer === null || f.verdict === null);
  if (missing >= 0) fail(badInput(`findings.${missing}`, `record an answer and agree or disagree on ${draft.findings[missing]!.target} first`));
  const body: AuditSubmit = {
    id: uuidv7(),
    claimId,
    corrects: draft.corrects,
    blind: draft.blind,
    findings: draft.findings.map((f) => ({ target: f.target, verdict: verdictOf(reviewerAnswer(item, f.target), f.answer!), answer: f.answer!, note: f.note })),
    productFindings: (draft.productFindings ?? []).flatMap((f) => (f.verdict === null ? [] : [{ productId: f.productId, verdict: f.verdict, note: f.note }])),
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
  if (a.store.outboxFor(user.id, claimId))
    fail(conflict(`An audit of claim ${claimId} is still waiting to sync (or was refused); correct it once it has synced.`));
  const current = a.store.records(claimId).find((r) => r.correctedBy === null) ?? fail(notFound(`Claim ${claimId} has no audit to correct yet.`));
  const existing = a.store.draft(user.id, claimId);
  if (!existing || existing.corrects !== current.id) {
    a.store.putDraft(user.id, {
      claimId,
      blind: false,
      revealed: true,
      corrects: current.id,
      updatedAt: a.ctx.now(),
      productFindings: current.productFindings.map((f) => ({ productId: f.productId, verdict: f.verdict, note: f.note })),
      findings: FINDING_TARGETS.map((target) => {
        const f = current.findings.find((x) => x.target === target)!;
        return { target, answer: f.answer, verdict: f.verdict, note: f.note };
      }),
    });
  }
  changed(a, [claimId]);
  return view(a, user.id, claimId);
}

/** Audits read per batch from the outbox's audit lane (the service takes one submission per request). */
const AUDIT_BATCH = 50;

/**
 * Pushes the QA lead's submitted audits, oldest first, with the outbox's mechanics: the batch is read and
 * its attempt counted in one IMMEDIATE transaction; a refusal (4xx) answers the entry invalid, kept and
 * shown; a failure of the service on one audit counts a strike and sets it aside after POISON_STRIKES;
 * offline, signed out or asked to wait, the cycle fails and the sync engine retries with its backoff.
 */
export async function pushAudits(a: AuditContext): Promise<void> {
  const user = a.ctx.session?.user;
  if (!user || user.role !== 'qa_lead') return;
  const { store } = a.ctx;
  const struck = new Set<string>();
  const host: IsolationHost = {
    store,
    struck,
    pushBatch: (rows) => pushEach(a, rows, host),
    healthy: () =>
      a.sync.call('health').then(
        () => true,
        () => false,
      ),
  };
  for (;;) {
    const batch = store.transaction(() => {
      const rows = nextBatch(store, user.id, AUDIT_BATCH, struck, 'audit');
      store.countAttempts(rows.map((r) => r.id));
      return rows;
    });
    if (batch.length === 0) {
      if (struck.size > 0)
        throw new Error(`The review service failed on ${struck.size} of your audits; they are retried, and set aside after ${POISON_STRIKES} failures.`);
      return;
    }
    await pushEach(a, batch, host);
  }
}

// A restored service (409 service-restored) refuses the epoch, not the audit: the sync cycle rebases and pushes it again.
const refusal = (error: unknown): error is ServiceError =>
  error instanceof ServiceError &&
  error.problem.status >= 400 &&
  error.problem.status < 500 &&
  ![401, 408, 429].includes(error.problem.status) &&
  !isServiceRestored(error);

async function pushEach(a: AuditContext, rows: OutboxRow[], host: IsolationHost): Promise<void> {
  const { store } = a.ctx;
  for (const row of rows) {
    try {
      const res = await a.sync.call('auditSubmit', { body: row.payload as unknown as AuditSubmit });
      // applied or duplicate: the service holds the audit; the entry leaves the outbox.
      store.transaction(() => {
        a.store.putRecord(res.audit);
        const corrected = res.audit.corrects ? a.store.records(row.claimId).find((r) => r.id === res.audit.corrects) : undefined;
        if (corrected) a.store.putRecord({ ...corrected, correctedBy: res.audit.id });
        store.deleteOutbox(row.id);
        store.applied.record(row, a.ctx.now(), 'audit'); // kept for a rebase should the service be restored (issue 13)
      });
    } catch (error) {
      const notApplied = (error instanceof OfflineError && !error.delivered) || refusal(error) || error instanceof NetworkConfigurationError;
      if (notApplied) store.transaction(() => store.uncountAttempts([row.id]));
      // The service said no (audited already, not sampled, your own decision…): kept and shown, never dropped.
      if (refusal(error)) store.transaction(() => store.markOutbox(row.id, 'invalid', error.problem, null));
      else if (!isolates(error)) throw error;
      else {
        const answer = await isolateFailure(host, [row], error);
        if (answer?.[0]?.problem) store.transaction(() => store.markOutbox(row.id, 'invalid', answer[0]!.problem!, null));
      }
    }
    changed(a, [row.claimId]);
  }
}
