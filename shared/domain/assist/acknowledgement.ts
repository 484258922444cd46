// The customer acknowledgement in a document: where its block is, whether someone signed it and who
// (the customer's contact or staff vs the partner's), and which date is the acknowledgement's (the
// signature block's or a labelled document date — never a project start or end date in the prose).
import { cutoffVerdict, findDates, resolveOrder, type CutoffVerdict, type FoundDate } from './dates';
import { sameCompany, samePerson } from './identity';
import type { DocumentText, Located } from './layout';
import { foldForMatch } from './text';

export type SignedBy = 'customer' | 'partner' | 'none' | 'unsure';

export interface AckParties {
  customerName: string;
  customerDomain: string;
  customerContact: string;
  partnerName: string;
  partnerContact: string;
  partnerDomain: string | null;
}

const ANCHOR =
  /acknowledg|sign-?off|signature|signed by|signatory|accepted (?:on behalf|by)|approved by|we (?:hereby )?confirm|confirms that|客戶確認|簽名|簽署|簽章|確認/i;
// Labels also as OCR misreads them ("Nome;", "Narne:", "Tite;", "Tile:", "Dore:"): a label is only a label before its colon
const NAME_LABEL = '(?:[nm][ao]me|narne|nane)';
const TITLE_LABEL = '(?:t[i1l](?:t[il1]?|l)?e)';
const NAME_FIELD = new RegExp(
  `(?:^|[\\s|])(?:${NAME_LABEL}(?:\\s*\\/\\s*${TITLE_LABEL})?|printed name|signed by|signatory|姓名|簽署人)\\s*[:;：]\\s*(.*)$`,
  'i',
);
const VALEDICTION = /^(?:best regards|kind regards|regards|sincerely|yours (?:sincerely|faithfully)|thanks|thank you|many thanks|敬上|謝謝)[,，!.]?\s*$/i;
const UNSIGNED = /未簽署|\bunsigned\b|\bnot signed\b/i;
// "Sent:" is a printed e-mail's date header (Outlook), where the e-mail is the acknowledgement
const DATE_LABEL = /(?:^|[\s|])(?:d[ao][tlr]e(?:d)?|signed on|date signed|sent|簽署日期|日期)\s*[:;：]/i;
const TITLE_SPLIT = new RegExp(`\\s{2,}|\\s(?:${TITLE_LABEL}|職稱)\\s*[:;：]|\\|`, 'i');

export interface AckFinding {
  signedBy: SignedBy;
  signer: string | null;
  signerEvidence: Located | null;
  anchor: Located | null;
  date: FoundDate | null;
  dateEvidence: Located | null;
}

/** Index of the first line of the acknowledgement block, or -1. Prefers a heading/label over prose. */
function blockStart(doc: DocumentText): number {
  const lines = doc.lines;
  const strong = lines.findIndex((l) => /customer acknowledg|客戶確認|sign-?off|^signature|accepted on behalf/i.test(l.text.trim()));
  if (strong >= 0) return strong;
  return lines.findIndex((l) => ANCHOR.test(l.text));
}

function blankValue(v: string): boolean {
  return v.replace(/[_\s.\-–—:：()（）]/g, '').length === 0 || UNSIGNED.test(v);
}

