// The customer's identity in a document: company names compared tolerantly (case, punctuation, legal
// forms such as Ltd./Inc./股份有限公司, an English and a zh-TW name side by side), tenant IDs compared
// exactly (a near-miss GUID is a mismatch, reported as such), and domain names.
import { foldForMatch, isCjk, ocrWordEdits } from './text';

const LEGAL_FORMS = [
  'co ltd',
  'company limited',
  'co limited',
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'llc',
  'llp',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'bv',
  'nv',
  'pte',
  'pty',
  'kk',
  'co',
  'company',
  'group holdings',
  'holdings',
];
const CJK_LEGAL_FORMS = ['股份有限公司', '有限公司', '分公司', '公司'];

/** The distinctive core of a company name: folded, without its legal form. */
export function companyCore(name: string): string {
  let s = foldForMatch(name);
  for (const f of CJK_LEGAL_FORMS) s = s.replace(new RegExp(`${f}$`), '').trim();
  let changed = true;
  while (changed) {
    changed = false;
    for (const f of LEGAL_FORMS) {
      if (s.endsWith(` ${f}`) && s.length > f.length + 3) {
        s = s.slice(0, -f.length - 1).trim();
        changed = true;
      }
    }
  }
  return s;
}

/** The forms a claim's customer name may take in a document: the Latin part and the CJK part separately. */
export function nameVariants(name: string): string[] {
  const core = companyCore(name);
  const latin = core
    .replace(/[^\s\p{Script=Latin}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cjk = [...core].filter((c) => isCjk(c)).join('');
  return [...new Set([core, latin, cjk].filter((v) => v.length >= 3 || (isCjk(v) && v.length >= 2)))];
}

/** Whether two company names are the same company (tolerant of case, punctuation and legal form). */
export function sameCompany(a: string, b: string): boolean {
  const va = nameVariants(a);
  const vb = nameVariants(b);
  return va.some((x) => vb.includes(x));
}

/** Characters OCR reads for a hex digit that are not hex digits themselves (so repairing them never hides a real difference). */
const OCR_HEX: Record<string, string> = { o: '0', O: '0', l: '1', I: '1', '|': '1', '¢': 'c', '€': 'e', S: '5', Z: '2', g: '9', q: '9' };
const H = '[0-9a-fA-FoOlI|¢€SZgq]';
export const GUID_RE = new RegExp(`${H}{8}[-‐–—\\s]?${H}{4}[-‐–—\\s]?${H}{4}[-‐–—\\s]?${H}{4}[-‐–—\\s]?${H}{12}`, 'g');

/**
 * A GUID as written (possibly read by OCR) to its canonical lowercase form, or null. Only characters
 * that are not hex digits are repaired (O→0, l/I→1, ¢→c, …); a differing hex digit stays a difference.
 */
export function canonicalGuid(text: string): string | null {
  const hex = text
    .replace(/[-‐–—\s]/g, '')
    .replace(/[oOlI|¢€SZgq]/g, (c) => OCR_HEX[c]!)
    .toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type GuidComparison = 'match' | 'near-miss' | 'different';

/** Exact compare of tenant IDs; `near-miss` when at most 4 hex digits differ or two are swapped. */
export function compareGuid(found: string, claimed: string): GuidComparison {
  const a = canonicalGuid(found);
  const b = canonicalGuid(claimed);
  if (!a || !b) return 'different';
  if (a === b) return 'match';
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff <= 4 ? 'near-miss' : 'different';
}

/** Every GUID written in `text`, canonical, with where it is. */
export function findGuids(text: string): { guid: string; index: number; end: number }[] {
  const out: { guid: string; index: number; end: number }[] = [];
  GUID_RE.lastIndex = 0;
  for (let m = GUID_RE.exec(text); m; m = GUID_RE.exec(text)) {
    const before = text[m.index - 1];
    const after = text[m.index + m[0].length];
    if ((before && /[0-9a-z]/i.test(before)) || (after && /[0-9a-z]/i.test(after))) continue;
    const guid = canonicalGuid(m[0]);
    if (guid && /\d/.test(guid) && /[a-f0-9]{8}/.test(guid)) out.push({ guid, index: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Domain names written in `text` (also the part after @ of an e-mail address), lowercased. */
export function findDomains(text: string): { domain: string; index: number; end: number; email: boolean }[] {
  const out: { domain: string; index: number; end: number; email: boolean }[] = [];
  const re = /(@)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62})(?![a-z0-9-])/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const domain = m[2]!.toLowerCase().replace(/\.$/, '');
    if (/^\d/.test(domain.split('.').pop()!)) continue;
    if (/\.(pdf|png|jpe?g|docx?|xlsx?)$/.test(domain)) continue;
    const start = m.index + (m[1] ? 1 : 0);
    out.push({ domain, index: start, end: start + m[2]!.length, email: m[1] !== undefined });
  }
  return out;
}

/** Whether a domain written in a document is the claimed domain (or a subdomain of it). */
export function sameDomain(found: string, claimed: string): boolean {
  const f = found.toLowerCase().replace(/^www\./, '');
  const c = claimed.toLowerCase().replace(/^www\./, '');
  return f === c || f.endsWith(`.${c}`);
}

/**
 * Whether two person names are the same person: same words in any order (Chen Wei-Ting = Wei-Ting Chen).
 * `ocr`: the name was read by OCR, so a letter or two may be misread (Alce Pan, rene Hsich): the same number of
 * words, each as OCR may misread it.
 */
export function samePerson(a: string, b: string, ocr = false): boolean {
  const words = (s: string) => foldForMatch(s.replace(/-/g, ' ')).split(' ').filter(Boolean).sort();
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0) return false;
  if (wa.join(' ') === wb.join(' ')) return true;
  if (!ocr || wa.length !== wb.length) return false;
  // word by word (ocrWordEdits), and at most one edit per 5 letters of the whole name
  const edits = wa.reduce((sum, w, i) => sum + ocrWordEdits(w, wb[i]!), 0);
  return edits <= Math.floor(wb.join(' ').length / 5);
}
