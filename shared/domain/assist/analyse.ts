// A claim's PoE documents read against the claim: findings per document, merged for the claim, and one
// suggestion per checklist reason (per product for missing-product) with page evidence. Pure: the text
// with positions comes in, findings and suggestions come out. The reviewer decides; nothing is ticked here.
import type { ChecklistReason } from '../codes';
import { findAcknowledgement, judgeDate, type SignedBy } from './acknowledgement';
import { cutoffDate, submissionDay } from './dates';
import { assessEngagement, type EngagementVerdict } from './engagement';
import { companyCore, compareGuid, findDomains, findGuids, nameVariants, sameDomain } from './identity';
import { DocumentText, type Located, type PageText, type Rect } from './layout';
import { findProduct } from './products';
import { editDistance, findWord, foldForMatch } from './text';

export const ASSIST_VERSION = 2;

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

export interface AssistDocumentInput { sha256: string; pages: PageText[]; text: 'layer' | 'ocr' | 'mixed' | 'none'; error: string | null }

export type Match = 'match' | 'mismatch' | 'not-found';
export type Verdict = 'applies' | 'clear' | 'unsure';
export interface Evidence { sha256: string; page: number; rect: Rect | null; text: string }
export interface FieldFinding { found: string | null; match: Match }

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

interface DocFindings {
  sha256: string;
  doc: DocumentText;
  notPoe: 'blank' | 'invoice' | 'other' | null;
  name: FieldFinding & { at: Located | null };
  tenant: FieldFinding & { at: Located | null };
  domain: FieldFinding & { at: Located | null };
  ack: ReturnType<typeof findAcknowledgement>;
  products: Map<string, { alias: string; at: Located | null } | null>;
  engagement: { verdict: EngagementVerdict; at: Located | null };
  ocr: boolean;
}

