// Service levels, counted from a claim's history: rounds of information requests, where the 10-day
// decision target stands (days left, near its end, overdue), which reviewer
// deadlines are overdue now (the queue's SLA flags), and per reviewer the QA lead's SLA report
// (on-time rate of met deadlines, overdue now, automatic rejections after their requests).
import { businessDaysLeft, type BusinessCalendar } from './business-days';
import { deriveDeadlines, REVIEWER_DEADLINES, type Deadline, type DeadlineKind } from './deadlines';
import type { Actor, HistoryEntry } from './history';

/** Rounds of information requests so far: each "partner action needed" is one round. */
export const infoRequestRounds = (history: readonly HistoryEntry[]): number => history.filter((e) => e.kind === 'info-requested').length;

/** Deadlines whose slip is flagged: the reviewer's SLAs and the overall 10-day decision target. */
export const FLAGGED_DEADLINES: readonly DeadlineKind[] = [...REVIEWER_DEADLINES, 'decision-target'];

/** Open flagged deadlines that are past due at `now`, most overdue first. */
export function slaFlags(deadlines: readonly Deadline[], now: string): Deadline[] {
  return deadlines.filter((d) => d.metAt === null && FLAGGED_DEADLINES.includes(d.kind) && now > d.dueAt).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
}

/** Business days left on the 10-day target at or below which the queue warns. */
export const TARGET_WARNING_DAYS = 2;

export interface TargetStanding {
  /** Business days left (0: due today); negative when overdue by that many business days. */
  daysLeft: number;
  /** 'near' from TARGET_WARNING_DAYS left, 'overdue' once past its due time. */
  tone: 'on-track' | 'near' | 'overdue';
}

/** Where an open 10-day decision target stands at `now`, counted on the business calendar like every SLA. */
export function targetStanding(target: Pick<Deadline, 'dueAt'>, now: string, cal: BusinessCalendar): TargetStanding {
  const daysLeft = businessDaysLeft(now, target.dueAt, cal);
  const tone = now > target.dueAt ? 'overdue' : daysLeft <= TARGET_WARNING_DAYS ? 'near' : 'on-track';
  return { daysLeft, tone };
}

export interface SlaReviewerRow {
  /** null: deadlines no reviewer has taken up yet (an overdue review start). */
  reviewerId: string | null;
  reviewerName: string | null;
  /** Reviewer deadlines this reviewer met, and how many of them by their due time. */
  met: number;
  onTime: number;
  /** onTime / met, or null when nothing was met yet. */
  onTimeRate: number | null;
  /** Open reviewer deadlines past due on claims this reviewer holds. */
  overdueNow: number;
  /** Claims rejected for no partner response after this reviewer's request for information. */
  autoRejections: number;
}

/** The last reviewer who acted on the claim up to `index` (exclusive), or null. */
function reviewerBefore(history: readonly HistoryEntry[], index: number): Actor | null {
  for (let i = index - 1; i >= 0; i--) if (history[i]!.actor.role === 'reviewer') return history[i]!.actor;
  return null;
}

/**
 * Folds the histories into one row per reviewer. A met deadline counts for the reviewer whose entry
 * met it (deadlines ended by the partner or a timer count for nobody); an overdue one for the last
 * reviewer who acted on the claim; an automatic rejection for the reviewer of the request before it.
 */
export function slaReport(histories: readonly (readonly HistoryEntry[])[], now: string, cal: BusinessCalendar): SlaReviewerRow[] {
  const rows = new Map<string, SlaReviewerRow>();
  const row = (a: Actor | null): SlaReviewerRow => {
    const key = a?.id ?? '';
    let r = rows.get(key);
    if (!r)
      rows.set(key, (r = { reviewerId: a?.id ?? null, reviewerName: a?.name ?? null, met: 0, onTime: 0, onTimeRate: null, overdueNow: 0, autoRejections: 0 }));
    return r;
  };
  for (const history of histories) {
    for (const d of deriveDeadlines(history, cal)) {
      if (!REVIEWER_DEADLINES.includes(d.kind)) continue;
      if (d.metAt !== null) {
        const by = history.find((e) => e.at === d.metAt)?.actor;
        if (by?.role !== 'reviewer') continue;
        const r = row(by);
        r.met++;
        if (d.metAt <= d.dueAt) r.onTime++;
      } else if (now > d.dueAt) {
        row(reviewerBefore(history, history.length)).overdueNow++;
      }
    }
    history.forEach((e, i) => {
      if (e.kind === 'rejected' && e.reason === 'no-partner-response') row(reviewerBefore(history, i)).autoRejections++;
    });
  }
  const out = [...rows.values()].map((r) => ({ ...r, onTimeRate: r.met === 0 ? null : r.onTime / r.met }));
  return out.sort((a, b) => (a.reviewerName ?? '\uffff').localeCompare(b.reviewerName ?? '\uffff'));
}
