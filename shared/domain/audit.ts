// QA audits of reviewers' decisions, as rules: which history entries are auditable decisions, what the
// reviewer answered at that moment (the decision and each checklist reason), and how a QA lead's own
// answer compares with it. The service validates audits with these; the workstation builds its form from them.
import { CHECKLIST_REASONS, type ChecklistReason, type RejectionReason } from './codes';
import type { HistoryEntry } from './history';
import type { DecisionKind } from '../contracts/mutations';

/** History kinds that record a reviewer's decision, and the decision kind (mutation) each comes from. */
export const DECISION_EVENTS = {
  approved: 'approve',
  'info-requested': 'request-info',
  rejected: 'reject',
  'dispute-resolved': 'resolve-dispute',
} as const satisfies Partial<Record<HistoryEntry['kind'], DecisionKind>>;
export type DecisionEventKind = keyof typeof DECISION_EVENTS;

/**
 * A decision as an answer a QA lead can compare with their own: approve, ask for more information or
 * reject a claim under review; uphold or overturn a rejection that the partner disputed.
 */
export const DECISION_ANSWERS = ['approve', 'request-info', 'reject', 'uphold', 'overturn'] as const;
export type DecisionAnswer = (typeof DECISION_ANSWERS)[number];

/** The answers open to whoever decides a claim of this kind (a dispute is upheld or overturned). */
export const answersFor = (kind: DecisionKind): readonly DecisionAnswer[] =>
  kind === 'resolve-dispute' ? ['uphold', 'overturn'] : ['approve', 'request-info', 'reject'];

/** What an audit has a finding on: the decision itself, and each checklist reason. */
export const FINDING_TARGETS = ['decision', ...CHECKLIST_REASONS] as const;
export type FindingTarget = (typeof FINDING_TARGETS)[number];

export const VERDICTS = ['agree', 'disagree'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** An answer on one finding: a decision answer for 'decision', "the reason applies" for a checklist reason. */
export type FindingAnswer = DecisionAnswer | boolean;

type DecisionEntry = Extract<HistoryEntry, { kind: DecisionEventKind }>;

/** A reviewer's decision in a claim's history (a system auto-rejection or a partner's withdrawal is none). */
export function isReviewerDecision(e: HistoryEntry): e is DecisionEntry {
  return e.kind in DECISION_EVENTS && e.actor.role === 'reviewer';
}

export function decisionAnswerOf(e: DecisionEntry): DecisionAnswer {
  switch (e.kind) {
    case 'approved':
      return 'approve';
    case 'info-requested':
      return 'request-info';
    case 'rejected':
      return 'reject';
    case 'dispute-resolved':
      return e.outcome;
  }
}

export interface ReviewerAnswers {
  decision: DecisionAnswer;
  /** Per checklist reason: whether the reviewer had it ticked (on the claim or on any product) when deciding. */
  reasons: Record<ChecklistReason, boolean>;
  rejectionReason: RejectionReason | null;
}

/**
 * What the reviewer answered with the decision at `seq`: the decision, and each checklist reason as it
 * stood then (the latest tick or clear per reason and product before it, plus the reasons an
 * information request named). Throws when `seq` is not a reviewer's decision.
 */
export function reviewerAnswers(history: readonly HistoryEntry[], seq: number): ReviewerAnswers {
  const decision = history.find((e) => e.seq === seq);
  if (!decision || !isReviewerDecision(decision)) throw new RangeError(`history entry ${seq} is not a reviewer's decision`);
  const ticks = new Map<string, { code: ChecklistReason; checked: boolean }>();
  for (const e of history) {
    if (e.seq >= seq) break;
    if (e.kind === 'checklist') ticks.set(`${e.code}|${e.productId ?? ''}`, { code: e.code, checked: e.checked });
  }
  const reasons = Object.fromEntries(CHECKLIST_REASONS.map((c) => [c, false])) as Record<ChecklistReason, boolean>;
  for (const t of ticks.values()) if (t.checked) reasons[t.code] = true;
  if (decision.kind === 'info-requested') for (const r of decision.reasons) reasons[r.code] = true;
  return { decision: decisionAnswerOf(decision), reasons, rejectionReason: decision.kind === 'rejected' ? decision.reason : null };
}

/** Per product: the checklist reasons the reviewer had ticked on it just before the decision at `seq`, in CHECKLIST_REASONS order. */
export function reviewerProductTicks(history: readonly HistoryEntry[], seq: number): Map<string, ChecklistReason[]> {
  const ticks = new Map<string, boolean>();
  for (const e of history) {
    if (e.seq >= seq) break;
    if (e.kind === 'checklist' && e.productId) ticks.set(`${e.productId}|${e.code}`, e.checked);
  }
  const out = new Map<string, ChecklistReason[]>();
  for (const [key, checked] of ticks) {
    if (!checked) continue;
    const [productId, code] = key.split('|') as [string, ChecklistReason];
    (out.get(productId) ?? out.set(productId, []).get(productId)!).push(code);
  }
  for (const list of out.values()) list.sort((a, b) => CHECKLIST_REASONS.indexOf(a) - CHECKLIST_REASONS.indexOf(b));
  return out;
}

export const reviewerAnswerFor = (a: ReviewerAnswers, target: FindingTarget): FindingAnswer => (target === 'decision' ? a.decision : a.reasons[target]);

/** A QA lead agrees with a finding exactly when their own answer is the reviewer's. */
export const verdictOf = (reviewer: FindingAnswer, own: FindingAnswer): Verdict => (reviewer === own ? 'agree' : 'disagree');

/** Why `answer` is not a possible answer on `target` for a decision of `kind`, or null when it is. */
export function findingAnswerProblem(target: FindingTarget, kind: DecisionKind, answer: FindingAnswer): string | null {
  if (target === 'decision') {
    return typeof answer === 'string' && answersFor(kind).includes(answer) ? null : `the answer on the decision must be one of ${answersFor(kind).join(', ')}`;
  }
  return typeof answer === 'boolean' ? null : `the answer on reason ${target} must be true (it applies) or false`;
}

/**
 * The answer a verdict implies when the reviewer's answer is shown: agreeing takes the reviewer's
 * answer; disagreeing on a reason takes the opposite; disagreeing on the decision implies no single
 * answer (null: the QA lead must say what they would have decided).
 */
export function answerFromVerdict(reviewer: FindingAnswer, verdict: Verdict): FindingAnswer | null {
  if (verdict === 'agree') return reviewer;
  return typeof reviewer === 'boolean' ? !reviewer : null;
}
