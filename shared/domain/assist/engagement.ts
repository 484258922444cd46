// The engagement description: is the work the partner did described specifically (activities,
// deliverables), only thinly ("services as discussed"), or not at all. Counts distinct kinds of work named.

export type EngagementVerdict = 'sufficient' | 'thin' | 'absent';

/** Kinds of delivered work; each counts once however often it is named. */
const WORK: readonly RegExp[] = [
  /\bworkshops?\b|工作坊|需求訪談/i,
  /\bdeployed\b|\bdeploying\b|\brolled? ?out\b|\broll-?out\b|\bimplemented\b|\bimplementation\b|建置|導入/i,
  /\bmigrat(?:ed|ion|ing)\b|資料移轉|移轉/i,
  /\btrain(?:ing|ed)\b|教育訓練|訓練/i,
  /\bconfigur(?:ed|ation)\b|\bset ?up\b|設定/i,
  /\bintegrat(?:ed|ion)\b|整合/i,
  /\bgo-?live\b|上線/i,
  /\bassessment\b|\bdiscovery\b|評估/i,
  /\bdesign(?:ed)?\b|\barchitecture\b|規劃|設計/i,
  /\bproof of concept\b|\bpoc\b|\bpilot\b|概念驗證/i,
  /\badoption\b|\bchampions?\b|採用/i,
  /\busage reviews?\b|\bactive users?\b|\busage report\b|使用狀況/i,
  /\bdeliverables?\b|\bdelivered\b|\bmilestones?\b|交付/i,
  /\bsecurity baseline\b|\bpolicies\b|\bgovernance\b|資安/i,
  /\btesting\b|\buat\b|測試/i,
  /\bsupport(?:ed)?\b|\bhypercare\b|支援|協助/i,
];

/** Phrases that stand in for a description without giving one. */
const THIN: readonly RegExp[] = [
  /services? as (?:discussed|agreed|per (?:the )?(?:contract|agreement|quote))/i,
  /^\s*consulting services\.?\s*$/im,
  /see (?:the )?attached (?:invoice|quote|document)/i,
  /professional services rendered/i,
  /依合約(?:提供)?服務|如前所述|服務費用/,
];

export interface EngagementAssessment {
  verdict: EngagementVerdict;
  /** Distinct kinds of work named. */
  kinds: number;
  /** Index in the text of the first thin phrase, or of the first work word; -1 when none. */
  index: number;
  length: number;
}

const thinHit = (text: string) => THIN.some((re) => re.test(text));

export function assessEngagement(text: string): EngagementAssessment {
  let kinds = 0;
  let first: { index: number; length: number } | null = null;
  for (const re of WORK) {
    const m = re.exec(text);
    if (m) {
      kinds++;
      if (!first || m.index < first.index) first = { index: m.index, length: m[0].length };
    }
  }
  const thin = THIN.map((re) => re.exec(text)).find((m) => m !== null) ?? null;
  if (kinds >= 2 && (kinds >= 3 || !thinHit(text))) return { verdict: 'sufficient', kinds, index: first!.index, length: first!.length };
  if (thin) return { verdict: 'thin', kinds, index: thin.index, length: thin[0].length };
  if (kinds > 0) return { verdict: 'thin', kinds, index: first!.index, length: first!.length };
  return { verdict: 'absent', kinds, index: -1, length: 0 };
}