const LABELLED_CUSTOMER = /(?:customer(?: company)?(?: name)?|client|company|客戶名稱|客戶)\s*[:：]\s*(.+)$/i;
const NOT_POE_INVOICE = /\binvoice (?:no|number|#)|\btax invoice\b|\bamount due\b|\bsubtotal\b|統一發票|發票號碼/i;

function analyseDocument(input: AssistDocumentInput, claim: AssistClaimInput): DocFindings {
  const doc = new DocumentText(input.pages);
  const raw = doc.raw;
  const partnerDomain = claim.partnerContact.email.split('@')[1]?.toLowerCase() ?? null;

  // tenant ID
  const guids = findGuids(raw).filter((g) => !claim.subscriptionId || compareGuid(g.guid, claim.subscriptionId) !== 'match');
  const ocr = input.text === 'ocr';
  // OCR cannot tell 1 from 4 or 8 from 9: on an OCR'd page a near miss counts as the claimed ID (lower confidence)
  const exact = guids.find((g) => compareGuid(g.guid, claim.customer.tenantId) === 'match' || (ocr && compareGuid(g.guid, claim.customer.tenantId) === 'near-miss'));
  const near = guids.find((g) => compareGuid(g.guid, claim.customer.tenantId) === 'near-miss');
  const labelled = guids.find((g) => /tenant|租用戶|租戶/i.test(doc.lines[doc.lineOfRaw(g.index)]!.text));
  const tenantHit = exact ?? near ?? labelled ?? guids[0];
  const tenant = {
    found: tenantHit?.guid ?? null,
    match: (exact ? 'match' : tenantHit ? 'mismatch' : 'not-found') as Match,
    at: tenantHit ? doc.locateRaw(tenantHit.index, tenantHit.end - tenantHit.index) : null,
  };

  // customer name
  let name: DocFindings['name'] = { found: null, match: 'not-found', at: null };
  for (const v of nameVariants(claim.customer.name)) {
    const hit = findWord(doc.folded, v)[0];
    if (hit !== undefined) {
      const at = doc.locateFolded(hit, v.length);
      name = { found: at?.text ?? v, match: 'match', at };
      break;
    }
  }
  if (name.match === 'not-found') {
    const li = doc.lines.findIndex((l) => LABELLED_CUSTOMER.test(l.text));
    if (li >= 0) {
      const value = LABELLED_CUSTOMER.exec(doc.lines[li]!.text)![1]!.split(/\s{2,}|\|/)[0]!.trim();
      const close = ocr && nameVariants(claim.customer.name).some((v) => editDistance(companyCore(value), v, 3) <= 3);
      if (value && foldForMatch(value).length > 2) name = { found: value, match: close ? 'match' : 'mismatch', at: doc.locateLine(li) };
    }
  }

  // domain
  const domains = findDomains(raw).filter((d) => !(partnerDomain && sameDomain(d.domain, partnerDomain)));
  const domainHit = domains.find((d) => sameDomain(d.domain, claim.customer.domain) || (ocr && editDistance(d.domain, claim.customer.domain, 2) <= 2));
  const otherDomain = domains.find((d) => !d.email && /domain|網域|網址/i.test(doc.lines[doc.lineOfRaw(d.index)]!.text));
  const dHit = domainHit ?? otherDomain;
  const domain = { found: dHit?.domain ?? null, match: (domainHit ? 'match' : dHit ? 'mismatch' : 'not-found') as Match, at: dHit ? doc.locateRaw(dHit.index, dHit.end - dHit.index) : null };

  const ack = findAcknowledgement(doc, {
    customerName: claim.customer.name, customerDomain: claim.customer.domain, customerContact: claim.customerContact.name,
    partnerName: claim.partner.name, partnerContact: claim.partnerContact.name, partnerDomain,
  });

  const products = new Map<string, { alias: string; at: Located | null } | null>();
  for (const p of claim.products.filter((x) => !x.removed)) {
    const hit = findProduct(doc.folded, p.name, ocr);
    products.set(p.id, hit ? { alias: hit.alias, at: doc.locateFolded(hit.index, hit.length) } : null);
  }

  const e = assessEngagement(raw);
  const engagement = { verdict: e.verdict, at: e.index >= 0 ? doc.locateRaw(e.index, e.length) : null };

  const letters = doc.folded.replace(/[^\p{L}\p{N}]/gu, '').length;
  // nothing a PoE is made of — no acknowledgement, no work described, no product, no tenant ID (an agenda, a brochure)
  const nothingOfAPoe = ack.signedBy === 'none' && ack.anchor === null && ack.date === null && e.verdict === 'absent' && [...products.values()].every((p) => p === null) && tenant.match === 'not-found';
  const notPoe = letters < 20 ? 'blank' : NOT_POE_INVOICE.test(raw) && ack.signedBy !== 'customer' ? 'invoice' : nothingOfAPoe ? 'other' : null;
  return { sha256: input.sha256, doc, notPoe, name, tenant, domain, ack, products, engagement, ocr: input.text === 'ocr' };
}

const ev = (sha256: string, at: Located | null, fallback = ''): Evidence[] => (at ? [{ sha256, page: at.page, rect: at.rect, text: at.text }] : fallback ? [{ sha256, page: 1, rect: null, text: fallback }] : []);

function suggestion(code: ChecklistReason, productId: string | null, verdict: Verdict, confidence: number, key: string, params: Record<string, string>, evidence: Evidence[]): Suggestion {
  return { code, productId, verdict, confidence, reason: englishReason(key, params), message: { key, params }, evidence };
}

/** The English line of each message key (the renderer translates the key). */
export const ASSIST_MESSAGES: Record<string, string> = {
  'no-documents': 'No PoE document is attached.',
  'not-poe': 'The document does not look like a PoE ({{kind}}).',
  'other-customer': 'The document names another customer ({{found}}).',
  'tenant-mismatch': 'The tenant ID in the document ({{found}}) is not the claim\'s.',
  'domain-mismatch': 'The domain in the document ({{found}}) is not the claim\'s.',
  'customer-found': 'The document names the claim\'s customer.',
  'customer-not-found': 'Neither the customer\'s name, domain nor tenant ID was found.',
  'signed-customer': 'Signed by the customer ({{signer}}).',
  'signed-partner': 'Signed by the partner ({{signer}}), not the customer.',
  'unsigned': 'No customer signature was found.',
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
  'unreadable': 'The document could not be read well enough to judge.',
};

function englishReason(key: string, params: Record<string, string>): string {
  return (ASSIST_MESSAGES[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');
}

export interface AnalyseOptions { timeZone?: string }

/** Reads every document of a claim against it: merged findings and one suggestion per reason. */
export function analyseClaim(claim: AssistClaimInput, documents: readonly AssistDocumentInput[], options: AnalyseOptions = {}): { findings: Findings; suggestions: Suggestion[] } {
  const tz = options.timeZone ?? 'UTC';
  const docs = documents.filter((d) => d.error === null).map((d) => analyseDocument(d, claim));
  const active = claim.products.filter((p) => !p.removed);
  const pages = docs.reduce((n, d) => n + d.doc.pages.length, 0);
  const suggestions: Suggestion[] = [];

  // Which document speaks for the claim: one naming the customer, best first.
  const rank = (d: DocFindings) => (d.notPoe ? -10 : 0) + (d.tenant.match === 'match' ? 4 : d.tenant.match === 'mismatch' ? -4 : 0) + (d.name.match === 'match' ? 2 : d.name.match === 'mismatch' ? -2 : 0) + (d.domain.match === 'match' ? 1 : d.domain.match === 'mismatch' ? -1 : 0);
  const best = [...docs].sort((a, b) => rank(b) - rank(a))[0] ?? null;
  const field = (f: 'name' | 'tenant' | 'domain'): FieldFinding => {
    const m = docs.find((d) => d[f].match === 'match') ?? docs.find((d) => d[f].match === 'mismatch');
    return m ? { found: m[f].found, match: m[f].match } : { found: null, match: 'not-found' };
  };

  // missing-all-poe
  const forThisCustomer = docs.filter((d) => !d.notPoe && d.tenant.match !== 'mismatch' && d.domain.match !== 'mismatch' && (d.tenant.match === 'match' || d.name.match === 'match' || d.domain.match === 'match'));
  let allPoe: Suggestion;
  if (documents.length === 0) allPoe = suggestion('missing-all-poe', null, 'applies', 0.99, 'no-documents', {}, []);
  else if (forThisCustomer.length > 0) {
    const d = forThisCustomer[0]!;
    allPoe = suggestion('missing-all-poe', null, 'clear', d.tenant.match === 'match' ? 0.97 : 0.85, 'customer-found', {}, ev(d.sha256, d.tenant.at ?? d.name.at ?? d.domain.at));
  } else if (best && best.notPoe) allPoe = suggestion('missing-all-poe', null, 'applies', 0.9, 'not-poe', { kind: best.notPoe }, ev(best.sha256, null, best.notPoe));
  else if (best && best.tenant.match === 'mismatch') allPoe = suggestion('missing-all-poe', null, 'applies', 0.95, 'tenant-mismatch', { found: best.tenant.found ?? '' }, ev(best.sha256, best.tenant.at));
  else if (best && best.domain.match === 'mismatch') allPoe = suggestion('missing-all-poe', null, 'applies', 0.9, 'domain-mismatch', { found: best.domain.found ?? '' }, ev(best.sha256, best.domain.at));
  else if (best && best.name.match === 'mismatch') allPoe = suggestion('missing-all-poe', null, 'applies', 0.9, 'other-customer', { found: best.name.found ?? '' }, ev(best.sha256, best.name.at));
  else if (docs.length === 0 || docs.every((d) => d.doc.folded.length < 40)) allPoe = suggestion('missing-all-poe', null, 'unsure', 0.4, 'unreadable', {}, []);
  else allPoe = suggestion('missing-all-poe', null, docs.some((d) => d.ocr) ? 'unsure' : 'applies', 0.6, 'customer-not-found', {}, []);
  suggestions.push(allPoe);

  const covered = allPoe.verdict === 'applies';
  const cover = (code: ChecklistReason, productId: string | null) => suggestion(code, productId, 'clear', 0.9, 'covered-by-missing-all-poe', {}, []);
  const poeDocs = forThisCustomer.length > 0 ? forThisCustomer : docs.filter((d) => !d.notPoe);

  // acknowledgement: the customer's signature in any document
  const signed = poeDocs.find((d) => d.ack.signedBy === 'customer');
  const byPartner = poeDocs.find((d) => d.ack.signedBy === 'partner');
  const unclear = poeDocs.find((d) => d.ack.signedBy === 'unsure');
  const ackDoc = signed ?? byPartner ?? unclear ?? poeDocs[0] ?? null;
  if (covered) suggestions.push(cover('missing-customer-acknowledgement', null));
  else if (signed) suggestions.push(suggestion('missing-customer-acknowledgement', null, 'clear', 0.92, 'signed-customer', { signer: signed.ack.signer ?? '' }, ev(signed.sha256, signed.ack.signerEvidence)));
  else if (byPartner) suggestions.push(suggestion('missing-customer-acknowledgement', null, 'applies', 0.9, 'signed-partner', { signer: byPartner.ack.signer ?? '' }, ev(byPartner.sha256, byPartner.ack.signerEvidence)));
  else if (unclear) suggestions.push(suggestion('missing-customer-acknowledgement', null, 'unsure', 0.5, 'signer-unclear', { signer: unclear.ack.signer ?? '' }, ev(unclear.sha256, unclear.ack.signerEvidence)));
  else suggestions.push(suggestion('missing-customer-acknowledgement', null, 'applies', ackDoc?.ocr ? 0.75 : 0.88, 'unsigned', {}, ev(ackDoc?.sha256 ?? '', ackDoc?.ack.anchor ?? null)));

  // date: the signed acknowledgement's date (else any document's acknowledgement date)
  const submitted = claim.submittedAt ?? claim.createdAt;
  const dated = [ackDoc, ...poeDocs].find((d) => d?.ack.date) ?? null;
  const found = dated?.ack.date ?? null;
  const judged = judgeDate(found, submitted, tz);
  const cutoff = cutoffDate(submissionDay(submitted, tz));
  const dateEv = dated ? ev(dated.sha256, dated.ack.dateEvidence) : ev(ackDoc?.sha256 ?? '', ackDoc?.ack.anchor ?? null);
  const shown = judged.date ?? found?.text ?? '';
  if (covered) suggestions.push(cover('date-missing-or-outdated', null));
  else if (judged.verdict === 'missing') suggestions.push(suggestion('date-missing-or-outdated', null, 'applies', ackDoc?.ocr ? 0.75 : 0.88, 'date-missing', {}, dateEv));
  else if (judged.verdict === 'ambiguous') suggestions.push(suggestion('date-missing-or-outdated', null, 'unsure', 0.5, 'date-ambiguous', { text: found!.text, readings: found!.readings.join(' / ') }, dateEv));
  else if (judged.verdict === 'current') suggestions.push(suggestion('date-missing-or-outdated', null, 'clear', judged.resolved === 'single' ? 0.95 : 0.8, 'date-current', { date: shown, cutoff }, dateEv));
  else suggestions.push(suggestion('date-missing-or-outdated', null, 'applies', judged.resolved === 'single' ? 0.95 : 0.8, judged.verdict === 'future' ? 'date-future' : 'date-outdated', { date: shown, cutoff }, dateEv));

  // engagement
  const eng = poeDocs.find((d) => d.engagement.verdict === 'sufficient') ?? poeDocs.find((d) => d.engagement.verdict === 'thin') ?? poeDocs[0] ?? null;
  const engagement: EngagementVerdict = eng?.engagement.verdict ?? 'absent';
  if (covered) suggestions.push(cover('missing-partner-solution', null));
  else if (engagement === 'sufficient') suggestions.push(suggestion('missing-partner-solution', null, 'clear', 0.9, 'engagement-sufficient', {}, ev(eng!.sha256, eng!.engagement.at)));
  else suggestions.push(suggestion('missing-partner-solution', null, 'applies', 0.85, engagement === 'thin' ? 'engagement-thin' : 'engagement-absent', { text: eng?.engagement.at?.text ?? '' }, eng ? ev(eng.sha256, eng.engagement.at) : []));

  // products
  const productFindings: Findings['products'] = [];
  for (const p of active) {
    const hit = poeDocs.map((d) => ({ d, h: d.products.get(p.id) ?? null })).find((x) => x.h);
    productFindings.push({ productId: p.id, named: !!hit, alias: hit?.h?.alias ?? null });
    if (covered) suggestions.push(cover('missing-product', p.id));
    else if (hit) suggestions.push(suggestion('missing-product', p.id, 'clear', 0.95, 'product-named', { product: p.name, alias: hit.h!.alias }, ev(hit.d.sha256, hit.h!.at)));
    else {
      const thin = poeDocs.every((d) => d.ocr) && poeDocs.every((d) => d.doc.folded.length < 200);
      suggestions.push(suggestion('missing-product', p.id, thin ? 'unsure' : 'applies', thin ? 0.5 : 0.9, 'product-missing', { product: p.name, pages: String(pages) }, []));
    }
  }

  const findings: Findings = {
    customer: { name: field('name'), tenantId: field('tenant'), domain: field('domain') },
    acknowledgement: { signedBy: ackDoc?.ack.signedBy ?? 'none', date: judged.date, dateText: found?.text ?? null, cutoff },
    products: productFindings,
    engagement,
    duplicates: [],
  };
  return { findings, suggestions };
}
