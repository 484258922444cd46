// Specification of the business-day clock: business days (Mon–Fri minus holidays) in a calendar's
// time zone, end-of-day deadlines, calendar days at the same wall-clock time, and input checks.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, addCalendarDays, businessDaysLeft, calendarProblems, DEFAULT_CALENDAR, type BusinessCalendar } from '../../shared/domain';
import { msAfter, TAIPEI, UTC } from './story';

const cal = (timeZone: string, holidays: string[] = []): BusinessCalendar => ({ timeZone, holidays });

describe('addBusinessDays', () => {
  describe('over weekends', () => {
    it('counts Friday 10:00 + 5 business days to the end of the next Friday', () => {
      expect(addBusinessDays('2026-01-09T10:00:00.000Z', 5, UTC)).toBe('2026-01-16T23:59:59.999Z');
    });
    it('counts Friday + 1 business day to the end of Monday', () => {
      expect(addBusinessDays('2026-01-09T10:00:00.000Z', 1, UTC)).toBe('2026-01-12T23:59:59.999Z');
    });
    it('counts from a Saturday as if from the Friday before: + 5 ends the following Friday', () => {
      expect(addBusinessDays('2026-01-10T12:00:00.000Z', 5, UTC)).toBe('2026-01-16T23:59:59.999Z');
    });
    it('counts from a Sunday: + 1 ends on Monday', () => {
      expect(addBusinessDays('2026-01-11T12:00:00.000Z', 1, UTC)).toBe('2026-01-12T23:59:59.999Z');
    });
    it('crosses two weekends for 10 business days', () => {
      expect(addBusinessDays('2026-01-05T09:00:00.000Z', 10, UTC)).toBe('2026-01-19T23:59:59.999Z');
    });
    it('with 0 days ends the start day itself', () => {
      expect(addBusinessDays('2026-01-07T09:00:00.000Z', 0, UTC)).toBe('2026-01-07T23:59:59.999Z');
    });
  });

  describe('over holidays', () => {
    it('skips a holiday inside the period', () => {
      // Mon 2026-01-12 is a holiday: Fri + 1 → Tue.
      expect(addBusinessDays('2026-01-09T10:00:00.000Z', 1, cal('UTC', ['2026-01-12']))).toBe('2026-01-13T23:59:59.999Z');
    });
    it('does not add a day for a holiday on the start day (the start day never counts)', () => {
      expect(addBusinessDays('2026-01-09T10:00:00.000Z', 1, cal('UTC', ['2026-01-09']))).toBe('2026-01-12T23:59:59.999Z');
      expect(addBusinessDays('2026-01-09T10:00:00.000Z', 1, UTC)).toBe('2026-01-12T23:59:59.999Z');
    });
    it('skips a week of consecutive holidays (a Lunar New Year break)', () => {
      const lny = cal('Asia/Taipei', ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
      // Fri 2026-02-13 10:00 in Taipei; the next business day is Mon 02-23.
      expect(addBusinessDays('2026-02-13T02:00:00.000Z', 1, lny)).toBe('2026-02-23T15:59:59.999Z');
      expect(addBusinessDays('2026-02-13T02:00:00.000Z', 5, lny)).toBe('2026-02-27T15:59:59.999Z');
    });
    it('is not moved by a holiday that falls on a weekend', () => {
      expect(addBusinessDays('2026-01-09T10:00:00.000Z', 1, cal('UTC', ['2026-01-10', '2026-01-11']))).toBe('2026-01-12T23:59:59.999Z');
    });
    it('reads holidays as local dates of the calendar time zone', () => {
      // 2026-01-12 is Monday in Taipei from 2026-01-11T16:00Z; the holiday moves Fri + 1 to Tuesday there.
      const tw = cal('Asia/Taipei', ['2026-01-12']);
      expect(addBusinessDays('2026-01-09T02:00:00.000Z', 1, tw)).toBe('2026-01-13T15:59:59.999Z');
      // The same holiday list in Los Angeles: the start is Thursday there, so it is not reached.
      expect(addBusinessDays('2026-01-09T02:00:00.000Z', 1, cal('America/Los_Angeles', ['2026-01-12']))).toBe('2026-01-10T07:59:59.999Z');
    });
  });

  describe('across a year boundary', () => {
    it('skips New Year’s Day and the weekend after it', () => {
      // Wed 2025-12-31 + 3 with 2026-01-01 off → Fri 01-02, Mon 01-05, Tue 01-06.
      expect(addBusinessDays('2025-12-31T10:00:00.000Z', 3, cal('UTC', ['2026-01-01']))).toBe('2026-01-06T23:59:59.999Z');
    });
    it('counts Friday 2025-12-26 + 5 into the new year', () => {
      expect(addBusinessDays('2025-12-26T10:00:00.000Z', 5, UTC)).toBe('2026-01-02T23:59:59.999Z');
    });
  });

  describe('in the calendar’s time zone', () => {
    const instant = '2026-01-09T02:00:00.000Z'; // Friday 10:00 in Taipei, Thursday 18:00 in Los Angeles

    it('treats the instant as Friday in Asia/Taipei: + 1 ends Monday at Taipei midnight', () => {
      expect(addBusinessDays(instant, 1, TAIPEI)).toBe('2026-01-12T15:59:59.999Z');
    });
    it('treats the same instant as Thursday in America/Los_Angeles: + 1 ends Friday at Los Angeles midnight', () => {
      expect(addBusinessDays(instant, 1, cal('America/Los_Angeles'))).toBe('2026-01-10T07:59:59.999Z');
    });
    it('accepts an instant written with an offset', () => {
      expect(addBusinessDays('2026-01-09T10:00:00+08:00', 1, TAIPEI)).toBe(addBusinessDays(instant, 1, TAIPEI));
    });
    it('ends a deadline across the spring DST change in America/New_York at local midnight, in the new offset', () => {
      // Fri 2026-03-06 10:00 EST + 5 → Fri 03-13 23:59:59.999 EDT (UTC-4).
      expect(addBusinessDays('2026-03-06T15:00:00.000Z', 5, cal('America/New_York'))).toBe('2026-03-14T03:59:59.999Z');
    });
    it('ends a deadline across the autumn DST change in America/New_York at local midnight, in the new offset', () => {
      // Fri 2026-10-30 10:00 EDT + 1 → Mon 11-02 23:59:59.999 EST (UTC-5).
      expect(addBusinessDays('2026-10-30T14:00:00.000Z', 1, cal('America/New_York'))).toBe('2026-11-03T04:59:59.999Z');
    });
    it('ends a deadline across the spring DST change in Europe/Berlin at local midnight, in the new offset', () => {
      // Fri 2026-03-27 10:00 CET + 1 → Mon 03-30 23:59:59.999 CEST (UTC+2).
      expect(addBusinessDays('2026-03-27T09:00:00.000Z', 1, cal('Europe/Berlin'))).toBe('2026-03-30T21:59:59.999Z');
    });
    it('ends a deadline across the autumn DST change in Europe/Berlin at local midnight, in the new offset', () => {
      // Fri 2026-10-23 10:00 CEST + 1 → Mon 10-26 23:59:59.999 CET (UTC+1).
      expect(addBusinessDays('2026-10-23T08:00:00.000Z', 1, cal('Europe/Berlin'))).toBe('2026-10-26T22:59:59.999Z');
    });
  });

  describe('end-of-day semantics', () => {
    it('gives the same deadline for any start time on the same local day', () => {
      const early = addBusinessDays('2026-01-12T16:00:00.000Z', 2, TAIPEI); // Tue 00:00 Taipei
      const late = addBusinessDays('2026-01-13T15:59:59.999Z', 2, TAIPEI); // Tue 23:59:59.999 Taipei
      expect(early).toBe('2026-01-15T15:59:59.999Z');
      expect(late).toBe(early);
    });
    it('returns the last millisecond of the local day: one millisecond later is the next local midnight', () => {
      const due = addBusinessDays('2026-01-09T02:00:00.000Z', 1, TAIPEI);
      expect(msAfter(due)).toBe('2026-01-12T16:00:00.000Z');
    });
    it('uses the UTC default calendar when none is configured', () => {
      expect(DEFAULT_CALENDAR).toEqual({ timeZone: 'UTC', holidays: [] });
      expect(addBusinessDays('2026-01-09T10:00:00.000Z', 1, DEFAULT_CALENDAR)).toBe('2026-01-12T23:59:59.999Z');
    });
  });

  describe('invalid input', () => {
    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s business days, naming the value', (days) => {
      expect(() => addBusinessDays('2026-01-09T10:00:00.000Z', days, UTC)).toThrow(RangeError);
      expect(() => addBusinessDays('2026-01-09T10:00:00.000Z', days, UTC)).toThrow(String(days));
    });
    it('refuses an instant that is not ISO-8601, naming it', () => {
      expect(() => addBusinessDays('next Friday', 1, UTC)).toThrow(/"next Friday"/);
    });
    it('refuses an unknown time zone, naming it', () => {
      expect(() => addBusinessDays('2026-01-09T10:00:00.000Z', 1, cal('Mars/Olympus_Mons'))).toThrow(/zone "Mars\/Olympus_Mons" is not supported/);
    });
  });
});

