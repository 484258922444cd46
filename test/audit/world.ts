// Decided claims for the audit suites, made the way they happen: a partner submits, a reviewer leases
// them, ticks checklist reasons and decides through the real push route. Also audits built from the
// QA lead's answers (verdicts follow from the reviewer's answers) and helpers to read a CSV back.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { AssistAgreementRecord, AuditRecord, FindingInput, ProductFindingInput, SampleItem } from '../../shared/contracts';
import { CHECKLIST_REASONS, FINDING_TARGETS, type ChecklistReason, type DecisionAnswer, type RejectionReason } from '../../shared/domain';
import { submittedClaim, mutation } from '../service/fixtures';
import { signIn, type Client } from '../support/service';

export interface Plan {
  kind: 'approve' | 'request-info' | 'reject';
  /** Reasons the reviewer ticks before deciding (request-info sends them as its reasons). */
  ticks?: ChecklistReason[];
  reason?: RejectionReason;
  /** The reviewer's agreement with the PoE assist, sent with the decision as the workstation core does. */
  assist?: AssistAgreementRecord[];
  /** Reasons the reviewer ticks on the claim's first product (not on the claim) before deciding. */
  productTicks?: ChecklistReason[];
}

export const approve = (...ticks: ChecklistReason[]): Plan => ({ kind: 'approve', ticks });
export const requestInfo = (...ticks: ChecklistReason[]): Plan => ({ kind: 'request-info', ticks });
export const reject = (reason: RejectionReason = 'insufficient-poe', ...ticks: ChecklistReason[]): Plan => ({ kind: 'reject', reason, ticks });

/**
 * Submits one claim per plan as `partner`, then `reviewer` leases exactly those and decides each as
 * planned. The pool must hold no other claim awaiting a reviewer. Returns the claim ids in plan order.
 */
export async function decide(url: string, reviewer: string, plans: Plan[], partner = 'partner1'): Promise<string[]> {
  const p = await signIn(url, partner);
  const ids: string[] = [];
  for (let i = 0; i < plans.length; i++) ids.push((await submittedClaim(p)).id);
  const rev = await signIn(url, reviewer);
  const lease = await rev.call('leaseCreate', { body: { size: plans.length } });
  const byId = new Map(lease.claims.map((c) => [c.id, c]));
  const mutations: unknown[] = [];
  plans.forEach((plan, i) => {
    const claim = byId.get(ids[i]!);
    if (!claim) throw new Error(`claim ${ids[i]} was not leased to ${reviewer}: another claim awaited a reviewer`);
    const ticks = plan.ticks ?? [];
    for (const code of ticks) mutations.push(mutation(claim, 'checklist', { code, productId: null, checked: true, note: null }));
    for (const code of plan.productTicks ?? [])
      mutations.push(mutation(claim, 'checklist', { code, productId: claim.products[0]!.id, checked: true, note: null }));
    const assist = plan.assist ? { assist: plan.assist } : {};
    if (plan.kind === 'approve') mutations.push(mutation(claim, 'approve', { message: 'PoE complete.', ...assist }));
    if (plan.kind === 'request-info')
      mutations.push(
        mutation(claim, 'request-info', { reasons: ticks.map((code) => ({ code, productId: null })), message: 'Please add what is missing.', ...assist }),
      );
    if (plan.kind === 'reject')
      mutations.push(mutation(claim, 'reject', { reason: plan.reason ?? 'insufficient-poe', message: 'The PoE is insufficient.', ...assist }));
  });
  const { results } = await rev.call('mutations', { body: { mutations } as never });
  const failed = results.filter((r) => r.outcome !== 'applied');
  if (failed.length) throw new Error(`decisions not applied: ${JSON.stringify(failed.map((r) => r.problem))}`);
  await rev.call('leaseRelease', { params: { id: lease.lease.id } });
  return ids;
}

export interface Answers {
  decision: DecisionAnswer;
  /** The reasons the QA lead says apply (every other reason: does not apply). */
  applies: ChecklistReason[];
  notes?: Partial<Record<(typeof FINDING_TARGETS)[number], string>>;
}

/** The six findings of an audit from the QA lead's own answers; each verdict compares with the reviewer's answer. */
export function findings(item: Pick<SampleItem, 'decision'>, a: Answers): FindingInput[] {
  return FINDING_TARGETS.map((target) => {
    const reviewer = target === 'decision' ? item.decision.answer : item.decision.reasons.includes(target);
    const answer = target === 'decision' ? a.decision : a.applies.includes(target);
    return { target, answer, verdict: reviewer === answer ? 'agree' : 'disagree', note: a.notes?.[target] ?? null };
  });
}

/** The answers that agree with the reviewer on everything. */
export const agreeing = (item: Pick<SampleItem, 'decision'>): Answers => ({
  decision: item.decision.answer,
  applies: CHECKLIST_REASONS.filter((c) => item.decision.reasons.includes(c)),
});

export async function submitAudit(
  qa: Client,
  item: Pick<SampleItem, 'claimId' | 'decision'>,
  a: Answers,
  extra: { corrects?: string; blind?: boolean; id?: string; productFindings?: ProductFindingInput[] } = {},
): Promise<AuditRecord> {
  const body = {
    id: extra.id ?? randomUUID(),
    claimId: item.claimId,
    corrects: extra.corrects ?? null,
    blind: extra.blind ?? false,
    findings: findings(item, a),
  };
  const res = await qa.call('auditSubmit', { body: extra.productFindings ? { ...body, productFindings: extra.productFindings } : body });
  return res.audit;
}

/** A CSV export read back with csv-parse: the raw bytes, and its rows as objects keyed by the header. */
export function readCsv(bytes: Uint8Array): { text: string; rows: Record<string, string>[] } {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const rows = parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return { text, rows };
}
