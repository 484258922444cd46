// The business-day clock: Monday to Friday minus a configurable holiday calendar, in a given time zone.
// Pure date arithmetic on ISO-8601 instants; it knows nothing of claims.
import { DateTime } from 'luxon';
import { fastLocalDate, fastPlusDays } from './zone-clock';

export interface BusinessCalendar {
  /** IANA time zone in which days start and end, e.g. "Asia/Taipei". */
  timeZone: string;
  /** Holidays as local dates "YYYY-MM-DD" in that time zone. */
  holidays: readonly string[];
}

export const DEFAULT_CALENDAR: BusinessCalendar = { timeZone: 'UTC', holidays: [] };

function local(instant: string, cal: BusinessCalendar): DateTime {
  const dt = DateTime.fromISO(instant, { zone: 'utc' }).setZone(cal.timeZone);
  if (!dt.isValid) throw new RangeError(`Not a valid instant or time zone: "${instant}" in "${cal.timeZone}" (${dt.invalidExplanation ?? dt.invalidReason})`);
  return dt;
}

const iso = (dt: DateTime): string => dt.toUTC().toISO({ suppressMilliseconds: false }) as string;

export function isBusinessDay(day: DateTime, cal: BusinessCalendar): boolean {
  return day.weekday <= 5 && !cal.holidays.includes(day.toISODate() as string);
}

/**
 * The deadline `days` business days after `instant`: the end of the n-th business day that follows
 * the start's local date (the start day itself never counts). Friday 10:00 + 5 → end of next Friday;
 * Saturday + 5 → end of the following Friday.
 */
export function addBusinessDays(instant: string, days: number, cal: BusinessCalendar): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Business days must be a whole number ≥ 0, got ${days}`);
  // Deriving a claim's deadlines asks for the same instants again and again (every materialization of
  // its history, every queue row): the answer is remembered per calendar, first by the instant itself,
  // so a known instant takes no time-zone arithmetic at all, then by the start's local date.
  const memo = memoFor(cal);
  const byInstant = `${instant}+${days}`;
  const seen = memo.instants.get(byInstant);
  if (seen !== undefined) return seen;
  // A new instant's local date comes from the zone's remembered offset (zone-clock.ts), not a DateTime.
  const byDate = `${fastLocalDate(instant, cal.timeZone) ?? local(instant, cal).toISODate()}+${days}`;
  let due = memo.dates.get(byDate);
  if (due === undefined) {
    due = walkBusinessDays(local(instant, cal).startOf('day'), days, cal);
    remember(memo.dates, byDate, due);
  }
  remember(memo.instants, byInstant, due);
  return due;
}

interface Memo {
  /** `instant+days` → the business-day deadline. */
  instants: Map<string, string>;
  /** `local date+days` → the business-day deadline. */
  dates: Map<string, string>;
  /** `instant+days` → the calendar-day deadline. */
  calendarDays: Map<string, string>;
  /** `today|due date|overdue` → business days left. */
  daysLeft: Map<string, number>;
}
const MEMO_LIMIT = 10_000;
const memos = new Map<string, Memo>();
/** The calendar a memo was found for by identity: a calendar is read-only, but a changed copy must not reuse it. */
const byObject = new WeakMap<BusinessCalendar, { timeZone: string; holidays: readonly string[]; count: number; memo: Memo }>();

function remember<V>(m: Map<string, V>, key: string, value: V): void {
  if (m.size >= MEMO_LIMIT) m.clear();
  m.set(key, value);
}

function memoFor(cal: BusinessCalendar): Memo {
  const known = byObject.get(cal);
  if (known && known.timeZone === cal.timeZone && known.holidays === cal.holidays && known.count === cal.holidays.length) return known.memo;
  const id = `${cal.timeZone}|${cal.holidays.join(',')}`;
  let memo = memos.get(id);
  if (!memo) {
    if (memos.size >= 16) memos.clear();
    memos.set(id, (memo = { instants: new Map(), dates: new Map(), calendarDays: new Map(), daysLeft: new Map() }));
  }
  byObject.set(cal, { timeZone: cal.timeZone, holidays: cal.holidays, count: cal.holidays.length, memo });
  return memo;
}

function walkBusinessDays(start: DateTime, days: number, cal: BusinessCalendar): string {
  let day = start;
  let counted = 0;
  while (counted < days) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day, cal)) counted++;
  }
  return iso(day.endOf('day'));
}

/** `days` calendar days after `instant`, at the same local wall-clock time (DST-safe). */
export function addCalendarDays(instant: string, days: number, cal: BusinessCalendar): string {
  const memo = memoFor(cal).calendarDays;
  const key = `${instant}+${days}`;
  let due = memo.get(key);
  if (due === undefined) {
    due = fastPlusDays(instant, days, cal.timeZone) ?? iso(local(instant, cal).plus({ days }));
    remember(memo, key, due);
  }
  return due;
}

/**
 * Business days left from `now` until `due`: the business days after today's local date up to and
 * including the due date. 0 means due today (or later today); negative means overdue by that many
 * business days (counted the same way from the due date to today).
 */
export function businessDaysLeft(now: string, due: string, cal: BusinessCalendar): number {
  // Every queue row's deadline badge asks this on each render: the count is remembered per calendar by
  // the two local dates (and whether the due instant has passed), found without a DateTime.
  const a = localDay(now, cal);
  const b = localDay(due, cal);
  const overdue = a.ms > b.ms;
  const memo = memoFor(cal).daysLeft;
  const key = `${a.date}|${b.date}|${overdue ? 1 : 0}`;
  let n = memo.get(key);
  if (n === undefined) {
    const from = DateTime.fromISO(a.date, { zone: cal.timeZone });
    const to = DateTime.fromISO(b.date, { zone: cal.timeZone });
    n = overdue ? -Math.max(1, countBetween(to, from, cal)) : countBetween(from, to, cal);
    remember(memo, key, n);
  }
  return n;
}

/** An instant's local date in the calendar's zone and its epoch milliseconds. */
function localDay(instant: string, cal: BusinessCalendar): { date: string; ms: number } {
  const date = fastLocalDate(instant, cal.timeZone);
  if (date !== null) return { date, ms: Date.parse(instant) };
  const dt = local(instant, cal);
  return { date: dt.toISODate() as string, ms: dt.toMillis() };
}

function countBetween(from: DateTime, to: DateTime, cal: BusinessCalendar): number {
  let n = 0;
  for (let d = from.plus({ days: 1 }); d <= to; d = d.plus({ days: 1 })) if (isBusinessDay(d, cal)) n++;
  return n;
}

const MACHINE_ZONES = ['local', 'system', 'default'];

/** Checks a calendar given by a person or a file; returns the problems found, empty when valid. */
export function calendarProblems(cal: BusinessCalendar): string[] {
  const problems: string[] = [];
  // Luxon reads "local", "system" and "default" as the machine's zone: deadlines would differ per machine.
  if (MACHINE_ZONES.includes(cal.timeZone.toLowerCase()))
    problems.push(`time zone "${cal.timeZone}" is the machine's zone, not a named IANA zone such as "Asia/Taipei"`);
  else if (!DateTime.now().setZone(cal.timeZone).isValid) problems.push(`unknown time zone "${cal.timeZone}"`);
  for (const h of cal.holidays) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h) || !DateTime.fromISO(h).isValid) problems.push(`holiday "${h}" is not a date YYYY-MM-DD`);
  }
  return problems;
}
