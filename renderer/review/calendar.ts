// The business calendar and clock as the renderer uses them: the service's calendar for counting
// deadlines, the reviewer's time zone from Settings (or the system's) for showing dates. Deadline arithmetic itself stays in shared/domain.
import type { BusinessCalendar } from '../../shared/domain';
import type { Settings } from '../../shared/contracts';

let systemZone: string | null = null;
/** The system's zone; resolved once, since building an Intl.DateTimeFormat per queue row is costly. */
export const systemTimeZone = (): string => (systemZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

export function reviewerTimeZone(settings: Settings | null): string {
  return settings?.timeZone || systemTimeZone();
}

/**
 * The calendar deadlines count in: the service's (its zone and holidays, as the workstation last
 * fetched it), so "business days left" and the enabled actions agree with the service. Before a
 * first online sign-in there is none: weekends only, in the reviewer's zone.
 */
export function reviewerCalendar(settings: Settings | null, service: BusinessCalendar | null): BusinessCalendar {
  return service ?? { timeZone: reviewerTimeZone(settings), holidays: [] };
}

export const nowIso = (): string => new Date().toISOString();