describe('addCalendarDays', () => {
  it('adds 7 calendar days at the same time, weekends included', () => {
    expect(addCalendarDays('2026-01-09T10:00:00.000Z', 7, UTC)).toBe('2026-01-16T10:00:00.000Z');
  });
  it('adds 30 calendar days across a year boundary, holidays included', () => {
    expect(addCalendarDays('2025-12-15T10:00:00.000Z', 30, cal('UTC', ['2025-12-25', '2026-01-01']))).toBe('2026-01-14T10:00:00.000Z');
  });
  it('keeps the local wall-clock time across the spring DST change in America/New_York (6 days 23 hours of real time)', () => {
    // Thu 2026-03-05 10:00 EST + 7 → Thu 03-12 10:00 EDT.
    expect(addCalendarDays('2026-03-05T15:00:00.000Z', 7, cal('America/New_York'))).toBe('2026-03-12T14:00:00.000Z');
  });
  it('keeps the local wall-clock time across the autumn DST change in America/New_York (7 days 1 hour of real time)', () => {
    expect(addCalendarDays('2026-10-28T14:00:00.000Z', 7, cal('America/New_York'))).toBe('2026-11-04T15:00:00.000Z');
  });
  it('keeps the local wall-clock time across the spring DST change in Europe/Berlin', () => {
    expect(addCalendarDays('2026-03-25T09:00:00.000Z', 7, cal('Europe/Berlin'))).toBe('2026-04-01T08:00:00.000Z');
  });
  it('keeps the local wall-clock time across the autumn DST change in Europe/Berlin', () => {
    expect(addCalendarDays('2026-10-21T08:00:00.000Z', 7, cal('Europe/Berlin'))).toBe('2026-10-28T09:00:00.000Z');
  });
  it('keeps the milliseconds of the start', () => {
    expect(addCalendarDays('2026-01-09T10:00:00.123Z', 30, TAIPEI)).toBe('2026-02-08T10:00:00.123Z');
  });
  it('refuses an unknown time zone, naming it', () => {
    expect(() => addCalendarDays('2026-01-09T10:00:00.000Z', 7, cal('Nowhere/Land'))).toThrow(/Nowhere\/Land/);
  });
});

