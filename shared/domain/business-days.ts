// The business-day clock: Monday to Friday minus a configurable holiday calendar, in a given time zone.
// Pure date arithmetic on ISO-8601 instants; it knows nothing of claims.
import { DateTime } from 'luxon';

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
  const start = local(instant, cal).startOf('day');
  // The deadline depends only on the start's local date: every claim's history asks for the same few
  // dates again (materializing a queue), so the walk over the calendar is remembered per calendar.
  const memo = memoFor(cal);
  const key = `${start.toISODate()}+${days}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const due = walkBusinessDays(start, days, cal);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, due);
  return due;
}

const MEMO_LIMIT = 10_000;
const memos = new Map<string, Map<string, string>>();
function memoFor(cal: BusinessCalendar): Map<string, string> {
  const id = `${cal.timeZone}|${cal.holidays.join(',')}`;
  let memo = memos.get(id);
  if (!memo) {
    if (memos.size >= 16) memos.clear();
    memos.set(id, (memo = new Map()));
  }
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
  return iso(local(instant, cal).plus({ days }));
}

/**
 * Business days left from `now` until `due`: the business days after today's local date up to and
 * including the due date. 0 means due today (or later today); negative means overdue by that many
 * business days (counted the same way from the due date to today).
 */
export function businessDaysLeft(now: string, due: string, cal: BusinessCalendar): number {
  const a = local(now, cal).startOf('day');
  const b = local(due, cal).startOf('day');
  if (local(now, cal) > local(due, cal)) return -Math.max(1, countBetween(b, a, cal));
  return countBetween(a, b, cal);
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
