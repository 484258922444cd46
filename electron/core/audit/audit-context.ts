// What every part of the workstation's audit mode shares: the signed-in QA lead, the audit tables, the
// sampled decision a call is about, service errors as problems, the change event, and the list row and
// view of one audit (blind until the QA lead recorded their own answers, when asked).
import { claimAtDecision, type AuditDraft, type AuditListItem, type AuditView, type SampleItem, type User } from '../../../shared/contracts';
import { FINDING_TARGETS, type FindingAnswer, type FindingTarget } from '../../../shared/domain';
import type { CoreContext } from '../context';
import { fail, failFromService, forbidden, notFound, notSignedIn } from '../problems';
import type { SyncEngine } from '../sync';
import { toOutboxEntry, type AuditStore, type LocalItem } from './audit-store';

/** The parts of the core an audit-mode call works with. */
export interface AuditContext {
  readonly ctx: CoreContext;
  readonly sync: SyncEngine;
  readonly store: AuditStore;
}

/** Service and offline errors as the problems the workstation API answers with. */
export const asProblem = (error: unknown): never =>
  failFromService(error, 'This needs the review service; audits you record are kept and sync when it is reachable.');

export const signedIn = (a: AuditContext): User => a.ctx.session?.user ?? fail(notSignedIn());

export function qaLead(a: AuditContext): User {
  const user = signedIn(a);
  if (user.role !== 'qa_lead') fail(forbidden('Audit mode is for QA leads.'));
  return user;
}

export function changed(a: AuditContext, claimIds: string[]): void {
  a.ctx.events.emit({ type: 'audit.changed', claimIds });
  a.sync.emitStatus();
}

export const local = (a: AuditContext, userId: string, claimId: string): LocalItem =>
  a.store.item(userId, claimId) ?? fail(notFound(`claim ${claimId} is in none of your audit samples on this workstation`));

export const reviewerAnswer = (item: SampleItem, target: FindingTarget): FindingAnswer =>
  target === 'decision' ? item.decision.answer : item.decision.reasons.includes(target);
export const complete = (d: AuditDraft): boolean => d.findings.every((f) => f.answer !== null);

export function listItem(a: AuditContext, userId: string, item: SampleItem, blind: boolean): AuditListItem {
  const draft = a.store.draft(userId, item.claimId);
  const outbox = a.store.outboxFor(userId, item.claimId);
  const records = a.store.records(item.claimId);
  const current = records.find((r) => r.correctedBy === null) ?? null;
  const touched = draft !== null && (draft.corrects !== null || draft.findings.some((f) => f.answer !== null || f.verdict !== null || f.note !== null));
  const state = outbox && outbox.state !== 'pending' ? 'refused' : outbox ? 'pending' : touched ? 'draft' : current ? 'audited' : 'open';
  const hidden = blind && !current && !outbox && !draft?.revealed;
  return {
    claimId: item.claimId,
    sampleId: item.sampleId,
    partnerName: item.partnerName,
    customerName: item.customerName,
    reviewer: item.decision.reviewer,
    decidedAt: item.decision.at,
    decisionKind: hidden ? null : item.decision.kind,
    stratum: item.stratum,
    sampledAt: item.sampledAt,
    state,
    auditId: current?.id ?? null,
    overturned: current ? current.findings.find((f) => f.target === 'decision')?.verdict === 'disagree' : null,
  };
}

export function view(a: AuditContext, userId: string, claimId: string): AuditView {
  const { item, claim } = local(a, userId, claimId);
  const records = a.store.records(claimId);
  const outbox = a.store.outboxFor(userId, claimId);
  const draft = a.store.draft(userId, claimId);
  const hidden = records.length === 0 && outbox === null && draft !== null && !draft.revealed;
  return {
    item: listItem(a, userId, item, hidden),
    claim: claimAtDecision(claim, item.decision.seq, { blind: hidden, calendar: a.ctx.calendar() }),
    decision: hidden ? null : item.decision,
    reviewerAnswers: hidden ? null : FINDING_TARGETS.map((target) => ({ target, answer: reviewerAnswer(item, target) })),
    draft,
    records,
    outbox: outbox && toOutboxEntry(outbox),
  };
}