describe('businessDaysLeft', () => {
  it('is 0 when the deadline is later today', () => {
    expect(businessDaysLeft('2026-01-14T09:00:00.000Z', '2026-01-14T23:59:59.999Z', UTC)).toBe(0);
  });
  it('is 1 when the deadline ends tomorrow', () => {
    expect(businessDaysLeft('2026-01-13T09:00:00.000Z', '2026-01-14T23:59:59.999Z', UTC)).toBe(1);
  });
  it('counts the business days after today up to and including the due date', () => {
    expect(businessDaysLeft('2026-01-05T09:00:00.000Z', '2026-01-09T23:59:59.999Z', UTC)).toBe(4);
  });
  it('does not count the weekend: Friday to the end of Monday is 1', () => {
    expect(businessDaysLeft('2026-01-09T09:00:00.000Z', '2026-01-12T23:59:59.999Z', UTC)).toBe(1);
  });
  it('does not count holidays: Friday to the end of Tuesday after a Monday holiday is 1', () => {
    expect(businessDaysLeft('2026-01-09T09:00:00.000Z', '2026-01-13T23:59:59.999Z', cal('UTC', ['2026-01-12']))).toBe(1);
  });
  it('is the inverse of addBusinessDays for a start on a business day', () => {
    const start = '2026-02-13T02:00:00.000Z';
    const lny = cal('Asia/Taipei', ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    for (const n of [0, 1, 3, 5, 8]) expect(businessDaysLeft(start, addBusinessDays(start, n, lny), lny)).toBe(n);
  });
  it('is negative when overdue: -1 the day after the due date', () => {
    expect(businessDaysLeft('2026-01-15T09:00:00.000Z', '2026-01-14T23:59:59.999Z', UTC)).toBe(-1);
  });
  it('is negative by the business days elapsed since the due date, weekends not counted', () => {
    // Due Friday; now Tuesday: Monday and Tuesday have passed.
    expect(businessDaysLeft('2026-01-13T09:00:00.000Z', '2026-01-09T23:59:59.999Z', UTC)).toBe(-2);
  });
  it('is at least -1 when overdue, even on the weekend right after the due date', () => {
    expect(businessDaysLeft('2026-01-10T09:00:00.000Z', '2026-01-09T23:59:59.999Z', UTC)).toBe(-1);
  });
  it('is -1 when the deadline passed earlier today', () => {
    expect(businessDaysLeft('2026-01-14T12:00:00.000Z', '2026-01-14T10:00:00.000Z', UTC)).toBe(-1);
  });
  it('answers as a day-by-day count with luxon does, in zones with DST and holidays, before and after the due instant', () => {
    // The count is remembered by local dates: the same pair of dates before and after the due instant must differ.
    const reference = (now: string, due: string, c: BusinessCalendar): number => {
      const a = DateTime.fromISO(now, { zone: 'utc' }).setZone(c.timeZone);
      const b = DateTime.fromISO(due, { zone: 'utc' }).setZone(c.timeZone);
      const count = (from: DateTime, to: DateTime) => {
        let n = 0;
        for (let d = from.startOf('day').plus({ days: 1 }); d <= to.startOf('day'); d = d.plus({ days: 1 }))
          if (d.weekday <= 5 && !c.holidays.includes(d.toISODate()!)) n++;
        return n;
      };
      return a > b ? -Math.max(1, count(b, a)) : count(a, b);
    };
    const calendars = [cal('America/New_York', ['2026-03-09', '2026-11-02']), cal('Europe/London', ['2026-03-30']), TAIPEI];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const base = Date.parse('2026-03-01T00:00:00.000Z');
    for (let i = 0; i < 600; i++) {
      const c = calendars[i % calendars.length]!;
      const now = new Date(base + Math.floor(next() * 270 * 86_400_000)).toISOString();
      const due = new Date(Date.parse(now) + Math.floor((next() - 0.3) * 20 * 86_400_000)).toISOString();
      expect(businessDaysLeft(now, due, c), `${now} → ${due} in ${c.timeZone}`).toBe(reference(now, due, c));
    }
  });
  it('counts in the calendar’s time zone', () => {
    // Now: Fri 10:00 Taipei / Thu 18:00 Los Angeles. Due: end of Friday in each zone.
    const now = '2026-01-09T02:00:00.000Z';
    expect(businessDaysLeft(now, '2026-01-09T15:59:59.999Z', TAIPEI)).toBe(0);
    expect(businessDaysLeft(now, '2026-01-10T07:59:59.999Z', cal('America/Los_Angeles'))).toBe(1);
  });
});

describe('calendarProblems', () => {
  it('finds nothing wrong in a valid calendar', () => {
    expect(calendarProblems(cal('Asia/Taipei', ['2026-01-01', '2026-02-16']))).toEqual([]);
    expect(calendarProblems(DEFAULT_CALENDAR)).toEqual([]);
  });
  it('names an unknown time zone', () => {
    expect(calendarProblems(cal('Asia/Atlantis'))).toEqual(['unknown time zone "Asia/Atlantis"']);
  });
  it('names an empty time zone', () => {
    expect(calendarProblems(cal(''))).toEqual(['unknown time zone ""']);
  });
  it.each(['local', 'system', 'default', 'Local'])('refuses "%s", which would make deadlines depend on the machine', (zone) => {
    const problems = calendarProblems(cal(zone));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`"${zone}"`);
  });
  it('names each holiday that is not a real date YYYY-MM-DD', () => {
    const problems = calendarProblems(cal('UTC', ['2026-02-30', '2026-1-05', '2026-01-01', '2026/01/02', ' 2026-01-03', '2026-13-01']));
    expect(problems).toEqual([
      'holiday "2026-02-30" is not a date YYYY-MM-DD',
      'holiday "2026-1-05" is not a date YYYY-MM-DD',
      'holiday "2026/01/02" is not a date YYYY-MM-DD',
      'holiday " 2026-01-03" is not a date YYYY-MM-DD',
      'holiday "2026-13-01" is not a date YYYY-MM-DD',
    ]);
  });
  it('reports a bad zone and bad dates together', () => {
    expect(calendarProblems(cal('Bad/Zone', ['yesterday']))).toHaveLength(2);
  });
});
