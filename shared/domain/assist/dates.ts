// Dates as PoE documents write them: ISO, d/m/y and m/d/y (ambiguous ones reported with both readings),
// month names, 2026年3月14日, and the Republic of China calendar (民國115年3月14日, 115/03/14).
// Also the acknowledgement's 12-month cut-off before a claim's submission.

export type DateFormat = 'iso' | 'numeric' | 'month-name' | 'cjk' | 'roc';

export interface FoundDate {
  /** The date as written. */
  text: string;
  index: number;
  end: number;
  format: DateFormat;
  /** Every valid reading, YYYY-MM-DD; two for an ambiguous d/m/y vs m/d/y. */
  readings: string[];
  /** For numeric dates: which orders are possible. */
  order: 'dmy' | 'mdy' | 'either' | null;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD when y-m-d is a real calendar date, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > days ? null : `${y}-${pad(m)}-${pad(d)}`;
}

const fullYear = (y: number, digits: number): number => (digits === 2 ? 2000 + y : y);

interface Rule {
  re: RegExp;
  read: (m: RegExpExecArray) => Omit<FoundDate, 'text' | 'index' | 'end'> | null;
}

const RULES: Rule[] = [
  // 民國115年3月14日 / 中華民國 115 年 3 月 14 日 / 115年3月14日 (a 2–3 digit year is an ROC year)
  {
    re: /(?:中華)?(民國)?\s*(\d{2,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?/g,
    read: (m) => {
      const y = Number(m[2]);
      const roc = m[1] !== undefined || m[2]!.length <= 3;
      const iso = isoDate(roc ? y + 1911 : y, Number(m[3]), Number(m[4]));
      return iso ? { format: roc ? 'roc' : 'cjk', readings: [iso], order: null } : null;
    },
  },
  // 2026-03-14, 2026/3/14, 2026.03.14 (and 2026-03:14: OCR reads a dash or dot as a colon; no time is written so)
  {
    re: /(?<![\d/.-])(\d{4})([-/.])(\d{1,2})(?:\2|:)(\d{1,2})(?![\d/.:-]*\d)/g,
    read: (m) => {
      const iso = isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
      return iso ? { format: 'iso', readings: [iso], order: null } : null;
    },
  },
  // 115/03/14, 115.3.14 (ROC numeric: a three-digit year first)
  {
    re: /(?<![\d/.-])(1\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/.-]*\d)/g,
    read: (m) => {
      const iso = isoDate(Number(m[1]) + 1911, Number(m[3]), Number(m[4]));
      return iso ? { format: 'roc', readings: [iso], order: null } : null;
    },
  },
  // 14/03/2026, 03/14/2026, 3.4.26
  {
    re: /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]*\d)/g,
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const y = fullYear(Number(m[4]), m[4]!.length);
      const dmy = isoDate(y, b, a);
      const mdy = isoDate(y, a, b);
      if (dmy && mdy && dmy !== mdy) return { format: 'numeric', readings: [dmy, mdy], order: 'either' };
      if (dmy) return { format: 'numeric', readings: [dmy], order: a === b ? 'either' : 'dmy' };
      if (mdy) return { format: 'numeric', readings: [mdy], order: 'mdy' };
      return null;
    },
  },
  // 14 March 2026, 14th Mar. 2026, 14-Mar-2026
  {
    re: new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+(?:of\\s+)?${MONTH}\\.?[\\s,-]+(\\d{4})(?!\\d)`, 'giu'),
    read: (m) => {
      const iso = isoDate(Number(m[3]), MONTHS[m[2]!.toLowerCase()]!, Number(m[1]));
      return iso ? { format: 'month-name', readings: [iso], order: null } : null;
    },
  },
  // March 14, 2026 / Mar 14 2026
  {
    re: new RegExp(`(?<![\\p{L}])${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'giu'),
    read: (m) => {
      const iso = isoDate(Number(m[3]), MONTHS[m[1]!.toLowerCase()]!, Number(m[2]));
      return iso ? { format: 'month-name', readings: [iso], order: null } : null;
    },
  },
];

/** Every date written in `text`, in reading order; overlapping matches keep the first rule's. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  const src = text.normalize('NFKC');
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(src); m; m = rule.re.exec(src)) {
      const index = m.index;
      const end = index + m[0].length;
      if (found.some((f) => index < f.end && end > f.index)) continue;
      const r = rule.read(m);
      if (r) found.push({ text: m[0].trim(), index, end, ...r });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Resolves a d/m vs m/d ambiguity from the other numeric dates of the same document: if they are
 * unambiguously day-first (or month-first), so is this one. Otherwise the readings stay as they are.
 */
export function resolveOrder(date: FoundDate, others: readonly FoundDate[]): FoundDate {
  if (date.order !== 'either' || date.readings.length < 2) return date;
  const orders = new Set(others.filter((o) => o.format === 'numeric' && o.order !== 'either').map((o) => o.order));
  if (orders.size !== 1) return date;
  const pick = orders.has('dmy') ? date.readings[0]! : date.readings[1]!;
  return { ...date, readings: [pick], order: orders.has('dmy') ? 'dmy' : 'mdy' };
}

export type CutoffVerdict = 'current' | 'outdated' | 'future';

/**
 * Where an acknowledgement date falls against the claim's submission: within the 12 months before it
 * (inclusive of the same calendar day a year earlier), older, or after it. `submittedAt` is an ISO
 * instant; the date is compared with the submission's calendar day in `timeZone`.
 */
export function cutoffVerdict(date: string, submittedAt: string, timeZone = 'UTC'): CutoffVerdict {
  const day = submissionDay(submittedAt, timeZone);
  if (date > day) return 'future';
  return date >= cutoffDate(day) ? 'current' : 'outdated';
}

/** The first day still inside the 12-month window ending on `day` (YYYY-MM-DD). */
export function cutoffDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${pad(m)}-${pad(Math.min(d, last))}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in an IANA zone. */
export function submissionDay(instant: string, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
