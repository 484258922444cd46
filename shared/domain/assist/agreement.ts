// Whether the reviewer agreed with each PoE assist suggestion, judged when the decision is taken: a
// suggestion that a reason applies is "accepted" when the reviewer has that reason ticked, and one that
// the reason is clear is "accepted" when it is not ticked; otherwise "overridden". Unsure suggestions and
// reasons covered by "missing all PoE" make no claim and are left out. Stored with the decision, so QA can
// see the assist's precision per reason over real decisions.
import type { ChecklistReason } from '../codes';

export const ASSIST_OUTCOMES = ['accepted', 'overridden'] as const;
export type AssistOutcome = (typeof ASSIST_OUTCOMES)[number];

export interface AssistAgreement {
  code: ChecklistReason;
  productId: string | null;
  verdict: 'applies' | 'clear';
  confidence: number;
  outcome: AssistOutcome;
}

interface SuggestionLike {
  code: ChecklistReason;
  productId: string | null;
  verdict: 'applies' | 'clear' | 'unsure';
  confidence: number;
  message: { key: string };
}
interface TickLike {
  code: ChecklistReason;
  productId: string | null;
  checked: boolean;
}

/** One agreement per suggestion that takes a side, against the checklist as it stands at the decision. */
export function assistAgreement(
  suggestions: readonly SuggestionLike[],
  checklist: readonly TickLike[],
  activeProductIds: readonly string[],
): AssistAgreement[] {
  const ticked = new Set(checklist.filter((e) => e.checked).map((e) => `${e.code}|${e.productId ?? ''}`));
  const active = new Set(activeProductIds);
  const out: AssistAgreement[] = [];
  for (const s of suggestions) {
    if (s.verdict === 'unsure' || s.message.key === 'covered-by-missing-all-poe') continue;
    if (s.productId !== null && !active.has(s.productId)) continue;
    const isTicked = ticked.has(`${s.code}|${s.productId ?? ''}`);
    out.push({
      code: s.code,
      productId: s.productId,
      verdict: s.verdict,
      confidence: s.confidence,
      outcome: isTicked === (s.verdict === 'applies') ? 'accepted' : 'overridden',
    });
  }
  return out;
}

export interface AssistPrecision {
  code: ChecklistReason;
  /** Suggestions that took a side at decisions. */
  suggestions: number;
  applies: number;
  /** "applies" suggestions the reviewer ticked. */
  appliesAccepted: number;
  /** appliesAccepted / applies: the assist's precision as reviewers judged it; null without any. */
  precision: number | null;
  clear: number;
  /** "clear" suggestions the reviewer left unticked. */
  clearAccepted: number;
  /** clearAccepted / clear; null without any. */
  clearAgreement: number | null;
  overridden: number;
}

/** Per checklist reason (in the order given), the assist's precision over recorded agreements. */
export function assistPrecision(codes: readonly ChecklistReason[], rows: readonly Pick<AssistAgreement, 'code' | 'verdict' | 'outcome'>[]): AssistPrecision[] {
  return codes.map((code) => {
    const of = rows.filter((r) => r.code === code);
    const applies = of.filter((r) => r.verdict === 'applies');
    const clear = of.filter((r) => r.verdict === 'clear');
    const appliesAccepted = applies.filter((r) => r.outcome === 'accepted').length;
    const clearAccepted = clear.filter((r) => r.outcome === 'accepted').length;
    return {
      code,
      suggestions: of.length,
      applies: applies.length,
      appliesAccepted,
      precision: applies.length ? appliesAccepted / applies.length : null,
      clear: clear.length,
      clearAccepted,
      clearAgreement: clear.length ? clearAccepted / clear.length : null,
      overridden: of.filter((r) => r.outcome === 'overridden').length,
    };
  });
}
