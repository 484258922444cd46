// Wall-clock arithmetic in a calendar's time zone without building luxon DateTimes, for the instants
// business-days.ts has not seen before (every new history entry: a decision's consent window, an info
// request's partner deadline). It asks luxon's own zone object for the UTC offset, remembers the offset
// of each UTC hour whose two ends agree, and moves across a DST change by luxon's own rule (its
// fixOffset), so every answer is the one luxon's DateTime gives (test/domain/zone-clock.test.ts).
// A DateTime costs about 30 zone look-ups; this costs one remembered offset.
import { Info, type Zone } from 'luxon';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const MINUTE = 60_000;
/** The instants this file reads: UTC, milliseconds, years 1000–9999; luxon reads any other spelling. */
const UTC_INSTANT = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HOURS_KEPT = 50_000;

interface ZoneClock {
  zone: Zone;
  /** UTC hour (ms / HOUR) → the zone's offset in minutes during all of it. */
  hours: Map<number, number>;
}

const clocks = new Map<string, ZoneClock | null>();

/** The zone named by a calendar, or null when luxon does not know it (the caller's luxon path reports that). */
function clockOf(timeZone: string): ZoneClock | null {
  let c = clocks.get(timeZone);
  if (c === undefined) {
    const zone = Info.normalizeZone(timeZone);
    c = zone && zone.isValid ? { zone, hours: new Map() } : null;
    if (clocks.size >= 64) clocks.clear();
    clocks.set(timeZone, c);
  }
  return c;
}

/** The zone's UTC offset (minutes) at `ms`: remembered per UTC hour when it is the same at both its ends. */
function offsetAt(c: ZoneClock, ms: number): number {
  const hour = Math.floor(ms / HOUR);
  const known = c.hours.get(hour);
  if (known !== undefined) return known;
  const start = c.zone.offset(hour * HOUR);
  // An offset changes at most once within an hour: equal ends mean one offset throughout.
  if (start !== c.zone.offset(hour * HOUR + HOUR - 1)) return c.zone.offset(ms);
  if (c.hours.size >= HOURS_KEPT) c.hours.clear();
  c.hours.set(hour, start);
  return start;
}

/** Epoch milliseconds of an instant written as this file reads it (`toISOString()`'s form), else null. */
function utcMillis(instant: string): number | null {
  if (!UTC_INSTANT.test(instant)) return null;
  const ms = Date.parse(instant);
  // Date.parse rolls "02-30" over to March; luxon refuses it: leave those to luxon.
  return Number.isNaN(ms) || new Date(ms).toISOString() !== instant ? null : ms;
}

/** The local date ("YYYY-MM-DD") of `instant` in `timeZone`, or null to ask luxon. */
export function fastLocalDate(instant: string, timeZone: string): string | null {
  const c = clockOf(timeZone);
  const ms = utcMillis(instant);
  if (!c || ms === null) return null;
  return new Date(ms + offsetAt(c, ms) * MINUTE).toISOString().slice(0, 10);
}

/**
 * `days` calendar days after `instant` at the same local wall-clock time, as luxon's
 * `setZone(timeZone).plus({ days }).toUTC().toISO()` answers it; null to ask luxon.
 */
export function fastPlusDays(instant: string, days: number, timeZone: string): string | null {
  const c = clockOf(timeZone);
  const ms = utcMillis(instant);
  if (!c || ms === null || !Number.isInteger(days)) return null;
  const o = offsetAt(c, ms);
  const wall = new Date(ms + o * MINUTE);
  const localTs =
    Date.UTC(
      wall.getUTCFullYear(),
      wall.getUTCMonth(),
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      wall.getUTCMilliseconds(),
    ) +
    days * DAY;
  // luxon's fixOffset: guess with the old offset, correct once, and in a DST gap keep the wall-clock time's lower offset.
  let guess = localTs - o * MINUTE;
  const o2 = offsetAt(c, guess);
  if (o2 !== o) {
    guess -= (o2 - o) * MINUTE;
    const o3 = offsetAt(c, guess);
    if (o3 !== o2) guess = localTs - Math.min(o2, o3) * MINUTE;
  }
  const out = new Date(guess);
  return out.getUTCFullYear() >= 1000 && out.getUTCFullYear() <= 9999 ? out.toISOString() : null;
}
