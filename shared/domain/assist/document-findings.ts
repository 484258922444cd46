// One PoE document read against its claim: customer name, tenant ID and domain, the acknowledgement,
// the products named, the engagement described, and whether it looks like no PoE at all.
import { findAcknowledgement } from './acknowledgement';
import type { AssistClaimInput, AssistDocumentInput, FieldFinding, Match } from './analyse-types';
import { assessEngagement, type EngagementVerdict } from './engagement';
import { companyCore, compareGuid, findDomains, findGuids, nameVariants, sameDomain } from './identity';
import { DocumentText, type Located } from './layout';
import { findProduct } from './products';
import { editDistance, findWord, foldForMatch } from './text';

export interface DocFindings {
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

export function analyseDocument(input: AssistDocumentInput, claim: AssistClaimInput): DocFindings {
  const doc = new DocumentText(input.pages);
  const raw = doc.raw;
  const partnerDomain = claim.partnerContact.email.split('@')[1]?.toLowerCase() ?? null;

  // tenant ID
  const guids = findGuids(raw).filter((g) => !claim.subscriptionId || compareGuid(g.guid, claim.subscriptionId) !== 'match');
  const ocr = input.text === 'ocr';
  // OCR cannot tell 1 from 4 or 8 from 9: on an OCR'd page a near miss counts as the claimed ID (lower confidence)
  const exact = guids.find(
    (g) => compareGuid(g.guid, claim.customer.tenantId) === 'match' || (ocr && compareGuid(g.guid, claim.customer.tenantId) === 'near-miss'),
  );
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
      const value = LABELLED_CUSTOMER.exec(doc.lines[li]!.text)![1]!
        .split(/\s{2,}|\|/)[0]!
        .trim();
      const close = ocr && nameVariants(claim.customer.name).some((v) => editDistance(companyCore(value), v, 3) <= 3);
      if (value && foldForMatch(value).length > 2) name = { found: value, match: close ? 'match' : 'mismatch', at: doc.locateLine(li) };
    }
  }

  // domain
  const domains = findDomains(raw).filter((d) => !(partnerDomain && sameDomain(d.domain, partnerDomain)));
  const domainHit = domains.find((d) => sameDomain(d.domain, claim.customer.domain) || (ocr && editDistance(d.domain, claim.customer.domain, 2) <= 2));
  const otherDomain = domains.find((d) => !d.email && /domain|網域|網址/i.test(doc.lines[doc.lineOfRaw(d.index)]!.text));
  const dHit = domainHit ?? otherDomain;
  const domain = {
    found: dHit?.domain ?? null,
    match: (domainHit ? 'match' : dHit ? 'mismatch' : 'not-found') as Match,
    at: dHit ? doc.locateRaw(dHit.index, dHit.end - dHit.index) : null,
  };

  const ack = findAcknowledgement(
    doc,
    {
      customerName: claim.customer.name,
      customerDomain: claim.customer.domain,
      customerContact: claim.customerContact.name,
      partnerName: claim.partner.name,
      partnerContact: claim.partnerContact.name,
      partnerDomain,
    },
    ocr,
  );

  const products = new Map<string, { alias: string; at: Located | null } | null>();
  for (const p of claim.products.filter((x) => !x.removed)) {
    const hit = findProduct(doc.folded, p.name, ocr);
    products.set(p.id, hit ? { alias: hit.alias, at: doc.locateFolded(hit.index, hit.length) } : null);
  }

  const e = assessEngagement(raw);
  const engagement = { verdict: e.verdict, at: e.index >= 0 ? doc.locateRaw(e.index, e.length) : null };

  const letters = doc.folded.replace(/[^\p{L}\p{N}]/gu, '').length;
  // nothing a PoE is made of — no acknowledgement, no work described, no product, no tenant ID (an agenda, a brochure)
  const nothingOfAPoe =
    ack.signedBy === 'none' &&
    ack.anchor === null &&
    ack.date === null &&
    e.verdict === 'absent' &&
    [...products.values()].every((p) => p === null) &&
    tenant.match === 'not-found';
  const notPoe = letters < 20 ? 'blank' : NOT_POE_INVOICE.test(raw) && ack.signedBy !== 'customer' ? 'invoice' : nothingOfAPoe ? 'other' : null;
  return { sha256: input.sha256, doc, notPoe, name, tenant, domain, ack, products, engagement, ocr: input.text === 'ocr' };
}
