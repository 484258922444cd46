// When a claim's system timer is due (no partner response, consent period over, dispute window over),
// and the instant its event is stamped with: the moment it fell due, not the moment a sweep noticed.
import type { BusinessCalendar } from './business-days';
import { openDeadlines, deriveDeadlines } from './deadlines';
import { consentWindowEnd, disputeWindowEnd } from './derived';
import type { HistoryEntry } from './history';
import { replay } from './lifecycle';

/** The instant after which the claim's next system transition may fire, or null when none waits. */
export function timerDue(history: readonly HistoryEntry[], cal: BusinessCalendar): string | null {
  const life = replay(history);
  if (life.status === 'partner-action-needed') return openDeadlines(deriveDeadlines(history, cal)).find((d) => d.kind === 'partner-response')?.dueAt ?? null;
  if (life.status === 'approved' && !life.consentEnded) return consentWindowEnd(life, cal);
  if (life.status === 'rejected' && !life.dispute && !life.disputeWindowClosed) return disputeWindowEnd(life, cal);
  return null;
}

/**
 * The time a system transition is recorded at: when the timer fell due (so the 30-day dispute window
 * of an automatic rejection starts when the partner's 5 business days ended), never before the
 * claim's last entry (history stays in time order) and never after `now`.
 */
export function timerStamp(history: readonly HistoryEntry[], cal: BusinessCalendar, now: string): string {
  const due = timerDue(history, cal) ?? now;
  const last = history[history.length - 1]?.at ?? due;
  const stamp = due > last ? due : last;
  return stamp < now ? stamp : now;
}
