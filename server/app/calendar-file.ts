// Reading a business calendar (time zone + holidays) from a JSON file, checked with the shared rules.
import fs from 'node:fs';
import { calendarProblems, type BusinessCalendar } from '../../shared/domain';

export function readCalendarFile(file: string): BusinessCalendar {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the calendar file ${file}: ${(e as Error).message}`);
  }
  const c = raw as Partial<BusinessCalendar>;
  if (typeof c !== 'object' || c === null || typeof c.timeZone !== 'string' || !Array.isArray(c.holidays)) {
    throw new Error(`the calendar file ${file} must hold {"timeZone": "Area/City", "holidays": ["YYYY-MM-DD", ...]}`);
  }
  const cal: BusinessCalendar = { timeZone: c.timeZone, holidays: c.holidays.map(String) };
  const problems = calendarProblems(cal);
  if (problems.length) throw new Error(`the calendar file ${file} is not valid: ${problems.join('; ')}`);
  return cal;
}
