// The reviewer's business calendar and clock as the renderer uses them for display: the time zone from
// Settings (or the system's). Deadline arithmetic itself stays in shared/domain.
import type { BusinessCalendar } from '../../shared/domain';
import type { Settings } from '../../shared/contracts';

export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function reviewerTimeZone(settings: Settings | null): string {
  return settings?.timeZone || systemTimeZone();
}

/** The workstation API does not carry the service's holiday list yet: weekends only, in the reviewer's zone. */
export function reviewerCalendar(settings: Settings | null): BusinessCalendar {
  return { timeZone: reviewerTimeZone(settings), holidays: [] };
}

export const nowIso = (): string => new Date().toISOString();
