// The shapes of assist's input and output: the claim and documents it reads, the findings it merges
// and the suggestions it makes (one per checklist reason, per product for missing-product).
import type { ChecklistReason } from '../codes';
import type { SignedBy } from './acknowledgement';
import type { EngagementVerdict } from './engagement';
import type { PageText, Rect } from './layout';

export interface AssistClaimInput {
  id: string;
  submittedAt: string | null;
  createdAt: string;
  customer: { name: string; tenantId: string; domain: string };
  partner: { name: string };
  customerContact: { name: string; email: string };
  partnerContact: { name: string; email: string };
  subscriptionId: string | null;
  products: { id: string; name: string; removed: boolean }[];
}

export interface AssistDocumentInput {
  sha256: string;
  pages: PageText[];
  text: 'layer' | 'ocr' | 'mixed' | 'none';
  error: string | null;
}

export type Match = 'match' | 'mismatch' | 'not-found';
export type Verdict = 'applies' | 'clear' | 'unsure';
export interface Evidence {
  sha256: string;
  page: number;
  rect: Rect | null;
  text: string;
}
export interface FieldFinding {
  found: string | null;
  match: Match;
}

export interface Findings {
  customer: { name: FieldFinding; tenantId: FieldFinding; domain: FieldFinding };
  acknowledgement: { signedBy: SignedBy; date: string | null; dateText: string | null; cutoff: string | null };
  products: { productId: string; named: boolean; alias: string | null }[];
  engagement: EngagementVerdict;
  duplicates: { claimId: string; sha256: string; similarity: number }[];
}

export interface Suggestion {
  code: ChecklistReason;
  productId: string | null;
  verdict: Verdict;
  confidence: number;
  /** One line in English; `message` carries the same for translation. */
  reason: string;
  message: { key: string; params: Record<string, string> };
  evidence: Evidence[];
}
