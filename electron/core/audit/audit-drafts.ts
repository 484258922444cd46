// Audit mode, drafts: the list of sampled decisions, opening one (its draft starts blind when asked),
// recording answers, verdicts and notes (a blind draft reveals the decision once every own answer is
// in), and dropping a draft or a refused audit.
import type { AuditDraft, AuditListItem, AuditView, Claim, DraftFinding, DraftProductFinding, MethodOutput } from '../../../shared/contracts';
import {
  FINDING_TARGETS,
  answerFromVerdict,
  findingAnswerProblem,
  verdictOf,
  type FindingAnswer,
  type FindingTarget,
  type Verdict,
} from '../../../shared/domain';
import { badInput, conflict, fail, notAllowed } from '../problems';
import { changed, complete, listItem, local, qaLead, reviewerAnswer, view, type AuditContext } from './audit-context';

export interface ProductChange {
  productId: string;
  verdict: Verdict | null;
}
export interface DraftChange {
  target: FindingTarget;
  answer?: FindingAnswer | null;
  verdict?: Verdict | null;
  note?: string | null;
}

const STATE_ORDER: Record<AuditListItem['state'], number> = { refused: 0, draft: 1, open: 2, pending: 3, audited: 4 };

export function listAudits(a: AuditContext, blind: boolean): MethodOutput<'audit.list'> {
  const user = qaLead(a);
  const items = a.store.items(user.id).map((i) => listItem(a, user.id, i, blind));
  items.sort((x, y) => STATE_ORDER[x.state] - STATE_ORDER[y.state] || x.decidedAt.localeCompare(y.decidedAt) || x.claimId.localeCompare(y.claimId));
  return { items, ...a.store.outboxCounts(user.id) };
}

const newDraft = (a: AuditContext, claimId: string, blind: boolean): AuditDraft => ({
  claimId,
  blind,
  revealed: !blind,
  corrects: null,
  findings: FINDING_TARGETS.map((target) => ({ target, answer: null, verdict: null, note: null })),
  updatedAt: a.ctx.now(),
});

/**
 * Opens the audit of a sampled decision. The first opening starts its draft, blind when asked; a
 * blind draft stays blind until every own answer is recorded, or until opened without `blind`
 * (the decision is then shown and the audit no longer counts as blind).
 */
export function openAudit(a: AuditContext, claimId: string, blind: boolean): AuditView {
  const user = qaLead(a);
  local(a, user.id, claimId);
  const settled = a.store.records(claimId).length > 0 || a.store.outboxFor(user.id, claimId) !== null;
  const draft = a.store.draft(user.id, claimId);
  if (!settled && !draft) a.store.putDraft(user.id, newDraft(a, claimId, blind));
  else if (draft && !draft.revealed && !blind)
    a.store.putDraft(user.id, { ...draft, revealed: true, blind: draft.blind && complete(draft), updatedAt: a.ctx.now() });
  return view(a, user.id, claimId);
}

export function changeDraft(a: AuditContext, claimId: string, changes: readonly DraftChange[], products: readonly ProductChange[] = []): AuditView {
  const user = qaLead(a);
  const { item, claim } = local(a, user.id, claimId);
  if (a.store.outboxFor(user.id, claimId)) fail(conflict(`The audit of claim ${claimId} was submitted already; correct it once it has synced.`));
  let draft = a.store.draft(user.id, claimId);
  if (!draft) {
    if (a.store.records(claimId).length > 0) fail(conflict(`Claim ${claimId} was audited already; start a correction to change it.`));
    draft = newDraft(a, claimId, false);
  }
  const findings: DraftFinding[] = draft.findings.map((f) => ({ ...f }));
  changes.forEach((change, i) => {
    const f = findings.find((x) => x.target === change.target)!;
    const reviewer = reviewerAnswer(item, change.target);
    if (change.answer !== undefined) {
      if (change.answer !== null) {
        const bad = findingAnswerProblem(change.target, item.decision.kind, change.answer);
        if (bad) fail(badInput(`findings.${i}.answer`, bad));
      }
      f.answer = change.answer;
      f.verdict = draft.revealed && change.answer !== null ? verdictOf(reviewer, change.answer) : null;
    }
    if (change.verdict !== undefined) {
      if (!draft.revealed && change.verdict !== null)
        fail(notAllowed("In a blind audit, record your own answer on every finding first; the reviewer's answers show after that."));
      f.verdict = change.verdict;
      if (change.verdict !== null) {
        const implied = answerFromVerdict(reviewer, change.verdict);
        // Disagreeing with the decision leaves the QA lead to say what they would have decided.
        f.answer = implied ?? (f.answer !== null && f.answer !== reviewer ? f.answer : null);
      }
    }
    if (change.note !== undefined) f.note = change.note === null || change.note.trim() === '' ? null : change.note.trim();
  });
  const productFindings = productChangesApplied(claim, draft, products);
  let next: AuditDraft = { ...draft, findings, productFindings, updatedAt: a.ctx.now() };
  if (!next.revealed && complete(next)) {
    next = { ...next, revealed: true, findings: findings.map((f) => ({ ...f, verdict: verdictOf(reviewerAnswer(item, f.target), f.answer!) })) };
  }
  a.store.putDraft(user.id, next);
  changed(a, [claimId]);
  return view(a, user.id, claimId);
}

/** The draft's product findings after `changes`: only once the reviewer's ticks show, only on the claim's products. */
function productChangesApplied(claim: Claim, draft: AuditDraft, changes: readonly ProductChange[]): DraftProductFinding[] {
  const out = (draft.productFindings ?? []).map((f) => ({ ...f }));
  if (changes.length === 0) return out;
  if (!draft.revealed) fail(notAllowed("In a blind audit, record your own answer on every finding first; the reviewer's per-product ticks show after that."));
  const products = new Set(claim.products.map((p) => p.id));
  changes.forEach((c, i) => {
    if (!products.has(c.productId)) fail(badInput(`products.${i}.productId`, `claim ${claim.id} has no product ${c.productId}`));
    const f = out.find((x) => x.productId === c.productId);
    if (f) f.verdict = c.verdict;
    else out.push({ productId: c.productId, verdict: c.verdict, note: null });
  });
  return out;
}

/** Drops the draft (or a correction in progress), or an audit the service refused. */
export function discardAudit(a: AuditContext, claimId: string): AuditView {
  const user = qaLead(a);
  local(a, user.id, claimId);
  const outbox = a.store.outboxFor(user.id, claimId);
  if (outbox?.state === 'pending') fail(conflict(`The audit of claim ${claimId} is on its way to the review service; it cannot be discarded.`));
  a.ctx.store.transaction(() => {
    if (outbox) a.ctx.store.deleteOutbox(outbox.id);
    a.store.deleteDraft(user.id, claimId);
  });
  changed(a, [claimId]);
  return view(a, user.id, claimId);
}