/** Who signed: customer contact / customer staff, partner staff, nobody, or unclear. `ocr`: the text was read by OCR. */
export function findAcknowledgement(doc: DocumentText, p: AckParties, ocr = false): AckFinding {
  const start = blockStart(doc);
  const lines = doc.lines;
  const anchor = start >= 0 ? doc.locateLine(start) : null;
  const from = start >= 0 ? start : Math.max(0, lines.length - 12);
  const block = lines.slice(from);
  const foldedCustomer = foldForMatch(p.customerContact);
  const foldedPartner = foldForMatch(p.partnerContact);

  let blank = false;
  const candidates: { name: string; li: number }[] = [];
  block.forEach((l, k) => {
    const li = from + k;
    const m = NAME_FIELD.exec(l.text);
    if (m) {
      const value = m[1]!.split(TITLE_SPLIT)[0]!.split(/[,，]/)[0]!.trim();
      if (blankValue(value)) blank = true;
      else candidates.push({ name: value, li });
    }
    if (VALEDICTION.test(l.text.trim()) && lines[li + 1]) {
      const next = lines[li + 1]!.text.split(/[,，]/)[0]!.trim();
      if (next && !blankValue(next)) candidates.push({ name: next, li: li + 1 });
    }
    if (UNSIGNED.test(l.text)) blank = true;
  });
  // a name written next to a drawn signature, or anywhere in the block
  block.forEach((l, k) => {
    const f = foldForMatch(l.text);
    if (foldedCustomer.length > 3 && f.includes(foldedCustomer)) candidates.push({ name: p.customerContact, li: from + k });
    if (foldedPartner.length > 3 && f.includes(foldedPartner)) candidates.push({ name: p.partnerContact, li: from + k });
  });

  let signedBy: SignedBy = 'none';
  let signer: { name: string; li: number } | null = null;
  const customer = candidates.find((c) => samePerson(c.name, p.customerContact, ocr) || emailAt(c.name, p.customerDomain));
  const partner = candidates.find((c) => samePerson(c.name, p.partnerContact, ocr) || (p.partnerDomain !== null && emailAt(c.name, p.partnerDomain)));
  if (customer && !partner) [signedBy, signer] = ['customer', customer];
  else if (partner && !customer) [signedBy, signer] = ['partner', partner];
  else if (customer && partner) {
    // both named: the one on a name field / after the valediction decides; else unclear
    const fieldCustomer = NAME_FIELD.test(lines[customer.li]!.text) || customer.li > partner.li;
    [signedBy, signer] = fieldCustomer ? ['customer', customer] : ['partner', partner];
  } else if (candidates.length > 0) {
    // someone else signed: whose side is named on their line or the next
    const c = candidates[0]!;
    const around = `${lines[c.li]!.text} ${lines[c.li + 1]?.text ?? ''}`;
    const ofCustomer = sameCompanyIn(around, p.customerName) || emailAt(around, p.customerDomain);
    const ofPartner = sameCompanyIn(around, p.partnerName) || (p.partnerDomain !== null && emailAt(around, p.partnerDomain));
    signedBy = ofCustomer && !ofPartner ? 'customer' : ofPartner && !ofCustomer ? 'partner' : 'unsure';
    signer = c;
  } else if (!blank && start < 0) signedBy = 'none';

  const date = ackDate(doc, from, signer?.li ?? null);
  return {
    signedBy,
    signer: signer?.name ?? null,
    signerEvidence: signer ? doc.locateLine(signer.li) : null,
    anchor,
    date: date?.date ?? null,
    dateEvidence: date ? doc.locateRaw(date.date.index, date.date.end - date.date.index) : null,
  };
}

function emailAt(text: string, domain: string): boolean {
  return new RegExp(`@(?:[a-z0-9-]+\\.)*${domain.replace(/[.]/g, '\\.')}\\b`, 'i').test(text);
}

function sameCompanyIn(text: string, company: string): boolean {
  const parts = text
    .split(/[,，()（）|]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.some((s) => sameCompany(s, company)) || foldForMatch(text).includes(foldForMatch(company));
}

/** The acknowledgement's date: a labelled date in the block, else a labelled date anywhere, else a date on the signer's line. */
function ackDate(doc: DocumentText, from: number, signerLine: number | null): { date: FoundDate } | null {
  const all = findDates(doc.raw);
  const inLine = (li: number) => all.filter((d) => doc.lineOfRaw(d.index) === li);
  const labelled = (li: number) => DATE_LABEL.test(doc.lines[li]!.text);
  const pick = (d: FoundDate | undefined) =>
    d
      ? {
          date: resolveOrder(
            d,
            all.filter((o) => o !== d),
          ),
        }
      : null;
  for (let li = from; li < doc.lines.length; li++) if (labelled(li) && inLine(li).length) return pick(inLine(li)[0]);
  for (let li = 0; li < from; li++) if (labelled(li) && inLine(li).length) return pick(inLine(li)[0]);
  if (signerLine !== null) for (let li = signerLine; li < Math.min(doc.lines.length, signerLine + 3); li++) if (inLine(li).length) return pick(inLine(li)[0]);
  return null;
}

export interface DateJudgement {
  verdict: CutoffVerdict | 'missing' | 'ambiguous';
  /** The reading used (null when missing or when ambiguous readings disagree). */
  date: string | null;
  resolved: 'single' | 'context' | 'agree' | null;
}

/** Judges an acknowledgement date against the 12-month cut-off; an ambiguous date is resolved by context when it can be. */
export function judgeDate(date: FoundDate | null, submittedAt: string, timeZone: string): DateJudgement {
  if (!date) return { verdict: 'missing', date: null, resolved: null };
  if (date.readings.length === 1) return { verdict: cutoffVerdict(date.readings[0]!, submittedAt, timeZone), date: date.readings[0]!, resolved: 'single' };
  const verdicts = date.readings.map((r) => cutoffVerdict(r, submittedAt, timeZone));
  if (verdicts.every((v) => v === verdicts[0])) return { verdict: verdicts[0]!, date: null, resolved: 'agree' };
  // a reading after the submission is the less likely one when the other is inside the window
  const current = verdicts.map((v, i) => (v === 'current' ? i : -1)).filter((i) => i >= 0);
  if (current.length === 1 && verdicts.some((v) => v === 'future') && !verdicts.includes('outdated')) {
    return { verdict: 'current', date: date.readings[current[0]!]!, resolved: 'context' };
  }
  return { verdict: 'ambiguous', date: null, resolved: null };
}
