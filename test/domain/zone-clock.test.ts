// The fast wall-clock arithmetic of the business-day clock answers exactly what luxon's DateTime does:
// calendar days at the same local time and the local date, in zones with DST changes on and off the
// hour, a 30-minute DST, a 2-hour DST and a skipped day, around each change and at random instants.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, addCalendarDays } from '../../shared/domain';
import { fastLocalDate, fastPlusDays } from '../../shared/domain/zone-clock';

const ZONES = [
  'UTC',
  'Asia/Taipei',
  'America/New_York',
  'Europe/London',
  'America/St_Johns', // DST changes at 02:00 local = 05:30 UTC, inside a UTC hour
  'Australia/Lord_Howe', // a 30-minute DST
  'Antarctica/Troll', // a 2-hour DST
  'Pacific/Apia', // skipped 2011-12-30 whole
  'Asia/Kolkata',
];
/** Instants every 20 min 33.457 s through the days around each zone's changes in 2011 and 2026. */
function around(day: string): string[] {
  const start = Date.parse(`${day}T00:00:00.000Z`) - 36 * 3_600_000;
  return Array.from({ length: 200 }, (_, i) => new Date(start + i * 1_233_457).toISOString());
}
const CHANGE_DAYS = ['2026-03-08', '2026-03-29', '2026-11-01', '2026-10-25', '2026-04-05', '2026-10-04', '2011-12-29', '2011-12-31', '2026-03-28'];

function random(n: number, seed: number): string[] {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const from = Date.parse('1975-01-01T00:00:00.000Z');
  const to = Date.parse('2045-01-01T00:00:00.000Z');
  return Array.from({ length: n }, () => new Date(from + Math.floor(next() * (to - from))).toISOString());
}

const luxonPlus = (instant: string, days: number, zone: string) =>
  DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).plus({ days }).toUTC().toISO({ suppressMilliseconds: false });
const luxonDate = (instant: string, zone: string) => DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toISODate();

describe('zone clock', () => {
  const instants = [...CHANGE_DAYS.flatMap(around), ...random(400, 7)];

  it.each(ZONES)('adds calendar days in %s exactly as luxon does', (zone) => {
    const wrong: string[] = [];
    for (const instant of instants) {
      for (const days of [1, 30]) {
        const want = luxonPlus(instant, days, zone);
        const got = fastPlusDays(instant, days, zone);
        if (got !== want) wrong.push(`${instant} + ${days}: ${got} (luxon ${want})`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it.each(ZONES)('gives the local date in %s exactly as luxon does', (zone) => {
    const wrong = instants.filter((i) => fastLocalDate(i, zone) !== luxonDate(i, zone));
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('leaves other spellings, impossible dates and unknown zones to luxon (null)', () => {
    expect(fastPlusDays('2026-01-09T10:00:00+08:00', 1, 'UTC')).toBeNull();
    expect(fastPlusDays('2026-01-09T10:00:00Z', 1, 'UTC')).toBeNull();
    expect(fastPlusDays('2026-02-30T10:00:00.000Z', 1, 'UTC')).toBeNull();
    expect(fastPlusDays('2026-01-09T10:00:00.000Z', 1, 'Mars/Olympus')).toBeNull();
    expect(fastLocalDate('2026-01-09T10:00:00.000Z', 'Mars/Olympus')).toBeNull();
  });

  it('keeps the business-day clock’s answers and errors', () => {
    const taipei = { timeZone: 'Asia/Taipei', holidays: [] };
    expect(addCalendarDays('2026-03-07T12:34:56.789Z', 7, { timeZone: 'America/New_York', holidays: [] })).toBe('2026-03-14T11:34:56.789Z');
    expect(addBusinessDays('2026-01-09T02:00:00.000Z', 1, taipei)).toBe('2026-01-12T15:59:59.999Z');
    expect(() => addCalendarDays('2026-02-30T10:00:00.000Z', 7, taipei)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-01-09T10:00:00.000Z', 1, { timeZone: 'Mars/Olympus', holidays: [] })).toThrow(/time zone/);
  });
});
