// One partner of record per customer workload: competing claims (other partners' and the same
// partner's duplicates) ordered by their PoE's date (the acknowledgement's once PoE assist found it, else
// the upload time), and the explicit choice a decision that approves (an approval, or a dispute
// overturned) needs when another claim on the workload holds the association.
import { DateTime } from 'luxon';
import type { ClaimStatus, DisputeOutcome } from './codes';

export interface RivalRef {
  id: string;
  status: ClaimStatus;
  /** The latest PoE upload time (an instant), or null when the claim has no PoE. */
  latestPoeAt: string | null;
  /** The customer acknowledgement's date (YYYY-MM-DD) once PoE assist found it; absent on the service, which has no assist. */
  acknowledgedOn?: string | null;
}

/** The date a claim's PoE counts by, and which date it is: the acknowledgement's once found, else the upload time. */
export interface PoeDate {
  source: 'acknowledged' | 'uploaded';
  /** YYYY-MM-DD for an acknowledgement, the upload instant otherwise. */
  at: string;
  /** The local date the claims are ordered by (an upload's date in `timeZone`). */
  day: string;
}

export function poeDate(c: Pick<RivalRef, 'latestPoeAt' | 'acknowledgedOn'>, timeZone = 'UTC'): PoeDate | null {
  if (c.acknowledgedOn) return { source: 'acknowledged', at: c.acknowledgedOn, day: c.acknowledgedOn };
  if (!c.latestPoeAt) return null;
  const local = DateTime.fromISO(c.latestPoeAt, { zone: 'utc' }).setZone(timeZone);
  if (!local.isValid) throw new RangeError(`Not a valid upload time or time zone: "${c.latestPoeAt}" in "${timeZone}"`);
  return { source: 'uploaded', at: c.latestPoeAt, day: local.toISODate() as string };
}

/**
 * Most recent PoE first (the seed: the most recent valid PoE decides); claims without PoE last. A claim
 * counts by its acknowledgement date once PoE assist found it, else by its latest upload's local date;
 * on the same day the later upload comes first, then the claim id.
 */
export function byPoeDate<T extends RivalRef>(claims: readonly T[], timeZone = 'UTC'): T[] {
  const keyed = claims.map((c) => ({ c, day: poeDate(c, timeZone)?.day ?? '' }));
  keyed.sort((a, b) => comparePoe(a.day, a.c, b.day, b.c) || a.c.id.localeCompare(b.c.id));
  return keyed.map((k) => k.c);
}

type PoeDated = Pick<RivalRef, 'latestPoeAt' | 'acknowledgedOn'>;
/** Negative when a's PoE is more recent than b's: the later day, then the later upload. */
const comparePoe = (aDay: string, a: PoeDated, bDay: string, b: PoeDated): number =>
  bDay.localeCompare(aDay) || (b.latestPoeAt ?? '').localeCompare(a.latestPoeAt ?? '');

/** Whether the rival's PoE is more recent than this claim's (both dated): byPoeDate puts it first. */
export function newerPoe(rival: PoeDated, own: PoeDated, timeZone = 'UTC'): boolean {
  const r = poeDate(rival, timeZone);
  const o = poeDate(own, timeZone);
  return r !== null && o !== null && comparePoe(r.day, rival, o.day, own) < 0;
}

/** An approved claim holds the association (in its consent period or sent for incentive evaluation). */
export const holdsRecord = (c: Pick<RivalRef, 'status'>): boolean => c.status === 'approved';

/**
 * Why approving with this choice is refused, or null. Every approved rival must be named in
 * `supersedes` (the reviewer chose to supersede it), and only approved rivals may be named.
 */
export function approvalChoiceProblem(rivals: readonly RivalRef[], supersedes: readonly string[]): string | null {
  const holders = rivals.filter(holdsRecord).map((r) => r.id);
  const unchosen = holders.filter((id) => !supersedes.includes(id));
  if (unchosen.length > 0) return `claim ${unchosen.join(', ')} on the same customer workload is approved: approve only by superseding it, or do not approve`;
  const stray = supersedes.filter((id) => !holders.includes(id));
  if (stray.length > 0) return `claim ${stray.join(', ')} is not an approved claim on the same customer workload`;
  return null;
}

/** A reviewer's decision as far as the partner of record is concerned: its kind, a dispute's outcome, the claims it supersedes. */
export interface RecordDecision {
  kind: string;
  outcome?: DisputeOutcome;
  supersedes?: readonly string[];
}

/** Whether the decision makes the claim approved, taking up the association: an approval, or a dispute overturned (→ approved). */
export const decisionApproves = (d: Pick<RecordDecision, 'kind' | 'outcome'>): boolean =>
  d.kind === 'approve' || (d.kind === 'resolve-dispute' && d.outcome === 'overturn');

/**
 * Why this decision is refused as chosen, or null. A decision that approves follows approvalChoiceProblem
 * (every approved rival superseded by choice, nothing else named); any other decision supersedes nothing.
 */
export function decisionChoiceProblem(d: RecordDecision, rivals: readonly RivalRef[]): string | null {
  const supersedes = d.supersedes ?? [];
  if (decisionApproves(d)) return approvalChoiceProblem(rivals, supersedes);
  return supersedes.length === 0 ? null : 'only an approval or an overturned dispute supersedes another claim';
}

export const supersededMessage = (by: string): string => `Superseded: claim ${by} on the same customer workload was approved with more recent PoE.`;
