// A claim's PoE documents read against the claim: findings per document, merged for the claim, and one
// suggestion per checklist reason (per product for missing-product) with page evidence. Pure: the text
// with positions comes in, findings and suggestions come out. The reviewer decides; nothing is ticked here.
// Types in analyse-types.ts, one document's findings in document-findings.ts, messages in suggestion-text.ts.
import type { ChecklistReason } from '../codes';
import { judgeDate } from './acknowledgement';
import type { AssistClaimInput, AssistDocumentInput, FieldFinding, Findings, Suggestion } from './analyse-types';
import { cutoffDate, submissionDay } from './dates';
import { analyseDocument, type DocFindings } from './document-findings';
import type { EngagementVerdict } from './engagement';
import { ev, suggestion } from './suggestion-text';

export type { AssistClaimInput, AssistDocumentInput, Evidence, FieldFinding, Findings, Match, Suggestion, Verdict } from './analyse-types';
export { ASSIST_MESSAGES } from './suggestion-text';

export const ASSIST_VERSION = 3;
export interface AnalyseOptions {
  timeZone?: string;
}

/** Reads every document of a claim against it: merged findings and one suggestion per reason. */
export function analyseClaim(
  claim: AssistClaimInput,
  documents: readonly AssistDocumentInput[],
  options: AnalyseOptions = {},
): { findings: Findings; suggestions: Suggestion[] } {
  const tz = options.timeZone ?? 'UTC';
  const docs = documents.filter((d) => d.error === null).map((d) => analyseDocument(d, claim));
  const active = claim.products.filter((p) => !p.removed);
  const pages = docs.reduce((n, d) => n + d.doc.pages.length, 0);
  const suggestions: Suggestion[] = [];

  // Which document speaks for the claim: one naming the customer, best first.
  const rank = (d: DocFindings) =>
    (d.notPoe ? -10 : 0) +
    (d.tenant.match === 'match' ? 4 : d.tenant.match === 'mismatch' ? -4 : 0) +
    (d.name.match === 'match' ? 2 : d.name.match === 'mismatch' ? -2 : 0) +
    (d.domain.match === 'match' ? 1 : d.domain.match === 'mismatch' ? -1 : 0);
  const best = [...docs].sort((a, b) => rank(b) - rank(a))[0] ?? null;
  const field = (f: 'name' | 'tenant' | 'domain'): FieldFinding => {
    const m = docs.find((d) => d[f].match === 'match') ?? docs.find((d) => d[f].match === 'mismatch');
    return m ? { found: m[f].found, match: m[f].match } : { found: null, match: 'not-found' };
  };

  // missing-all-poe
  const forThisCustomer = docs.filter(
    (d) =>
      !d.notPoe &&
      d.tenant.match !== 'mismatch' &&
      d.domain.match !== 'mismatch' &&
      (d.tenant.match === 'match' || d.name.match === 'match' || d.domain.match === 'match'),
  );
  let allPoe: Suggestion;
  if (documents.length === 0) allPoe = suggestion('missing-all-poe', null, 'applies', 0.99, 'no-documents', {}, []);
  else if (forThisCustomer.length > 0) {
    const d = forThisCustomer[0]!;
    allPoe = suggestion(
      'missing-all-poe',
      null,
      'clear',
      d.tenant.match === 'match' ? 0.97 : 0.85,
      'customer-found',
      {},
      ev(d.sha256, d.tenant.at ?? d.name.at ?? d.domain.at),
    );
  } else if (best && best.notPoe)
    allPoe = suggestion('missing-all-poe', null, 'applies', 0.9, 'not-poe', { kind: best.notPoe }, ev(best.sha256, null, best.notPoe));
  else if (best && best.tenant.match === 'mismatch')
    allPoe = suggestion('missing-all-poe', null, 'applies', 0.95, 'tenant-mismatch', { found: best.tenant.found ?? '' }, ev(best.sha256, best.tenant.at));
  else if (best && best.domain.match === 'mismatch')
    allPoe = suggestion('missing-all-poe', null, 'applies', 0.9, 'domain-mismatch', { found: best.domain.found ?? '' }, ev(best.sha256, best.domain.at));
  else if (best && best.name.match === 'mismatch')
    allPoe = suggestion('missing-all-poe', null, 'applies', 0.9, 'other-customer', { found: best.name.found ?? '' }, ev(best.sha256, best.name.at));
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
  // who signed, most telling first: the customer, else the partner only, else a signer the reader is unsure of
  const signer = signed
    ? { doc: signed, verdict: 'clear' as const, confidence: 0.92, key: 'signed-customer' }
    : byPartner
      ? { doc: byPartner, verdict: 'applies' as const, confidence: 0.9, key: 'signed-partner' }
      : unclear
        ? { doc: unclear, verdict: 'unsure' as const, confidence: 0.5, key: 'signer-unclear' }
        : null;
  if (covered) suggestions.push(cover('missing-customer-acknowledgement', null));
  else if (signer) {
    const { doc, verdict, confidence, key } = signer;
    suggestions.push(
      suggestion('missing-customer-acknowledgement', null, verdict, confidence, key, { signer: doc.ack.signer ?? '' }, ev(doc.sha256, doc.ack.signerEvidence)),
    );
  } else
    suggestions.push(
      suggestion(
        'missing-customer-acknowledgement',
        null,
        'applies',
        ackDoc?.ocr ? 0.75 : 0.88,
        'unsigned',
        {},
        ev(ackDoc?.sha256 ?? '', ackDoc?.ack.anchor ?? null),
      ),
    );

  // date: the signed acknowledgement's date (else any document's acknowledgement date)
  const submitted = claim.submittedAt ?? claim.createdAt;
  const dated = [ackDoc, ...poeDocs].find((d) => d?.ack.date) ?? null;
  const found = dated?.ack.date ?? null;
  const judged = judgeDate(found, submitted, tz);
  const cutoff = cutoffDate(submissionDay(submitted, tz));
  const dateEv = dated ? ev(dated.sha256, dated.ack.dateEvidence) : ev(ackDoc?.sha256 ?? '', ackDoc?.ack.anchor ?? null);
  const shown = judged.date ?? found?.text ?? '';
  if (covered) suggestions.push(cover('date-missing-or-outdated', null));
  else if (judged.verdict === 'missing')
    suggestions.push(suggestion('date-missing-or-outdated', null, 'applies', ackDoc?.ocr ? 0.75 : 0.88, 'date-missing', {}, dateEv));
  else if (judged.verdict === 'ambiguous')
    suggestions.push(
      suggestion('date-missing-or-outdated', null, 'unsure', 0.5, 'date-ambiguous', { text: found!.text, readings: found!.readings.join(' / ') }, dateEv),
    );
  else if (judged.verdict === 'current')
    suggestions.push(
      suggestion('date-missing-or-outdated', null, 'clear', judged.resolved === 'single' ? 0.95 : 0.8, 'date-current', { date: shown, cutoff }, dateEv),
    );
  else
    suggestions.push(
      suggestion(
        'date-missing-or-outdated',
        null,
        'applies',
        judged.resolved === 'single' ? 0.95 : 0.8,
        judged.verdict === 'future' ? 'date-future' : 'date-outdated',
        { date: shown, cutoff },
        dateEv,
      ),
    );

  // engagement
  const eng = poeDocs.find((d) => d.engagement.verdict === 'sufficient') ?? poeDocs.find((d) => d.engagement.verdict === 'thin') ?? poeDocs[0] ?? null;
  const engagement: EngagementVerdict = eng?.engagement.verdict ?? 'absent';
  if (covered) suggestions.push(cover('missing-partner-solution', null));
  else if (engagement === 'sufficient')
    suggestions.push(suggestion('missing-partner-solution', null, 'clear', 0.9, 'engagement-sufficient', {}, ev(eng!.sha256, eng!.engagement.at)));
  else
    suggestions.push(
      suggestion(
        'missing-partner-solution',
        null,
        'applies',
        0.85,
        engagement === 'thin' ? 'engagement-thin' : 'engagement-absent',
        { text: eng?.engagement.at?.text ?? '' },
        eng ? ev(eng.sha256, eng.engagement.at) : [],
      ),
    );

  // products
  const productFindings: Findings['products'] = [];
  for (const p of active) {
    const hit = poeDocs.map((d) => ({ d, h: d.products.get(p.id) ?? null })).find((x) => x.h);
    productFindings.push({ productId: p.id, named: !!hit, alias: hit?.h?.alias ?? null });
    if (covered) suggestions.push(cover('missing-product', p.id));
    else if (hit)
      suggestions.push(
        suggestion('missing-product', p.id, 'clear', 0.95, 'product-named', { product: p.name, alias: hit.h!.alias }, ev(hit.d.sha256, hit.h!.at)),
      );
    else {
      const thin = poeDocs.every((d) => d.ocr) && poeDocs.every((d) => d.doc.folded.length < 200);
      suggestions.push(
        suggestion('missing-product', p.id, thin ? 'unsure' : 'applies', thin ? 0.5 : 0.9, 'product-missing', { product: p.name, pages: String(pages) }, []),
      );
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
