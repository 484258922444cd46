// Building one suggestion: its English line from the message table (the renderer translates the key)
// and its page evidence.
import type { ChecklistReason } from '../codes';
import type { Evidence, Suggestion, Verdict } from './analyse-types';
import type { Located } from './layout';

export const ev = (sha256: string, at: Located | null, fallback = ''): Evidence[] =>
  at ? [{ sha256, page: at.page, rect: at.rect, text: at.text }] : fallback ? [{ sha256, page: 1, rect: null, text: fallback }] : [];

export function suggestion(
  code: ChecklistReason,
  productId: string | null,
  verdict: Verdict,
  confidence: number,
  key: string,
  params: Record<string, string>,
  evidence: Evidence[],
): Suggestion {
  return { code, productId, verdict, confidence, reason: englishReason(key, params), message: { key, params }, evidence };
}

/** The English line of each message key (the renderer translates the key). */
export const ASSIST_MESSAGES: Record<string, string> = {
  'no-documents': 'No PoE document is attached.',
  'not-poe': 'The document does not look like a PoE ({{kind}}).',
  'other-customer': 'The document names another customer ({{found}}).',
  'tenant-mismatch': "The tenant ID in the document ({{found}}) is not the claim's.",
  'domain-mismatch': "The domain in the document ({{found}}) is not the claim's.",
  'customer-found': "The document names the claim's customer.",
  'customer-not-found': "Neither the customer's name, domain nor tenant ID was found.",
  'signed-customer': 'Signed by the customer ({{signer}}).',
  'signed-partner': 'Signed by the partner ({{signer}}), not the customer.',
  unsigned: 'No customer signature was found.',
  'signer-unclear': 'A signature by {{signer}}: not clear whose side.',
  'date-current': 'Acknowledged on {{date}}, within 12 months before submission (cut-off {{cutoff}}).',
  'date-outdated': 'Acknowledged on {{date}}, more than 12 months before submission (cut-off {{cutoff}}).',
  'date-future': 'Dated {{date}}, after the claim was submitted.',
  'date-missing': 'The acknowledgement has no date.',
  'date-ambiguous': 'The date {{text}} can be read two ways: {{readings}}.',
  'engagement-sufficient': 'The work done is described.',
  'engagement-thin': 'The description of the work is thin ("{{text}}").',
  'engagement-absent': 'The work done is not described.',
  'product-named': '{{product}} is named ("{{alias}}").',
  'product-missing': '{{product}} is not named in the {{pages}} page(s).',
  'covered-by-missing-all-poe': 'Covered by "missing all PoE".',
  unreadable: 'The document could not be read well enough to judge.',
};

function englishReason(key: string, params: Record<string, string>): string {
  return (ASSIST_MESSAGES[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');
}
