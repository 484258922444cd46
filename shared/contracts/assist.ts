// The PoE assist's answer for a claim (assist.get / assist.run): status and progress, what was read from
// each document, the findings against the claim and one suggestion per checklist reason with evidence.
import { z } from 'zod';
import { CHECKLIST_REASONS } from '../domain';
import { Sha256 } from './claim';

const Match = z.enum(['match', 'mismatch', 'not-found']);
const Field = z.object({ found: z.string().nullable(), match: Match });
/** [x0, y0, x1, y1] in PDF user space of the page at scale 1: points, origin bottom-left, y up (image documents: pixels). */
export const EvidenceRect = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const AssistEvidence = z.object({ sha256: Sha256, page: z.number().int().min(1), rect: EvidenceRect.nullable(), text: z.string() });
export type AssistEvidence = z.infer<typeof AssistEvidence>;

export const AssistSuggestion = z.object({
  code: z.enum(CHECKLIST_REASONS),
  productId: z.string().nullable(),
  verdict: z.enum(['applies', 'clear', 'unsure']),
  confidence: z.number().min(0).max(1),
  /** One line in English; `message` is the same line as a translation key and its parameters. */
  reason: z.string(),
  message: z.object({ key: z.string(), params: z.record(z.string(), z.string()) }),
  evidence: z.array(AssistEvidence),
});
export type AssistSuggestion = z.infer<typeof AssistSuggestion>;

export const AssistFindings = z.object({
  customer: z.object({ name: Field, tenantId: Field, domain: Field }),
  acknowledgement: z.object({
    signedBy: z.enum(['customer', 'partner', 'none', 'unsure']),
    date: z.string().nullable(),
    dateText: z.string().nullable(),
    cutoff: z.string().nullable(),
  }),
  products: z.array(z.object({ productId: z.string(), named: z.boolean(), alias: z.string().nullable() })),
  engagement: z.enum(['sufficient', 'thin', 'absent']),
  duplicates: z.array(z.object({ claimId: z.string(), sha256: Sha256, similarity: z.number() })),
});
export type AssistFindings = z.infer<typeof AssistFindings>;

export const AssistResult = z.object({
  claimId: z.string(),
  claimVersion: z.number().int(),
  status: z.enum(['pending', 'running', 'done', 'failed']),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  documents: z.array(z.object({ sha256: Sha256, pages: z.number().int(), text: z.enum(['layer', 'ocr', 'mixed', 'none']), error: z.string().nullable() })),
  findings: AssistFindings.nullable(),
  suggestions: z.array(AssistSuggestion),
});
export type AssistResult = z.infer<typeof AssistResult>;
